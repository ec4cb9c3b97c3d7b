import { type App, canonicalAppJson } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { salesApp } from "../../../../runtime/test/fixtures/salesApp.js";
import { pointerRange, stringCharOffset } from "./jsonPointerRange.js";

const slice = (text: string, pointer: string) => {
  const r = pointerRange(text, pointer);
  return r && text.slice(r.start, r.end);
};

describe("pointerRange", () => {
  const text = '{ "a": [1, 22, {"b~/c": "x\\"}"}], "d": { "e": null }, "": true }';

  it("finds values in objects and arrays, with their key", () => {
    expect(slice(text, "")).toBe(text);
    expect(slice(text, "/a")).toBe('[1, 22, {"b~/c": "x\\"}"}]');
    expect(slice(text, "/a/1")).toBe("22");
    expect(slice(text, "/a/2/b~0~1c")).toBe('"x\\"}"');
    expect(slice(text, "/d/e")).toBe("null");
    expect(slice(text, "/")).toBe("true");
    const d = pointerRange(text, "/d");
    expect(d && text.slice(d.keyStart, d.keyEnd)).toBe('"d"');
  });

  it("falls back to the deepest existing ancestor", () => {
    expect(pointerRange(text, "/d/missing/x")?.pointer).toBe("/d");
    expect(pointerRange(text, "/a/9")?.pointer).toBe("/a");
    expect(pointerRange(text, "/a/01")?.pointer).toBe("/a");
    expect(pointerRange("   ", "/a")).toBeUndefined();
  });

  it("agrees with the document for every field of the fixture app in canonical form", () => {
    const app = salesApp() as unknown as App;
    const json = canonicalAppJson(app);
    (app.entities ?? []).forEach((entity, e) => {
      entity.fields.forEach((field, f) => {
        const at = `/entities/${e}/fields/${f}`;
        expect(JSON.parse(slice(json, at) ?? "")).toEqual(field);
        expect(pointerRange(json, `${at}/id`)?.pointer).toBe(`${at}/id`);
      });
    });
  });
});

describe("stringCharOffset", () => {
  it("maps a decoded index to the raw offset past escapes", () => {
    const text = '{"f": "a\\nb\\u4e2dc"}';
    const start = text.indexOf('"a');
    expect(text[stringCharOffset(text, start, 0)]).toBe("a");
    expect(text.slice(stringCharOffset(text, start, 2), stringCharOffset(text, start, 3))).toBe("b");
    expect(text[stringCharOffset(text, start, 4)]).toBe("c");
  });
});
