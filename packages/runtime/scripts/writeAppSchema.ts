/**
 * Writes packages/runtime/app-schema.json from the TypeScript sub-schemas.
 * The JSON file is committed so IT tools, editors and other languages can read it;
 * `appSchemaFile.test.ts` fails when it is out of date.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderAppMetaSchema } from "../src/schema/render.js";

const target = fileURLToPath(new URL("../app-schema.json", import.meta.url));
writeFileSync(target, renderAppMetaSchema());
console.log(`wrote ${target}`);
