/** Writes docs/errors.md from the issue catalogues; `catalogue.test.ts` fails when it is stale. */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderErrorCatalogue } from "../src/issues/renderCatalogue.js";

const target = fileURLToPath(new URL("../../../docs/errors.md", import.meta.url));
writeFileSync(target, renderErrorCatalogue());
console.log(`wrote ${target}`);
