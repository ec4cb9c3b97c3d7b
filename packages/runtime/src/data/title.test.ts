import { describe, expect, it } from "vitest";
import { parseFormula } from "../expr/parser.js";
import type { Entity } from "../schema/types.js";
import { idInFilter, lookUpTitles, recordTitle, titleFieldOf, titleRequests } from "./title.js";

const label = { en: "x", "zh-CN": "x" };
const entities = [
  { id: "account", label, titleField: "name", fields: [{ id: "name", kind: "text", label }] },
  { id: "note", label, fields: [{ id: "body", kind: "longText", label }] },
  {
    id: "deal",
    label,
    fields: [
      { id: "name", kind: "text", label },
      { id: "account", kind: "relation", label, target: "account" },
      { id: "partner", kind: "relation", label, target: "account" },
      { id: "note", kind: "relation", label, target: "note" },
    ],
  },
] as unknown as Entity[];

describe("naming a page's related records", () => {
  it("asks per related entity for the distinct ids the records point at, skipping entities with no title", () => {
    const rows = [
      { account: "a1", partner: "a2", note: "n1" },
      { account: "a1", partner: null },
      { account: "a3", partner: "" },
    ];
    expect(titleRequests({ entities }, "deal", rows)).toEqual([
      { entity: "account", titleField: "name", ids: ["a1", "a3", "a2"] },
    ]);
    expect(titleRequests({ entities }, "deal", rows, ["partner"])).toEqual([
      { entity: "account", titleField: "name", ids: ["a2"] },
    ]);
    expect(titleRequests({ entities }, "deal", [{ account: null }])).toEqual([]);
  });

  it("filters by id with a formula the parser reads back, whatever the ids hold", () => {
    const text = idInFilter(["a1", "it's", 'say "hi"']);
    const parsed = parseFormula(text);
    expect(parsed.ast?.type === "in" && parsed.ast.list.map((n) => (n.type === "string" ? n.value : n))).toEqual([
      "a1",
      "it's",
      'say "hi"',
    ]);
  });

  it("looks titles up in chunks of at most 500 ids and filters the language accepts, keeping non-blank titles", async () => {
    const ids = Array.from({ length: 1_201 }, (_, i) => `a${i}`);
    const asked: number[] = [];
    const titles = await lookUpTitles([{ entity: "account", titleField: "name", ids }], async (entity, options) => {
      expect(entity).toBe("account");
      expect(options.fields).toEqual(["name"]);
      asked.push(options.limit);
      const parsed = parseFormula(options.filter);
      expect(parsed.issues ?? []).toEqual([]);
      const wanted = parsed.ast?.type === "in" ? parsed.ast.list : [];
      return wanted.map((n) => {
        const id = n.type === "string" ? n.value : "";
        return { id, name: id === "a7" ? "" : `Name ${id}` };
      });
    });
    expect(asked).toEqual([500, 500, 201]);
    expect(Object.keys(titles)).toHaveLength(1_200);
    expect(titles.a1200).toBe("Name a1200");
    expect(titles.a7).toBeUndefined();

    // Long ids: the filter's length decides the chunk (each filter under 10,000 characters).
    const long = Array.from({ length: 600 }, (_, i) => `${"x".repeat(60)}${i}`);
    const lengths: number[] = [];
    const named = await lookUpTitles([{ entity: "account", titleField: "name", ids: long }], async (_e, options) => {
      lengths.push(options.filter.length);
      const parsed = parseFormula(options.filter);
      expect(parsed.issues ?? []).toEqual([]);
      return (parsed.ast?.type === "in" ? parsed.ast.list : []).map((n) => ({
        id: n.type === "string" ? n.value : "",
        name: "n",
      }));
    });
    expect(Object.keys(named)).toHaveLength(600);
    expect(lengths.length).toBeGreaterThan(2);
    for (const length of lengths) expect(length).toBeLessThanOrEqual(10_000);
  });
});

const entity = (extra: Partial<Entity>): Entity =>
  ({
    id: "deal",
    fields: [
      { id: "amount", kind: "number" },
      { id: "name", kind: "text" },
      { id: "code", kind: "text" },
    ],
    ...extra,
  }) as Entity;

describe("record titles", () => {
  it("uses the titleField, else the first text field", () => {
    expect(titleFieldOf(entity({ titleField: "code" }))).toBe("code");
    expect(titleFieldOf(entity({}))).toBe("name");
    expect(titleFieldOf({ id: "x", fields: [{ id: "n", kind: "number" }] } as Entity)).toBeUndefined();
  });

  it("gives the value as text, and nothing for blanks", () => {
    expect(recordTitle(entity({}), { name: "Deal 1" })).toBe("Deal 1");
    expect(recordTitle(entity({ titleField: "amount" }), { amount: 12 })).toBe("12");
    expect(recordTitle(entity({}), { name: "" })).toBeUndefined();
    expect(recordTitle(entity({}), {})).toBeUndefined();
  });
});
