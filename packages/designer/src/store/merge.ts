/**
 * Three-way merge of JSON documents: `base` is what both sides started from, `ours` and `theirs`
 * the two edited versions. Where only one side changed something, that change is kept; where both
 * changed the same value differently, ours wins and the path is reported. Arrays of objects with
 * an `id` (entities, fields, pages, roles...) merge item by item: items added on either side are
 * kept, items removed on one side and unchanged on the other go; other arrays are values.
 */
export interface MergeResult<T> {
  readonly merged: T;
  /** JSON Pointers where both sides changed the same thing (ours was kept). */
  readonly conflicts: readonly string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
const escapeKey = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

function hasIds(value: unknown): value is Array<Record<string, unknown> & { id: string }> {
  return Array.isArray(value) && value.every((item) => isObject(item) && typeof item.id === "string");
}

function mergeValue(base: unknown, ours: unknown, theirs: unknown, path: string, conflicts: string[]): unknown {
  if (same(ours, theirs)) return ours;
  if (same(base, ours)) return theirs;
  if (same(base, theirs)) return ours;
  if (isObject(base) && isObject(ours) && isObject(theirs)) return mergeObject(base, ours, theirs, path, conflicts);
  if (hasIds(base) && hasIds(ours) && hasIds(theirs)) return mergeById(base, ours, theirs, path, conflicts);
  conflicts.push(path);
  return ours;
}

function mergeObject(
  base: Record<string, unknown>,
  ours: Record<string, unknown>,
  theirs: Record<string, unknown>,
  path: string,
  conflicts: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])];
  for (const key of keys) {
    const value = mergeValue(base[key], ours[key], theirs[key], `${path}/${escapeKey(key)}`, conflicts);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function mergeById(
  base: ReadonlyArray<Record<string, unknown> & { id: string }>,
  ours: ReadonlyArray<Record<string, unknown> & { id: string }>,
  theirs: ReadonlyArray<Record<string, unknown> & { id: string }>,
  path: string,
  conflicts: string[],
): unknown[] {
  const byId = (list: typeof base) => new Map(list.map((item) => [item.id, item]));
  const b = byId(base);
  const o = byId(ours);
  const t = byId(theirs);
  // Our order, then items only they added (after the item they follow in their list).
  const order = ours.map((item) => item.id);
  theirs.forEach((item, i) => {
    if (o.has(item.id) || b.has(item.id)) return;
    const before = theirs[i - 1]?.id;
    const found = before === undefined ? -1 : order.indexOf(before);
    const at = before === undefined ? 0 : found >= 0 ? found + 1 : order.length;
    order.splice(at, 0, item.id);
  });
  const out: unknown[] = [];
  order.forEach((id, i) => {
    const value = mergeValue(b.get(id), o.get(id), t.get(id), `${path}/${i}`, conflicts);
    if (value !== undefined) out.push(value);
  });
  return out;
}

export function merge3<T>(base: T, ours: T, theirs: T): MergeResult<T> {
  const conflicts: string[] = [];
  const merged = mergeValue(base, ours, theirs, "", conflicts) as T;
  return { merged, conflicts };
}
