import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allMessages } from "./allMessages.js";
import { renderMessage } from "./catalogue.js";
import { renderErrorCatalogue } from "./renderCatalogue.js";

describe("issue catalogue", () => {
  const all = allMessages();

  it("has unique codes with a message in English and in Chinese", () => {
    expect(all.size).toBeGreaterThan(50);
    for (const [code, t] of all) {
      expect(code).toMatch(
        /^(schema|refactor|overlay|workflow|approval|automation|formula|record|access|lint)\.[a-z][A-Za-z]+$/,
      );
      // A rule's own message (written by the app's author) passes through unchanged.
      if (/^\{\w+\}$/.test(t.en)) continue;
      expect(t.en.length, code).toBeGreaterThan(10);
      expect(t["zh-CN"], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("uses the same placeholders in both languages (Chinese may use a *Zh variant)", () => {
    for (const [code, t] of all) {
      const names = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]?.replace(/Zh$/, "")));
      expect(names(t["zh-CN"]), code).toEqual(names(t.en));
    }
  });

  it("fills placeholders from params", () => {
    expect(renderMessage({ en: "Use {allowed}.", "zh-CN": "使用 {allowed}。" }, { allowed: ["a", "b"] })).toEqual({
      en: "Use a, b.",
      "zh-CN": "使用 a, b。",
    });
  });

  it("is documented in docs/errors.md (run `pnpm docs:errors` after changing a message)", () => {
    const file = fileURLToPath(new URL("../../../../docs/errors.md", import.meta.url));
    expect(readFileSync(file, "utf8")).toBe(renderErrorCatalogue());
  });
});
