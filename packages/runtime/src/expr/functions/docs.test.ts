import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { functionReference } from "./docs.js";
import { standardFunctions } from "./index.js";

describe("docs/formula-functions.md", () => {
  it("is up to date (run: pnpm exec tsx --conditions=source packages/runtime/scripts/writeFunctionDocs.ts)", () => {
    const file = fileURLToPath(new URL("../../../../../docs/formula-functions.md", import.meta.url));
    expect(readFileSync(file, "utf8")).toBe(functionReference(standardFunctions));
  });

  it("documents every function in both languages with an example", () => {
    for (const fn of standardFunctions.values()) {
      expect(fn.doc.en.length, fn.name).toBeGreaterThan(10);
      expect(fn.doc["zh-CN"], fn.name).toMatch(/[\u4e00-\u9fff]/);
      expect(fn.doc.example.length, fn.name).toBeGreaterThan(0);
      expect(fn.doc.signature.startsWith(`${fn.name}(`), fn.name).toBe(true);
    }
  });
});
