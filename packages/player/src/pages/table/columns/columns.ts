import { type Entity, type Field, type Label, systemFields, type TablePage } from "@plinth/runtime";

/** A column the user may show: a readable field of the page's entity. */
export interface ColumnOption {
  readonly id: string;
  readonly label: Label | undefined;
}

/** System fields worth a column (the id and version are not). */
const SYSTEM_COLUMNS = new Set(["createdAt", "updatedAt", "createdBy", "updatedBy"]);

/**
 * The columns a user may choose from: the page's own columns first (with their labels), then the
 * entity's other fields and the system dates and users, minus what the user may not read. Files
 * have no cell to show them in.
 */
export function columnOptions(
  page: TablePage,
  entity: Entity | undefined,
  hidden: ReadonlySet<string>,
): ColumnOption[] {
  const fields: Field[] = [...(entity?.fields ?? []), ...systemFields.filter((f) => SYSTEM_COLUMNS.has(f.id))];
  const byId = new Map(fields.map((f) => [f.id, f]));
  const out = new Map<string, ColumnOption>();
  for (const column of page.columns) {
    const field = byId.get(column.field);
    if (!field || hidden.has(field.id) || field.kind === "attachment") continue;
    out.set(field.id, { id: field.id, label: column.label ?? field.label });
  }
  for (const field of fields) {
    if (out.has(field.id) || hidden.has(field.id) || field.kind === "attachment") continue;
    out.set(field.id, { id: field.id, label: field.label });
  }
  return [...out.values()];
}

/** The page's own columns, as the schema lists them. */
export function pageColumns(page: TablePage): string[] {
  return page.columns.map((c) => c.field);
}

/**
 * The columns to show: `chosen` (a saved view's, or the user's) in its order, keeping only those
 * still on offer (a field removed from the app or hidden from the user since disappears).
 */
export function shownColumns(chosen: readonly string[], options: readonly ColumnOption[]): string[] {
  const known = new Set(options.map((o) => o.id));
  return [...new Set(chosen)].filter((id) => known.has(id));
}

/** Move `id` one place towards the start (-1) or the end (+1); unchanged at the edges. */
export function moveColumn(columns: readonly string[], id: string, by: -1 | 1): string[] {
  const from = columns.indexOf(id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= columns.length) return [...columns];
  const next = [...columns];
  next.splice(from, 1);
  next.splice(to, 0, id);
  return next;
}
