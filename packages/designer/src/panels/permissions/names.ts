import { type App, type Locale, labelText } from "@plinth/runtime";
import { ANY } from "./grants.js";
import { permissionsStrings } from "./strings.js";

/** A role's name in `locale` ("Everyone" for `*`). */
export function roleName(doc: App, id: string, locale: Locale): string {
  if (id === ANY) return permissionsStrings[locale].perm_everyone;
  return labelText((doc.roles ?? []).find((r) => r.id === id)?.label, locale, id);
}

/** An entity's name in `locale` ("All entities" for `*`). */
export function entityName(doc: App, id: string, locale: Locale): string {
  if (id === ANY) return permissionsStrings[locale].perm_allEntities;
  return labelText((doc.entities ?? []).find((e) => e.id === id)?.label, locale, id);
}
