import { describe, expect, it } from "vitest";
import { parseAppJson } from "../src/app/parse.js";
import { validateApp } from "../src/runtime.js";
import { salesApp } from "./fixtures/salesApp.js";

describe("hostile app documents get issues, never a crash or a hang", () => {
  it("text that is not JSON", () => {
    const result = parseAppJson('{ "schemaVersion": 1, "id": ');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]?.code).toBe("schema.notJson");
      expect(result.issues[0]?.params).toMatchObject({ line: 1 });
    }
  });

  it("a 50 MB document", () => {
    const text = `{"schemaVersion":1,"id":"big","version":"1.0.0","description":"${"x".repeat(50 * 1024 * 1024)}"}`;
    const result = parseAppJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.code).toBe("schema.tooLarge");
  });

  it("a document nested 10,000 levels deep", () => {
    let deep: unknown = { kind: "text", text: "bottom" };
    for (let i = 0; i < 10_000; i++) deep = { kind: "section", children: [deep] };
    const doc = { ...salesApp(), pages: [{ kind: "form", id: "f", entity: "account", layout: deep }] };
    const result = validateApp(doc);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual(["schema.tooDeep"]);
    // The same through JSON text (built by hand: JSON.stringify itself recurses).
    const layout = `${'{"kind":"section","children":['.repeat(10_000)}{"kind":"text","text":"bottom"}${"]}".repeat(10_000)}`;
    const text = `{"schemaVersion":1,"id":"deep","version":"1.0.0","pages":[{"kind":"form","id":"f","entity":"a","layout":${layout}}]}`;
    const parsed = parseAppJson(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(validateApp(parsed.value).issues[0]?.code).toBe("schema.tooDeep");
  });

  it("__proto__, constructor and prototype as keys and ids do not pollute prototypes", () => {
    const text = JSON.stringify(salesApp())
      .replace('"id":"account","label"', '"id":"constructor","label"')
      .replace('"schemaVersion":1', '"schemaVersion":1,"__proto__":{"polluted":true}');
    const parsed = parseAppJson(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const result = validateApp(parsed.value);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => `${i.code} ${i.path}`)).toContain("schema.unknownProperty /__proto__");

    const ids = structuredClone(salesApp()) as { entities: Array<{ id: string; fields: Array<{ id: string }> }> };
    ids.entities[0]!.fields[0]!.id = "__proto__";
    ids.entities[1]!.fields[0]!.id = "prototype";
    const byId = validateApp(ids);
    expect(byId.issues.map((i) => `${i.code} ${i.path}`)).toEqual(
      expect.arrayContaining(["schema.invalidId /entities/0/fields/0/id"]),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a field named like SQL injection is refused as an id", () => {
    const doc = structuredClone(salesApp()) as { entities: Array<{ fields: Array<{ id: string }> }> };
    doc.entities[0]!.fields[0]!.id = 'x"; DROP TABLE y; --';
    const result = validateApp(doc);
    expect(result.issues.map((i) => `${i.code} ${i.path}`)).toEqual(["schema.invalidId /entities/0/fields/0/id"]);
    expect(result.issues[0]?.message.en).toContain("letters, digits and underscores");
  });

  it("a document that is not an object", () => {
    for (const doc of [null, 42, "app", [1, 2]]) expect(validateApp(doc).issues[0]?.code).toBe("schema.notObject");
  });

  it("a document with a million unknown properties reports a capped list", () => {
    const doc: Record<string, unknown> = { ...salesApp() };
    for (let i = 0; i < 100_000; i++) doc[`junk${i}`] = i;
    const result = validateApp(doc);
    expect(result.ok).toBe(false);
    expect(result.issues.length).toBeLessThanOrEqual(1001);
    expect(result.issues.at(-1)?.code).toBe("schema.tooManyIssues");
  });

  it("a formula of 100,000 characters and one of 1,000 nested parentheses", () => {
    const long = structuredClone(salesApp());
    long.entities[1]!.rules![0]!.invalidWhen = `amount > ${"1+".repeat(50_000)}1`;
    const longResult = validateApp(long);
    expect(longResult.issues.map((i) => i.code)).toContain("schema.tooLong");

    const nested = structuredClone(salesApp());
    nested.entities[1]!.rules![0]!.invalidWhen = `${"(".repeat(1000)}amount > 1${")".repeat(1000)}`;
    const nestedResult = validateApp(nested);
    expect(nestedResult.issues.map((i) => `${i.code} ${i.path}`)).toContain(
      "formula.tooDeep /entities/1/rules/0/invalidWhen",
    );
  });
});
