import type { App } from "../schema/types.js";
import { compareStored } from "../source/memoryStore.js";

/**
 * Where a grouping's values come from a select field (directly or through relations), the
 * position of each option in the field's list: `stage` groups read Prospecting, Qualification,
 * … Closed lost, the order the schema gives, not the alphabet of their stored values.
 */
export function optionRanks(
  app: App,
  entity: string,
  path: readonly string[],
): ReadonlyMap<string, number> | undefined {
  let current = app.entities?.find((e) => e.id === entity);
  for (let i = 0; i < path.length && current; i++) {
    const field = current.fields.find((f) => f.id === path[i]);
    if (!field) return undefined;
    if (i < path.length - 1) {
      if (field.kind !== "relation") return undefined;
      const target = field.target;
      current = app.entities?.find((e) => e.id === target);
      continue;
    }
    if (field.kind !== "select" && field.kind !== "multiSelect") return undefined;
    return new Map(field.options.map((o, rank) => [o.value, rank]));
  }
  return undefined;
}

/**
 * A query's rows in their default order when it names no sort: by each grouping in turn,
 * select groupings by option position (blank first, values no longer among the options
 * after them), other groupings by value as the database orders them (blank first, numbers,
 * then text by code point). The server and the in-memory source both call it, so they agree.
 */
export function orderGroupsByOptions<R extends Readonly<Record<string, unknown>>>(
  app: App,
  entity: string,
  groups: ReadonlyArray<{ readonly name: string; readonly path: readonly string[] }>,
  rows: readonly R[],
): R[] {
  const keys = groups.map((g) => ({ name: g.name, ranks: optionRanks(app, entity, g.path) }));
  if (keys.every((k) => k.ranks === undefined)) return [...rows];
  const rank = (ranks: ReadonlyMap<string, number>, value: unknown) =>
    value === null || value === undefined ? -1 : (ranks.get(String(value)) ?? ranks.size);
  return [...rows].sort((a, b) => {
    for (const { name, ranks } of keys) {
      const c = ranks
        ? rank(ranks, a[name]) - rank(ranks, b[name]) || compareStored(a[name] ?? null, b[name] ?? null)
        : compareStored(a[name] ?? null, b[name] ?? null);
      if (c !== 0) return c;
    }
    return 0;
  });
}
