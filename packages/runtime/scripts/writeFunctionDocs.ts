import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { functionReference } from "../src/expr/functions/docs.js";
import { standardFunctions } from "../src/expr/functions/index.js";

/** Regenerate docs/formula-functions.md from the function specs. */
const target = fileURLToPath(new URL("../../../docs/formula-functions.md", import.meta.url));
writeFileSync(target, functionReference(standardFunctions));
console.log(`wrote ${target}`);
