import type { Entity } from "../schema/types.js";

/** The field that names an entity's records: its `titleField`, else its first text field. */
export function titleFieldOf(entity: Entity): string | undefined {
  return entity.titleField ?? entity.fields.find((f) => f.kind === "text")?.id;
}

/** A record's title (for lists, pickers, inboxes), or undefined when it has none. */
export function recordTitle(entity: Entity, record: Readonly<Record<string, unknown>>): string | undefined {
  const field = titleFieldOf(entity);
  const value = field === undefined ? undefined : record[field];
  if (value === undefined || value === null || value === "") return undefined;
  return typeof value === "string" ? value : String(value);
}
