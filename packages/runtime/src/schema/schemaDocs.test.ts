import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readMetaSchema, renderSchemaReference, schemaDocsPaths } from "../../scripts/writeSchemaDocs.js";

describe("docs/schema-reference.md and its Chinese twin", () => {
  const schema = readMetaSchema();

  for (const lang of ["en", "zh-CN"] as const) {
    it(`${lang} is up to date (run: pnpm docs:schema)`, () => {
      expect(readFileSync(schemaDocsPaths[lang], "utf8")).toBe(renderSchemaReference(schema, lang));
    });
  }

  it("has a section for every part of the meta-schema and links the two languages", () => {
    const en = renderSchemaReference(schema, "en");
    const zh = renderSchemaReference(schema, "zh-CN");
    for (const name of Object.keys(schema.$defs ?? {})) {
      expect(en, name).toMatch(new RegExp(`^##+ ${name}$`, "m"));
      expect(zh, name).toMatch(new RegExp(`^##+ ${name}$`, "m"));
    }
    expect(en).toContain("(schema-reference.zh-CN.md)");
    expect(zh).toContain("(schema-reference.md)");
    expect(zh).toContain("| 属性 | 类型 | 必填 |");
  });
});
