import { describe, expect, it } from "vitest";
import { standardFunctions } from "../expr/functions/index.js";
import type { App, Query } from "../schema/types.js";
import { DataSourceError } from "../source/errors.js";
import { createMemorySource } from "../source/memory.js";
import { analyzeMeasureExpression, expressionOperands } from "./measureExpression.js";

const NOW = "2026-06-01T09:00:00.000Z";
const label = (en: string) => ({ en, "zh-CN": en });

const query: Query = {
  entity: "deal",
  measures: [
    { id: "velocity", expression: "open * win_rate * avg_won / days" },
    { id: "open", aggregate: "count", filter: "NOT(closed)" },
    { id: "won", aggregate: "count", filter: "won" },
    { id: "closed", aggregate: "count", filter: "closed" },
    { id: "win_rate", aggregate: "count", filter: "won", divideBy: "closed" },
    { id: "avg_won", aggregate: "sum", field: "amount", filter: "won", divideBy: "won" },
    { id: "days", aggregate: "avg", field: "days", filter: "won" },
    { id: "first", aggregate: "min", field: "name" },
  ],
};

describe("measure expressions: the scope and the memory source", () => {
  it("reads the number measures that are no expression (min and max keep their field's kind)", () => {
    expect(expressionOperands(query)).toEqual(["open", "won", "closed", "win_rate", "avg_won", "days"]);
    expect(analyzeMeasureExpression(query, "open * win_rate * avg_won / days", standardFunctions).issues).toEqual([]);
    const unknown = analyzeMeasureExpression(query, "velocity + first", standardFunctions).issues;
    expect(unknown.map((i) => [i.code, i.params?.field])).toEqual([
      ["formula.unknownField", "velocity"],
      ["formula.unknownField", "first"],
    ]);
    expect(analyzeMeasureExpression(query, "open > 1", standardFunctions).issues.map((i) => i.code)).toEqual([
      "formula.expectedType",
    ]);
  });

  const app = {
    schemaVersion: 1,
    id: "deals",
    version: "1.0.0",
    label: label("Deals"),
    entities: [
      {
        id: "deal",
        label: label("Deal"),
        fields: [
          { id: "name", kind: "text", label: label("Name") },
          { id: "team", kind: "text", label: label("Team") },
          { id: "amount", kind: "number", label: label("Amount") },
          { id: "days", kind: "number", label: label("Days") },
          { id: "won", kind: "boolean", label: label("Won") },
          { id: "closed", kind: "boolean", label: label("Closed") },
        ],
      },
    ],
  } as unknown as App;
  const deal = (id: string, team: string, amount: number, days: number | null, won: boolean, closed: boolean) => ({
    id,
    version: 1,
    name: id,
    team,
    amount,
    days,
    won,
    closed,
    createdAt: NOW,
    updatedAt: NOW,
  });
  const admin = { id: "admin", username: "admin", roles: [], attributes: {}, isAdmin: true };
  const source = createMemorySource({
    app,
    user: admin,
    users: [admin],
    clock: () => NOW,
    newId: () => "n",
    records: {
      deal: [
        deal("a", "east", 100, 10, true, true),
        deal("b", "east", 300, 30, true, true),
        deal("c", "east", 50, null, false, true),
        deal("d", "east", 70, null, false, false),
        deal("e", "east", 90, null, false, false),
        deal("f", "west", 40, null, false, false),
      ],
    },
  });

  it("computes expressions per group after ratios, as the server's SQL: blank over blank or 0", async () => {
    const { rows } = await source.query({
      ...query,
      groupBy: [{ field: "team" }],
      sort: [{ by: "velocity", direction: "desc" }],
    });
    // east: 2 open × (2 won / 3 closed) × (400 / 2) / 20 days; west: nothing closed, so blank.
    expect(rows.map((r) => [r.team, r.velocity])).toEqual([
      ["east", (2 * (2 / 3) * 200) / 20],
      ["west", null],
    ]);
    const [row] = (
      await source.query({
        entity: "deal",
        measures: [...(query.measures ?? []), { id: "zero", expression: "open / (won - won)" }],
      })
    ).rows;
    expect(row?.zero).toBe(null);
  });

  it("refuses a bad expression with the issue's code at its path", async () => {
    const error = await source
      .query({
        entity: "deal",
        measures: [
          { id: "n", aggregate: "count" },
          { id: "x", expression: "m * 2" },
        ],
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(DataSourceError);
    expect([(error as DataSourceError).code, (error as DataSourceError).path]).toEqual([
      "formula.unknownField",
      "/measures/1/expression",
    ]);
  });
});
