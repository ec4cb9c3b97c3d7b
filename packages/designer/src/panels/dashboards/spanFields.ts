import { type App, type Field, fieldAtPath, type Locale, labelText } from "@plinth/runtime";
import { entityFields, optionText } from "../workflows/model.js";

/** A field a date bucket applies to. */
export const isDate = (f: Field | undefined): boolean => f?.kind === "date" || f?.kind === "datetime";

/** Does `path` end on a date or datetime field (one a date bucket applies to)? */
export const isDatePath = (doc: App, entity: string | undefined, path: string): boolean =>
  isDate(fieldAtPath(doc, entity, path));

/**
 * Where a span grouping starting at `start` may end: the query entity's date and datetime
 * fields and, when the start lies on a related record (`promotion.in_store_from`), that
 * record's date fields by the same path (`promotion.in_store_to`: a line counts in every week its
 * promotion is in store). Labelled in `locale`, with the path beside.
 */
export function spanEndOptions(
  doc: App,
  entity: string | undefined,
  start: string,
  locale: Locale,
): { value: string; label: string }[] {
  const own = entityFields(doc, entity)
    .filter(isDate)
    .map((f) => ({ value: f.id, label: optionText(labelText(f.label, locale, f.id), f.id) }));
  const dot = start.lastIndexOf(".");
  if (dot < 0) return own;
  const prefix = start.slice(0, dot);
  const via = prefix.split(".").map((_, i, all) => fieldAtPath(doc, entity, all.slice(0, i + 1).join(".")));
  const holder = via.at(-1);
  if (holder?.kind !== "relation") return own;
  const names = via.map((f, i) => labelText(f?.label, locale, prefix.split(".")[i] ?? ""));
  const related = entityFields(doc, holder.target)
    .filter(isDate)
    .map((f) => {
      const value = `${prefix}.${f.id}`;
      return { value, label: optionText([...names, labelText(f.label, locale, f.id)].join(" › "), value) };
    });
  return [...own, ...related];
}
