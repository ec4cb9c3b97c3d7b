import { describe, expect, it } from "vitest";
import { validateApp } from "../runtime.js";
import type { App } from "../schema/types.js";
import { schemaToTs } from "./tsType.js";
import { typegenApp } from "./typegenApp.js";

const app = validateApp({
  schemaVersion: 1,
  id: "sales",
  version: "2.1.0",
  roles: [{ id: "rep" }],
  entities: [
    {
      id: "deal_line",
      label: { en: "Deal line */", "zh-CN": "明细" },
      fields: [
        { id: "title", kind: "text", required: true },
        { id: "amount", kind: "currency", default: 0, required: true },
        { id: "stage", kind: "select", options: [{ value: "open" }, { value: "won" }] },
        { id: "tags", kind: "multiSelect", options: [{ value: "hot" }, { value: "cold" }] },
        { id: "owner", kind: "user" },
        { id: "doubled", kind: "formula", expression: "amount * 2" },
        { id: "files", kind: "attachment" },
      ],
    },
  ],
  workflows: [
    {
      kind: "stateMachine",
      id: "stages",
      entity: "deal_line",
      field: "stage",
      initial: "open",
      states: [{ id: "open" }, { id: "won", final: true }],
      transitions: [{ id: "win", from: ["open"], to: "won" }],
    },
  ],
}).app as App;

describe("typegenApp", () => {
  const source = typegenApp(app);

  it("maps field kinds faithfully: options as unions, multi-values as arrays, computed fields read-only", () => {
    expect(source).toContain('  stage?: "open" | "won" | null;');
    expect(source).toContain('  tags?: Array<"hot" | "cold"> | null;');
    expect(source).toContain("  owner?: string | null;");
    expect(source).toContain("  readonly doubled?: number | null;");
    expect(source).toMatch(
      / {2}files\?: \{\n {4}id: string;\n {4}name: string;\n {4}size: number;\n {4}contentType: string;\n {2}\}\[\] \| null;/,
    );
  });

  it("requires required input fields without a default on create, and keeps computed fields out of inputs", () => {
    const create = source.slice(
      source.indexOf("export interface DealLineCreate"),
      source.indexOf("export interface DealLineUpdate"),
    );
    expect(create).toContain("  title: string;");
    expect(create).toContain("  amount?: number | null;");
    expect(create).not.toContain("doubled");
    expect(source).toContain('export type DealLineAction = "win";');
    expect(source).toContain("Deal line *\\/ / 明细");
  });

  it("renders the JSON Schema subset the field kinds use", () => {
    expect(schemaToTs({ anyOf: [{ type: "integer" }, { type: "null" }] })).toBe("number | null");
    expect(schemaToTs({ const: "x" })).toBe('"x"');
    expect(schemaToTs({ not: {} })).toBe("unknown");
  });
});
