import type { AvailableActions, AvailableTransition, DataSource, Query } from "@plinth/runtime";
import type { RecordSource } from "../../data/records.js";
import type { FieldView } from "../../format.js";

/** What the kanban page needs from a data source: cards, column totals, and stage-machine moves. */
export type KanbanSource = Pick<DataSource, "list" | "query" | "action" | "actions">;

/** The page gets the player's RecordSource; the REST source behind it has the other methods too. */
export function asKanbanSource(source: RecordSource): KanbanSource | undefined {
  const s = source as Partial<KanbanSource>;
  return typeof s.query === "function" && typeof s.action === "function" && typeof s.actions === "function"
    ? (source as KanbanSource)
    : undefined;
}

/** Column ids: the select field's option values, in the field's order. */
export function columnValues(field: FieldView | undefined): string[] {
  return (field?.options ?? []).map((o) => o.value);
}

/** A formula that keeps one column's records, ANDed with the page's filter. */
export function columnFilter(field: string, value: string, pageFilter?: string): string {
  const own = `${field} = '${value.replaceAll("'", "''")}'`;
  const extra = pageFilter?.trim();
  return extra ? `(${extra}) AND ${own}` : own;
}

/** The totals query: one row per column value with a count (`n`) and, if asked, the sum of `sumField`. */
export function totalsQuery(entity: string, groupBy: string, sumField?: string, filter?: string): Query {
  return {
    entity,
    ...(filter?.trim() ? { filter: filter.trim() } : {}),
    groupBy: [{ field: groupBy }],
    measures: [
      { id: "n", aggregate: "count" },
      ...(sumField ? [{ id: "sum", aggregate: "sum" as const, field: sumField }] : []),
    ],
  };
}

export interface ColumnTotal {
  readonly count: number;
  readonly sum: number | null;
}

/** The query's rows by column value (a column without rows is absent: zero cards). */
export function totalsByColumn(
  rows: ReadonlyArray<Record<string, unknown>>,
  groupBy: string,
): Map<string, ColumnTotal> {
  const totals = new Map<string, ColumnTotal>();
  for (const row of rows) {
    const key = row[groupBy];
    if (typeof key !== "string") continue;
    const count = typeof row.n === "number" ? row.n : Number(row.n ?? 0);
    const sum = typeof row.sum === "number" ? row.sum : row.sum == null ? null : Number(row.sum);
    totals.set(key, { count, sum: Number.isFinite(sum) ? sum : null });
  }
  return totals;
}

/** The transition that takes the record to `to`, among those its user may run; stage machines on `field` only. */
export function transitionTo(actions: AvailableActions, to: string): AvailableTransition | undefined {
  return actions.transitions.find((t) => t.to === to);
}

/** Cards per column, each with the cursor of its next page when more follow. */
export interface ColumnCards<R> {
  readonly records: readonly R[];
  readonly next?: string;
}

/** Move card `id` from one column to another, at `index` in the target (default: on top). */
export function moveCard<R extends { readonly id: string }>(
  columns: Readonly<Record<string, ColumnCards<R>>>,
  id: string,
  from: string,
  to: string,
  record: R,
  index = 0,
): Record<string, ColumnCards<R>> {
  const source = columns[from] ?? { records: [] };
  const target = from === to ? source : (columns[to] ?? { records: [] });
  const without = source.records.filter((r) => r.id !== id);
  const base = from === to ? without : target.records.filter((r) => r.id !== id);
  const at = Math.max(0, Math.min(index, base.length));
  const inserted = [...base.slice(0, at), record, ...base.slice(at)];
  return { ...columns, [from]: { ...source, records: without }, [to]: { ...target, records: inserted } };
}
