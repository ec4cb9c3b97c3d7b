import { type App, type Field, type Locale, labelText } from "@plinth/runtime";
import type { Choice } from "./PropertyInput.js";

const named = (id: string, label: Parameters<typeof labelText>[0], locale: Locale): Choice => ({
  value: id,
  label: `${labelText(label, locale, id)} (${id})`,
});

/**
 * The values a field property may name in this document: a relation's or rollup's entity, a
 * rollup's relation and child field, a user field's roles, a select's default option.
 * `field` may be a draft (a field being added to entity `entityId`).
 */
export function choicesFor(
  doc: App,
  locale: Locale,
  entityId: string,
  field: Partial<Field> & { readonly kind: Field["kind"] },
  property: string,
): readonly Choice[] | undefined {
  const entities = doc.entities ?? [];
  const from = "from" in field ? entities.find((e) => e.id === field.from) : undefined;
  switch (property) {
    case "target":
    case "from":
      return entities.map((e) => named(e.id, e.label, locale));
    case "via":
      return (from?.fields ?? [])
        .filter((f) => f.kind === "relation" && f.target === entityId)
        .map((f) => named(f.id, f.label, locale));
    case "field":
      return field.kind === "rollup" ? (from?.fields ?? []).map((f) => named(f.id, f.label, locale)) : undefined;
    case "roles":
      return (doc.roles ?? []).map((r) => named(r.id, r.label, locale));
    case "default":
      return "options" in field && field.options
        ? field.options.map((o) => named(o.value, o.label, locale))
        : undefined;
    default:
      return undefined;
  }
}
