import type { App, OverlayOperation } from "../schema/types.js";
import { ID_COLLECTIONS } from "./idPath.js";

/** Top-level properties that are the variant's own identity, never part of its overlay. */
const OWN = new Set(["$schema", "schemaVersion", "id", "version", "extends", "overlay", "locks"]);
const ID = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
const withIds = (v: unknown): v is Array<Record<string, unknown> & { id: string }> =>
  Array.isArray(v) && v.every((item) => isObject(item) && typeof item.id === "string" && ID.test(item.id));

function diff(base: unknown, next: unknown, target: string, key: string, out: OverlayOperation[]): void {
  if (same(base, next)) return;
  if (ID_COLLECTIONS.has(key) && withIds(base) && withIds(next)) {
    const before = new Map(base.map((item) => [item.id, item]));
    const after = new Set(next.map((item) => item.id));
    for (const item of base) if (!after.has(item.id)) out.push({ op: "remove", target: `${target}/${item.id}` });
    for (const item of next) {
      const old = before.get(item.id);
      if (old === undefined) out.push({ op: "add", target, value: item });
      else diff(old, item, `${target}/${item.id}`, "", out);
    }
    return;
  }
  const keys = isObject(base) && isObject(next) ? [...new Set([...Object.keys(base), ...Object.keys(next)])] : [];
  // Objects whose keys are ids (not labels keyed by language) are changed key by key.
  if (keys.length > 0 && keys.every((k) => ID.test(k)) && isObject(base) && isObject(next)) {
    for (const k of keys) {
      if (!Object.hasOwn(next, k)) out.push({ op: "remove", target: `${target}/${k}` });
      else diff(base[k], next[k], `${target}/${k}`, k, out);
    }
    return;
  }
  out.push({ op: "set", target, value: next });
}

/**
 * The overlay that turns `template` into `edited`, as id-addressed operations: elements of id
 * collections added, removed or changed property by property; other values set whole. This is
 * how the designer keeps a regional variant: the user edits the effective app, the overlay is
 * derived from it, and `applyOverlay(template, overlay)` gives the same app back (added elements
 * go to the end of their collection).
 */
export function deriveOverlay(template: App, edited: App): OverlayOperation[] {
  const out: OverlayOperation[] = [];
  const base = template as unknown as Record<string, unknown>;
  const next = edited as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(base), ...Object.keys(next)])) {
    if (OWN.has(key)) continue;
    if (!Object.hasOwn(next, key)) out.push({ op: "remove", target: `/${key}` });
    else diff(base[key], next[key], `/${key}`, key, out);
  }
  return out;
}
