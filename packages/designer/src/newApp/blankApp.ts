import { type App, CURRENT_SCHEMA_VERSION, type Label, type Locale } from "@plinth/runtime";

/** The names typed for a new app, per language; blank ones are left out. */
export type NewAppNames = Partial<Record<Locale, string>>;

/**
 * The smallest app the core accepts: an id, a version and a name, no entities yet (the editor adds
 * them). Not checked here: pass the result to `runtime.validateApp`, which says what is wrong
 * (an invalid id, ...) in both languages, before the server checks it again.
 *
 * @example blankApp("visits", { en: "Customer visits", "zh-CN": "客户拜访" })
 */
export function blankApp(id: string, names: NewAppNames): App {
  const label: { -readonly [L in Locale]?: string } = {};
  for (const [locale, text] of Object.entries(names) as Array<[Locale, string | undefined]>) {
    const trimmed = text?.trim();
    if (trimmed) label[locale] = trimmed;
  }
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: id.trim(),
    version: "1.0.0",
    ...(Object.keys(label).length > 0 ? { label: label as Label } : {}),
  };
}
