import { describe, expect, expectTypeOf, it } from "vitest";
import type { Field, FieldKindName } from "../fields/index.js";
import type { App, Entity, LayoutNode, Page, Workflow } from "./types.js";

/*
 * Type tests: checked by `tsc -p tsconfig.tests.json` (part of `pnpm test`). The runtime
 * assertions only make vitest count the file; the value is in the compile-time checks.
 */

function kindLabel(field: Field): string {
  // Exhaustive: adding a kind without handling it here fails to compile.
  switch (field.kind) {
    case "text":
    case "longText":
    case "email":
    case "phone":
    case "url":
      return "text";
    case "number":
    case "currency":
    case "percent":
      return "number";
    case "boolean":
    case "date":
    case "datetime":
    case "user":
    case "autonumber":
    case "attachment":
      return field.kind;
    case "select":
    case "multiSelect":
      return `${field.kind}(${field.options.length})`;
    case "relation":
      return `relation→${field.target}`;
    case "formula":
      return `formula:${field.expression}`;
    case "rollup":
      return `rollup:${field.aggregate}`;
    default: {
      const never: never = field;
      return never;
    }
  }
}

function countFields(node: LayoutNode): number {
  switch (node.kind) {
    case "section":
    case "columns":
      return node.children.reduce((n, c) => n + countFields(c), 0);
    case "tabs":
      return node.tabs.reduce((n, t) => n + t.children.reduce((m, c) => m + countFields(c), 0), 0);
    case "field":
      return 1;
    case "text":
    case "relatedList":
    case "widget":
      return 0;
  }
}

describe("schema types", () => {
  it("narrow field kinds, layout nodes, pages and workflows by their discriminant", () => {
    expect(kindLabel({ id: "r", kind: "relation", target: "account" })).toBe("relation→account");
    expect(
      countFields({
        kind: "section",
        children: [{ kind: "tabs", tabs: [{ id: "t", children: [{ kind: "field", field: "a" }] }] }],
      }),
    ).toBe(1);
    expectTypeOf<FieldKindName>().toEqualTypeOf<Field["kind"]>();
    expectTypeOf<Page["kind"]>().toEqualTypeOf<"form" | "detail" | "table" | "kanban" | "dashboard" | "inbox">();
    expectTypeOf<Workflow["kind"]>().toEqualTypeOf<"stateMachine" | "approval">();
    expectTypeOf<Entity["fields"]>().toEqualTypeOf<Field[]>();
  });

  it("reject what the meta-schema rejects", () => {
    // @ts-expect-error unknown field kind
    const badKind: Field = { id: "x", kind: "txet" };
    // @ts-expect-error select needs options
    const noOptions: Field = { id: "x", kind: "select" };
    // @ts-expect-error extra property (additionalProperties: false)
    const extra: Field = { id: "x", kind: "text", colour: "red" };
    // @ts-expect-error schemaVersion is the literal 1
    const badVersion: App = { schemaVersion: 2, id: "a", version: "1.0.0" };
    // @ts-expect-error a section's children are layout nodes
    const badChild: LayoutNode = { kind: "section", children: [{ kind: "field" }] };
    expect([badKind, noOptions, extra, badVersion, badChild]).toHaveLength(5);
  });
});
