import { type App, canonicalAppJson, createRuntime } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { salesApp } from "../../../../runtime/test/fixtures/salesApp.js";
import { issueMarkers, parseAppText, revealOffset } from "./codeSync.js";

const runtime = createRuntime();

describe("parseAppText", () => {
  it("accepts JSON objects only, and says why not in both languages", () => {
    expect(parseAppText('{"id": "a"}')).toEqual({ ok: true, doc: { id: "a" } });
    const broken = parseAppText('{"id": ');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.message["zh-CN"]).toContain("JSON");
    for (const text of ["[]", "null", "3"]) expect(parseAppText(text).ok).toBe(false);
  });
});

describe("issueMarkers", () => {
  it("puts a formula's type error on its span inside the JSON string", () => {
    const app = salesApp() as unknown as App;
    const opp = app.entities?.findIndex((e) => e.id === "opportunity") ?? -1;
    const fields = app.entities?.[opp]?.fields ?? [];
    const f = fields.findIndex((x) => x.id === "lost_reason");
    (fields[f] as { visibleWhen?: string }).visibleWhen = "stage = 'lost' AND nonsense";
    const text = canonicalAppJson(app);
    const issues = runtime.validateApp(app).issues;
    const markers = issueMarkers(text, issues, "en");
    const marker = markers.find((m) => m.code === "formula.unknownField");
    expect(marker && text.slice(marker.start, marker.end)).toBe("nonsense");
    expect(marker?.message).toContain("nonsense");
  });

  it("puts an issue about an object on its property name, a missing one on its parent", () => {
    const text = '{\n  "id": "a",\n  "entities": [\n    { "id": "x", "fields": [] }\n  ]\n}';
    const issue = (path: string) => ({
      code: "c",
      path,
      params: {},
      severity: "error" as const,
      message: { en: "m", "zh-CN": "米" },
    });
    const [entities, missing, root] = issueMarkers(
      text,
      [issue("/entities"), issue("/entities/0/label"), issue("")],
      "zh-CN",
    );
    expect(entities && text.slice(entities.start, entities.end)).toBe('"entities"');
    expect(missing && text.slice(missing.start, missing.end)).toBe("{");
    expect(root).toMatchObject({ start: 0, end: 1, message: "米" });
  });
});

describe("revealOffset", () => {
  it("is the selected thing's property name, or its first character in an array", () => {
    const text = '{"pages": [{"id": "p"}]}';
    expect(revealOffset(text, "/pages")).toBe(1);
    expect(revealOffset(text, "/pages/0")).toBe(11);
  });
});
