import { describe, expect, it } from "vitest";
import { createAjv } from "../app/structure.js";
import { fieldKindNames, standardFieldKinds } from "./index.js";

const required = [
  "text",
  "longText",
  "number",
  "currency",
  "percent",
  "boolean",
  "date",
  "datetime",
  "select",
  "multiSelect",
  "email",
  "phone",
  "url",
  "user",
  "relation",
  "formula",
  "rollup",
  "autonumber",
  "attachment",
];

/** A minimal valid definition of each kind, and a value that kind must accept / refuse. */
const samples: Record<string, { field: Record<string, unknown>; good?: unknown; bad?: unknown }> = {
  text: { field: { maxLength: 5 }, good: "abc", bad: "toolong" },
  longText: { field: {}, good: "many\nlines", bad: 3 },
  number: { field: { integer: true, min: 0 }, good: 3, bad: 1.5 },
  currency: { field: { currency: "CNY" }, good: 12.5, bad: "12" },
  percent: { field: {}, good: 50, bad: 150 },
  boolean: { field: {}, good: true, bad: "yes" },
  date: { field: {}, good: "2026-02-28", bad: "2026-02-30" },
  datetime: { field: {}, good: "2026-02-28T10:00:00.000Z", bad: "yesterday" },
  select: { field: { options: [{ value: "a" }, { value: "b" }] }, good: "a", bad: "c" },
  multiSelect: { field: { options: [{ value: "a" }, { value: "b" }] }, good: ["a", "b"], bad: ["a", "a"] },
  email: { field: {}, good: "li.lei@example.cn", bad: "not-an-email" },
  phone: { field: {}, good: "+86 21 5555 0101", bad: "call me" },
  url: { field: {}, good: "https://example.com", bad: "javascript:alert(1)" },
  user: { field: {}, good: "u_123", bad: "has space" },
  relation: { field: { target: "account" }, good: "rec_1", bad: "'; DROP" },
  formula: { field: { expression: "1 + 1", resultType: "number" }, good: 2, bad: "2" },
  rollup: { field: { from: "child", via: "parent", aggregate: "count" } },
  autonumber: { field: { prefix: "P-", padding: 4 }, good: "P-0001", bad: 1 },
  attachment: {
    field: {},
    good: [{ id: "f1", name: "a.pdf", size: 10, contentType: "application/pdf" }],
    bad: [{ id: "f1" }],
  },
};

describe("field kinds", () => {
  it("covers every kind the issue asks for, one module each", () => {
    expect([...fieldKindNames].sort()).toEqual([...required].sort());
  });

  for (const name of fieldKindNames) {
    const kind = standardFieldKinds[name];
    const sample = samples[name];
    it(`${name}: meta-schema part, value schema, column and formula type`, () => {
      expect(kind.kind).toBe(name);
      expect(String(kind.schema.$id)).toContain(`/fields/${name}.json`);
      const ajv = createAjv();
      const definition = { id: "f", kind: name, ...sample?.field };
      expect(ajv.validate(kind.schema, definition), JSON.stringify(ajv.errors)).toBe(true);
      expect(ajv.validate(kind.schema, { ...definition, bogus: 1 })).toBe(false);
      const field = definition as never;
      const valueSchema = kind.valueSchema(field);
      if (sample?.good !== undefined)
        expect(ajv.validate(valueSchema, sample.good), JSON.stringify(ajv.errors)).toBe(true);
      if (sample?.bad !== undefined) expect(ajv.validate(valueSchema, sample.bad)).toBe(false);
      const column = kind.column(field);
      if (name === "rollup") expect(column).toBeUndefined();
      else expect(["text", "real", "integer", "boolean", "date", "datetime", "json"]).toContain(column);
      const type = kind.formulaType(field);
      if (name === "attachment") expect(type).toBeUndefined();
      else expect(type?.kind).toBeDefined();
    });
  }

  it("select and multiSelect carry their options into the formula type", () => {
    const field = { id: "s", kind: "select" as const, options: [{ value: "won" }, { value: "lost" }] };
    expect(standardFieldKinds.select.formulaType(field)).toEqual({ kind: "text", options: ["won", "lost"] });
  });

  it("relations and users carry the entity they point to", () => {
    expect(standardFieldKinds.relation.formulaType({ id: "a", kind: "relation", target: "account" })).toEqual({
      kind: "text",
      ref: "account",
    });
    expect(standardFieldKinds.user.formulaType({ id: "o", kind: "user" })).toEqual({ kind: "text", ref: "user" });
  });
});
