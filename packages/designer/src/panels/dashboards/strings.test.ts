import { describe, expect, it } from "vitest";
import { dashboardsStrings } from "./strings.js";

describe("the dashboards panel's words", () => {
  it("has the same keys in English and Chinese, each with text", () => {
    expect(Object.keys(dashboardsStrings["zh-CN"]).sort()).toEqual(Object.keys(dashboardsStrings.en).sort());
    for (const [key, text] of Object.entries(dashboardsStrings["zh-CN"])) expect(text, key).not.toBe("");
  });

  it("keeps the same placeholders in both languages", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const zh: Record<string, string> = dashboardsStrings["zh-CN"];
    for (const [key, text] of Object.entries(dashboardsStrings.en)) {
      expect(placeholders(zh[key] ?? ""), key).toEqual(placeholders(text));
    }
  });

  it("names every language a label input is for", () => {
    for (const lang of ["en", "zh-CN"] as const) {
      expect(dashboardsStrings[lang]).toHaveProperty("dash_lang_en");
      expect(dashboardsStrings[lang]).toHaveProperty(["dash_lang_zh-CN"]);
    }
  });
});
