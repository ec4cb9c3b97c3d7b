/**
 * Publishing a new app version: the difference between two schemas, as storage steps.
 * Pure and dialect-neutral; the server counts the rows destructive steps touch and applies
 * the steps in its dialect, and `diffApps` uses the same steps to say what needs a migration.
 * Additive steps (new table, column, index; renames; lossless type changes) apply freely;
 * destructive ones (drops, lossy conversions) need the publisher's confirmation.
 */
import type { ColumnType } from "../fields/fieldKind.js";
import type { App, Entity } from "../schema/types.js";
import { type ColumnSpec, entityColumns, entityIndexes, type IndexSpec } from "./columns.js";

/** Renames the publisher declares (the designer records them); anything else is add + drop. */
export interface StorageRenames {
  readonly entities?: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  readonly fields?: ReadonlyArray<{ readonly entity: string; readonly from: string; readonly to: string }>;
}

/** One step of a storage plan. `rows` are what the plan's counter answered (0 without data). */
export type StorageStep =
  | { readonly kind: "createTable"; readonly entity: string; readonly columns: readonly ColumnSpec[] }
  | { readonly kind: "renameEntity"; readonly from: string; readonly to: string }
  | { readonly kind: "dropTable"; readonly entity: string; readonly rows: number }
  | { readonly kind: "addColumn"; readonly entity: string; readonly column: ColumnSpec }
  | { readonly kind: "renameColumn"; readonly entity: string; readonly from: string; readonly to: string }
  | { readonly kind: "dropColumn"; readonly entity: string; readonly field: string; readonly rows: number }
  | {
      readonly kind: "changeType";
      readonly entity: string;
      readonly field: string;
      readonly from: ColumnType;
      readonly to: ColumnType;
      readonly lossy: boolean;
      readonly rows: number;
    }
  | { readonly kind: "addIndex"; readonly entity: string; readonly index: IndexSpec }
  | { readonly kind: "dropIndex"; readonly entity: string; readonly index: IndexSpec }
  | {
      readonly kind: "optionsRemoved";
      readonly entity: string;
      readonly field: string;
      readonly values: readonly string[];
    };

/** The steps that take stored data from one app version to the next. */
export interface StoragePlan {
  readonly steps: readonly StorageStep[];
  /** True when any step loses data: it needs `confirm: true` to apply. */
  readonly destructive: boolean;
}

/**
 * Counts a plan reports, asked synchronously: rows in a table, non-blank values in a column
 * (both under the names stored data has before the plan). The server answers them from its
 * database; {@link noCounts} answers 0 when there is no data to look at.
 */
export interface StorageCounter {
  rows(entity: string): number;
  nonBlank(entity: string, field: string): number;
}

/** A counter for plans computed without data (every count 0). */
export const noCounts: StorageCounter = { rows: () => 0, nonBlank: () => 0 };

/** Conversions that keep every value (SQL casts that cannot fail or lose digits). */
const lossless: ReadonlySet<string> = new Set([
  "integer>real",
  "integer>text",
  "real>text",
  "boolean>integer",
  "boolean>real",
  "boolean>text",
  "date>text",
  "datetime>text",
  "date>datetime",
  "text>json",
]);

/** Does converting a column from `from` to `to` keep every value? */
export function isLosslessColumnChange(from: ColumnType, to: ColumnType): boolean {
  return from === to || lossless.has(`${from}>${to}`);
}

/** Does the step lose data (drops, lossy conversions)? */
export function isDestructiveStep(step: StorageStep): boolean {
  return step.kind === "dropTable" || step.kind === "dropColumn" || (step.kind === "changeType" && step.lossy);
}

function byId<T extends { id: string }>(items: readonly T[] | undefined): Map<string, T> {
  return new Map((items ?? []).map((i) => [i.id, i]));
}

function optionValues(entity: Entity, field: string): string[] | undefined {
  const f = entity.fields.find((x) => x.id === field);
  return f && (f.kind === "select" || f.kind === "multiSelect") ? f.options.map((o) => o.value) : undefined;
}

