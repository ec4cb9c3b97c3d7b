import { describe, expect, it } from "vitest";
import { resources } from "../i18n.js";
import { newAppStrings } from "../newApp/strings.js";
import { peopleStrings } from "./strings.js";

describe("the designer's words", () => {
  it("has the same keys in English and Chinese, each with text", () => {
    for (const part of [peopleStrings, newAppStrings]) {
      expect(Object.keys(part["zh-CN"]).sort()).toEqual(Object.keys(part.en).sort());
    }
    expect(Object.keys(resources["zh-CN"].translation).sort()).toEqual(Object.keys(resources.en.translation).sort());
    for (const [key, text] of Object.entries(resources["zh-CN"].translation)) expect(text, key).not.toBe("");
  });

  it("keeps the same placeholders in both languages", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const part of [peopleStrings, newAppStrings]) {
      for (const [key, text] of Object.entries(part.en)) {
        expect(placeholders(part["zh-CN"][key as keyof (typeof part)["zh-CN"]]), key).toEqual(placeholders(text));
      }
    }
  });
});
