/** One sort key of the list API's `sort` parameter. */
export interface SortKey {
  readonly field: string;
  readonly direction: "asc" | "desc";
}

/** `sort` parameter text: `-amount,name`. */
export function sortParam(keys: readonly SortKey[]): string | undefined {
  if (keys.length === 0) return undefined;
  return keys.map((k) => (k.direction === "desc" ? `-${k.field}` : k.field)).join(",");
}

/**
 * A click on a column header: a new column sorts ascending, then descending, then back to the
 * page's default order (an empty list means "the page's default").
 */
export function nextSort(current: readonly SortKey[], field: string): SortKey[] {
  const first = current[0];
  if (!first || first.field !== field) return [{ field, direction: "asc" }];
  if (first.direction === "asc") return [{ field, direction: "desc" }];
  return [];
}

/** Only plain field ids can be sorted by the list API (not paths like `account.region`). */
export function sortable(field: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(field);
}

/** Combine the page's own filter with what the user typed: both must hold. */
export function combineFilters(pageFilter: string | undefined, userFilter: string | undefined): string | undefined {
  const parts = [pageFilter, userFilter].map((f) => f?.trim()).filter((f): f is string => !!f);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return parts.map((p) => `(${p})`).join(" AND ");
}
