import { describe, expect, it } from "vitest";
import type { PlanStep } from "../../api/designerApi.js";
import { possibleRenames, withRenames } from "./possibleRenames.js";

describe("possible renames in a migration plan", () => {
  it("pairs a dropped column holding values with an added column of the same entity, once each", () => {
    const steps = [
      { kind: "addColumn", entity: "deal", column: { field: "value", type: "real" } },
      { kind: "addColumn", entity: "deal", column: { field: "extra", type: "text" } },
      { kind: "dropColumn", entity: "deal", field: "amount", rows: 40 },
      { kind: "dropColumn", entity: "deal", field: "empty", rows: 0 },
      { kind: "dropColumn", entity: "lead", field: "source", rows: 3 },
      { kind: "dropTable", entity: "visit", rows: 9 },
      { kind: "createTable", entity: "meeting", columns: [] },
    ] as unknown as PlanStep[];
    expect(possibleRenames(steps)).toEqual([
      { kind: "field", entity: "deal", from: "amount", to: "value", rows: 40 },
      { kind: "entity", from: "visit", to: "meeting", rows: 9 },
    ]);
  });

  it("adds chosen renames to the session's", () => {
    expect(
      withRenames({ fields: [{ entity: "deal", from: "a", to: "b" }] }, [
        { kind: "field", entity: "deal", from: "c", to: "d", rows: 1 },
        { kind: "entity", from: "visit", to: "meeting", rows: 2 },
      ]),
    ).toEqual({
      entities: [{ from: "visit", to: "meeting" }],
      fields: [
        { entity: "deal", from: "a", to: "b" },
        { entity: "deal", from: "c", to: "d" },
      ],
    });
  });
});
