import { describe, expect, it } from "vitest";
import { promotionApp } from "../../test/fixtures/promotionApp.js";
import { salesApp } from "../../test/fixtures/salesApp.js";
import { canonicalAppJson } from "./canonical.js";

/** The same document with every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  );
}

describe("canonicalAppJson", () => {
  it("puts identity keys first, then the meta-schema's order, then the rest alphabetically", () => {
    const text = canonicalAppJson({
      entities: [
        {
          fields: [{ label: { "zh-CN": "金额", en: "Amount" }, required: true, id: "amount", kind: "currency" }],
          label: "Deal",
          id: "deal",
        },
      ],
      version: "1.0.0",
      label: "CRM",
      zeta: 1,
      alpha: 2,
      id: "crm",
      schemaVersion: 1,
      $schema: "https://plinth.dev/schemas/app/v1/app.json",
    });
    expect(text).toBe(
      `${[
        "{",
        '  "$schema": "https://plinth.dev/schemas/app/v1/app.json",',
        '  "schemaVersion": 1,',
        '  "id": "crm",',
        '  "version": "1.0.0",',
        '  "label": "CRM",',
        '  "entities": [',
        "    {",
        '      "id": "deal",',
        '      "label": "Deal",',
        '      "fields": [',
        "        {",
        '          "id": "amount",',
        '          "kind": "currency",',
        '          "label": {',
        '            "en": "Amount",',
        '            "zh-CN": "金额"',
        "          },",
        '          "required": true',
        "        }",
        "      ]",
        "    }",
        "  ],",
        '  "alpha": 2,',
        '  "zeta": 1',
        "}",
      ].join("\n")}\n`,
    );
  });

  it("follows the kind of a field, a page and a layout node to their own schema", () => {
    const doc = {
      schemaVersion: 1,
      id: "a",
      version: "1.0.0",
      pages: [{ layout: [{ visibleWhen: "x > 1", field: "x", kind: "field" }], entity: "deal", id: "p", kind: "form" }],
    };
    const text = canonicalAppJson(doc);
    expect(text.indexOf('"entity"')).toBeLessThan(text.indexOf('"layout"'));
    expect(text.indexOf('"field": "x"')).toBeLessThan(text.indexOf('"visibleWhen"'));
  });

  it("keeps array order, orders free-form objects alphabetically and keeps numeric keys as text order", () => {
    const doc = {
      schemaVersion: 1,
      id: "a",
      version: "1.0.0",
      overlay: [{ op: "set", target: "/x", value: { "10": 1, "9": 2, b: 3, a: 4, id: "v" } }],
      roles: [{ id: "zRole" }, { id: "aRole" }],
    };
    const text = canonicalAppJson(doc);
    expect(text.indexOf('"zRole"')).toBeLessThan(text.indexOf('"aRole"'));
    const value = text.slice(text.indexOf('"value"'));
    const order = ['"id"', '"10"', '"9"', '"a"', '"b"'].map((k) => value.indexOf(k));
    expect(order).toEqual([...order].sort((x, y) => x - y));
  });

  it("is idempotent, independent of the input's key order, and parses back to the same document", () => {
    for (const app of [salesApp(), promotionApp()]) {
      const once = canonicalAppJson(app);
      expect(JSON.parse(once)).toEqual(app);
      expect(canonicalAppJson(JSON.parse(once))).toBe(once);
      expect(canonicalAppJson(reversed(app))).toBe(once);
      expect(once.endsWith("}\n")).toBe(true);
      // Same layout as JSON.stringify(app, null, 2): only the key order differs.
      expect(once.length).toBe(JSON.stringify(app, null, 2).length + 1);
    }
  });

  it("writes values as JSON.stringify does: empty containers, escapes, undefined left out", () => {
    const text = canonicalAppJson({
      schemaVersion: 1,
      id: "a",
      version: "1.0.0",
      roles: [],
      settings: {},
      x: undefined,
      label: 'a"\n',
    });
    expect(JSON.parse(text)).toEqual({
      schemaVersion: 1,
      id: "a",
      version: "1.0.0",
      roles: [],
      settings: {},
      label: 'a"\n',
    });
    expect(text).toContain('"roles": []');
    expect(text).toContain('"settings": {}');
  });
});
