import { describe, expect, it } from "vitest";
import { optionRanks, orderGroupsByOptions } from "../src/query/optionOrder.js";
import type { App } from "../src/schema/types.js";

const app = {
  schemaVersion: 1,
  id: "orders",
  version: "1.0.0",
  entities: [
    {
      id: "deal",
      fields: [
        {
          id: "stage",
          kind: "select",
          options: [{ value: "new" }, { value: "won" }, { value: "lost" }],
        },
        { id: "owner", kind: "text" },
        { id: "account", kind: "relation", target: "account" },
      ],
    },
    { id: "account", fields: [{ id: "tier", kind: "select", options: [{ value: "c" }, { value: "a" }] }] },
  ],
} as unknown as App;

describe("orderGroupsByOptions", () => {
  it("ranks a select field's options, through relations too, and nothing else", () => {
    expect([...(optionRanks(app, "deal", ["stage"]) ?? [])]).toEqual([
      ["new", 0],
      ["won", 1],
      ["lost", 2],
    ]);
    expect(optionRanks(app, "deal", ["account", "tier"])?.get("a")).toBe(1);
    expect(optionRanks(app, "deal", ["owner"])).toBeUndefined();
    expect(optionRanks(app, "deal", ["nope"])).toBeUndefined();
  });

  it("puts blank first and retired values after the options; other groupings by value", () => {
    const rows = [
      { owner: "b", stage: "won" },
      { owner: "a", stage: "retired" },
      { owner: "a", stage: "lost" },
      { owner: "a", stage: null },
      { owner: "a", stage: "new" },
    ];
    const ordered = orderGroupsByOptions(
      app,
      "deal",
      [
        { name: "owner", path: ["owner"] },
        { name: "stage", path: ["stage"] },
      ],
      rows,
    );
    expect(ordered.map((r) => `${r.owner}:${r.stage}`)).toEqual(["a:null", "a:new", "a:lost", "a:retired", "b:won"]);
  });

  it("leaves rows alone when no grouping is a select", () => {
    const rows = [{ owner: "b" }, { owner: "a" }];
    expect(orderGroupsByOptions(app, "deal", [{ name: "owner", path: ["owner"] }], rows)).toEqual(rows);
  });
});