function diffEntity(
  prev: Entity,
  next: Entity,
  prevApp: App,
  nextApp: App,
  renames: StorageRenames,
  counter: StorageCounter,
): StorageStep[] {
  const steps: StorageStep[] = [];
  const entity = next.id;
  const before = new Map(entityColumns(prev).map((c) => [c.field, c]));
  const after = new Map(entityColumns(next).map((c) => [c.field, c]));
  const fieldRenames = (renames.fields ?? []).filter(
    (r) => r.entity === entity && before.has(r.from) && after.has(r.to),
  );
  for (const r of fieldRenames) {
    steps.push({ kind: "renameColumn", entity, from: r.from, to: r.to });
    const column = before.get(r.from) as ColumnSpec;
    before.delete(r.from);
    before.set(r.to, { field: r.to, type: column.type });
  }
  for (const [field, column] of after) {
    const old = before.get(field);
    if (!old) steps.push({ kind: "addColumn", entity, column });
    else if (old.type !== column.type) {
      const lossy = !isLosslessColumnChange(old.type, column.type);
      steps.push({
        kind: "changeType",
        entity,
        field,
        from: old.type,
        to: column.type,
        lossy,
        rows: lossy ? counter.nonBlank(prev.id, field) : 0,
      });
    }
  }
  for (const field of before.keys()) {
    if (!after.has(field)) {
      const original = fieldRenames.find((r) => r.to === field)?.from ?? field;
      steps.push({ kind: "dropColumn", entity, field, rows: counter.nonBlank(prev.id, original) });
    }
  }
  for (const field of after.keys()) {
    const was = optionValues(prev, fieldRenames.find((r) => r.to === field)?.from ?? field);
    const now = optionValues(next, field);
    if (!was || !now) continue;
    const removed = was.filter((v) => !now.includes(v));
    if (removed.length > 0) steps.push({ kind: "optionsRemoved", entity, field, values: removed });
  }
  const renameField = (f: string) => fieldRenames.find((r) => r.from === f)?.to ?? f;
  const oldIndexes = new Map(
    entityIndexes(prevApp, prev).map((i) => {
      const fields = i.fields.map(renameField);
      const key = `${i.unique ? "u" : "i"}:${fields.join(",")}`;
      return [key, { ...i, key, fields }];
    }),
  );
  const newIndexes = new Map(entityIndexes(nextApp, next).map((i) => [i.key, i]));
  for (const [key, index] of oldIndexes) if (!newIndexes.has(key)) steps.push({ kind: "dropIndex", entity, index });
  for (const [key, index] of newIndexes) if (!oldIndexes.has(key)) steps.push({ kind: "addIndex", entity, index });
  return steps;
}

/**
 * The plan that takes stored data from `prev` (undefined for a first publish) to `next`.
 * Steps come in an order that can be applied as listed: renames, then tables and columns,
 * then index changes.
 *
 * @example
 * planStorage(v1, v2, {}, noCounts).steps; // [{ kind: "addColumn", entity: "deal", column: { field: "region", type: "text" } }]
 */
export function planStorage(
  prev: App | undefined,
  next: App,
  renames: StorageRenames = {},
  counter: StorageCounter = noCounts,
): StoragePlan {
  const steps: StorageStep[] = [];
  const before = byId(prev?.entities);
  const after = byId(next.entities);
  for (const r of renames.entities ?? []) {
    const entity = before.get(r.from);
    if (entity && after.has(r.to) && !before.has(r.to)) {
      steps.push({ kind: "renameEntity", from: r.from, to: r.to });
      before.delete(r.from);
      before.set(r.to, { ...entity, id: r.to });
    }
  }
  for (const [id, entity] of after) {
    const old = before.get(id);
    if (!old) {
      steps.push({ kind: "createTable", entity: id, columns: entityColumns(entity) });
      for (const index of entityIndexes(next, entity)) steps.push({ kind: "addIndex", entity: id, index });
    } else {
      const original = (renames.entities ?? []).find((r) => r.to === id)?.from ?? id;
      steps.push(
        ...diffEntity({ ...old, id: original }, entity, prev as App, next, renames, counter).map((s) =>
          retarget(s, original, id),
        ),
      );
    }
  }
  for (const id of before.keys()) {
    if (!after.has(id)) steps.push({ kind: "dropTable", entity: id, rows: counter.rows(id) });
  }
  return { steps, destructive: steps.some(isDestructiveStep) };
}

/** Steps computed against a renamed entity's old id are reported under its new id. */
function retarget(step: StorageStep, from: string, to: string): StorageStep {
  return "entity" in step && step.entity === from ? { ...step, entity: to } : step;
}
