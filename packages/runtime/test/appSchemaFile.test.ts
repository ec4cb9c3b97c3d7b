import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildAppMetaSchema } from "../src/schema/app.js";
import { APP_SCHEMA_ID } from "../src/schema/common.js";
import { renderAppMetaSchema } from "../src/schema/render.js";

const file = fileURLToPath(new URL("../app-schema.json", import.meta.url));

describe("app-schema.json", () => {
  it("is the meta-schema assembled from the TypeScript sub-schemas (run `pnpm schema:write` after changing them)", () => {
    expect(readFileSync(file, "utf8")).toBe(renderAppMetaSchema());
  });

  it("has an $id, draft 2020-12, and embeds every sub-schema under $defs", () => {
    const schema = buildAppMetaSchema() as { $id: string; $schema: string; $defs: Record<string, { $id: string }> };
    expect(schema.$id).toBe(APP_SCHEMA_ID);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const ids = Object.values(schema.$defs).map((d) => d.$id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(schema.$defs)).toEqual(
      expect.arrayContaining(["field", "fields_relation", "entity", "workflow", "layoutNode", "page"]),
    );
  });
});
