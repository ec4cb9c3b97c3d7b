import { buildAppMetaSchema } from "./app.js";

/** The exact text of `app-schema.json`: the bundled meta-schema, pretty-printed. */
export function renderAppMetaSchema(): string {
  return `${JSON.stringify(buildAppMetaSchema(), null, 2)}\n`;
}
