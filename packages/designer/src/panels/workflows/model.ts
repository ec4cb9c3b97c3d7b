import { type App, type Field, type Locale, labelText, recordFields } from "@plinth/runtime";

/** An entity's fields as queries and formulas see them: its own, then the system's (the core's). */
export const entityFields = recordFields;

/** Select options for fields, labelled in the UI language with the id beside. */
export function fieldOptions(fields: readonly Field[], locale: Locale) {
  return fields.map((f) => ({ value: f.id, label: optionText(labelText(f.label, locale, f.id), f.id) }));
}

export function optionText(text: string, id: string): string {
  return text === id ? id : `${text} (${id})`;
}

export function entityOptions(doc: App, locale: Locale) {
  return (doc.entities ?? []).map((e) => ({ value: e.id, label: optionText(labelText(e.label, locale, e.id), e.id) }));
}

export function roleOptions(doc: App, locale: Locale) {
  return (doc.roles ?? []).map((r) => ({ value: r.id, label: optionText(labelText(r.label, locale, r.id), r.id) }));
}

/** The select field's option label for a state id (states are the options of the field). */
export function stateText(doc: App, entity: string, field: string, state: string, locale: Locale): string {
  const f = entityFields(doc, entity).find((x) => x.id === field);
  const option = f?.kind === "select" ? f.options.find((o) => o.value === state) : undefined;
  return labelText(option?.label, locale, state);
}
