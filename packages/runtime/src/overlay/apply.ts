import { schemaIssue } from "../app/messages.js";
import { parentOf, valueAt } from "../app/refactor/pointer.js";
import { labelText } from "../i18n/label.js";
import type { Issue } from "../issues/issue.js";
import type { App, Locks, OverlayOperation } from "../schema/types.js";
import { isUnder, resolveIdPath } from "./idPath.js";

export type Lock = Locks[number];

/** Where an effective app differs from its template because of the overlay. */
export interface Provenance {
  /** Id paths the overlay set, merged into or added (the rest is inherited). */
  readonly changed: readonly string[];
  /** Id paths the overlay removed from the template. */
  readonly removed: readonly string[];
}

export interface ApplyOverlayResult {
  /** The template with every acceptable operation applied (the template itself is not changed). */
  readonly app: App;
  /** Operations refused or not applicable, with the path `/overlay/<i>`. */
  readonly issues: readonly Issue[];
  readonly provenance: Provenance;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function reasonText(lock: Lock): string {
  return lock.reason === undefined ? (lock.mode ?? "frozen") : labelText(lock.reason, "en", lock.mode ?? "frozen");
}

function bilingual(code: Parameters<typeof schemaIssue>[0], path: string, en: object, zh: object): Issue {
  const a = schemaIssue(code, path, en as Record<string, unknown>);
  const b = schemaIssue(code, path, zh as Record<string, unknown>);
  return { ...a, message: { en: a.message.en, "zh-CN": b.message["zh-CN"] } };
}

/** A change to `value` at a `tightenOnly` target is tighter when it only restricts more. */
function tighter(key: string, base: unknown, value: unknown): boolean {
  if (base === undefined && typeof value === "number") return true; // any limit is tighter than none
  if (typeof base === "number" && typeof value === "number") return /^min/i.test(key) ? value >= base : value <= base;
  if (key === "required" || key === "unique") return value === true || value === base;
  return value === base;
}

/**
 * The lock an operation touches, if any. A lock covers its target and everything under it;
 * replacing or removing a parent touches it too; a merge touches only the keys it sets; an
 * addition touches only the new element (inside a locked collection, or not at all).
 */
function lockFor(locks: readonly Lock[], op: OverlayOperation): Lock | undefined {
  const both = (target: string) => locks.find((l) => isUnder(target, l.target) || isUnder(l.target, target));
  switch (op.op) {
    case "set":
    case "remove":
      return both(op.target);
    case "merge": {
      const keys = isObject(op.value) ? Object.keys(op.value) : [];
      for (const key of keys) {
        const lock = both(`${op.target}/${key}`);
        if (lock) return lock;
      }
      return undefined;
    }
    case "add": {
      const id = isObject(op.value) && typeof op.value.id === "string" ? op.value.id : "";
      return locks.find((l) => isUnder(`${op.target}/${id}`, l.target));
    }
  }
}

/**
 * Apply a regional overlay to a template: `set` a value, `merge` properties into an object,
 * `add` an element to an id collection, `remove` an element. Targets are id paths. Operations
 * touching a template lock are refused (`frozen`), or allowed only when they restrict more
 * (`tightenOnly`: a lower maximum, a higher minimum, required made true). Refused operations are
 * reported with their path and skipped; the others apply in order.
 */
export function applyOverlay(template: App, overlay: readonly OverlayOperation[]): ApplyOverlayResult {
  const app = structuredClone(template) as App;
  const locks = template.locks ?? [];
  const issues: Issue[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  overlay.forEach((op, i) => {
    const path = `/overlay/${i}`;
    const target = op.target;
    const lock = lockFor(locks, op);
    const reason = lock ? reasonText(lock) : "";
    if (lock && (lock.mode ?? "frozen") === "frozen") {
      issues.push(bilingual("overlay.locked", path, { target, reason }, { target, reason }));
      return;
    }
    const resolved = resolveIdPath(app, target);
    if (!resolved.ok) {
      issues.push(schemaIssue("overlay.targetMissing", path, { target, missing: resolved.missing }));
      return;
    }
    const refuse = (why: string) =>
      issues.push(schemaIssue("overlay.badOperation", path, { op: op.op, target, reason: why }));
    const current = valueAt(app, resolved.pointer);
    if (lock) {
      // tightenOnly: only `set` of a value under the lock, and only to something tighter.
      const key = target.split("/").at(-1) ?? "";
      if (op.op !== "set" || !isUnder(target, lock.target) || !tighter(key, current, op.value)) {
        const base = JSON.stringify(current ?? null);
        const value = JSON.stringify(op.value ?? null);
        issues.push(
          bilingual("overlay.notTighter", path, { target, reason, base, value }, { target, reason, base, value }),
        );
        return;
      }
    }
    switch (op.op) {
      case "set": {
        const at = parentOf(app, resolved.pointer);
        if (!at || Array.isArray(at.container)) return refuse("there is no object property there");
        if (op.value === undefined) delete at.container[at.key];
        else at.container[at.key] = structuredClone(op.value);
        changed.push(target);
        return;
      }
      case "merge": {
        if (!isObject(current) || !isObject(op.value))
          return refuse("merge needs an object at the target and as the value");
        Object.assign(current, structuredClone(op.value));
        changed.push(target);
        return;
      }
      case "add": {
        if (!Array.isArray(current)) return refuse("add needs a collection (e.g. /entities/deal/fields)");
        const id = isObject(op.value) ? op.value.id : undefined;
        if (typeof id !== "string") return refuse("the added value needs an id");
        if (current.some((item) => isObject(item) && item.id === id)) {
          issues.push(schemaIssue("overlay.duplicateId", path, { id, target }));
          return;
        }
        current.push(structuredClone(op.value));
        changed.push(`${target}/${id}`);
        return;
      }
      case "remove": {
        const at = parentOf(app, resolved.pointer);
        if (!at || !resolved.exists) return refuse("there is nothing there to remove");
        if (Array.isArray(at.container)) at.container.splice(Number(at.key), 1);
        else delete at.container[at.key];
        removed.push(target);
        return;
      }
    }
  });
  return { app, issues, provenance: { changed, removed } };
}
