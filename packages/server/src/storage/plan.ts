/**
 * Publishing a new app version: the difference between two schemas, as storage steps.
 * The steps are the runtime's pure `planStorage` (which `plinth diff` uses too); here they are
 * counted against the database, which answers asynchronously. `applyPlan` of an implementation
 * carries the steps out.
 */
import {
  type App,
  isDestructiveStep,
  isLosslessColumnChange,
  planStorage,
  type StorageCounter,
  type StoragePlan,
  type StorageRenames,
  type StorageStep,
} from "@plinth/runtime";

export type Renames = StorageRenames;
export type PlanStep = StorageStep;
export type MigrationPlan = StoragePlan;

/** Counts the publisher needs to see: rows in a table, non-blank values in a column. */
export interface PlanCounter {
  rows(entity: string): Promise<number>;
  nonBlank(entity: string, field: string): Promise<number>;
}

export const isLossless = isLosslessColumnChange;
export const isDestructive = isDestructiveStep;

/**
 * The plan that takes stored data from `prev` (undefined for a first publish) to `next`, with
 * the rows each destructive step touches. The pure planner runs twice: once to learn which counts
 * it needs, then (after asking the database for them, one at a time) to fill them in.
 */
export async function planMigration(
  prev: App | undefined,
  next: App,
  renames: Renames,
  counter: PlanCounter,
): Promise<MigrationPlan> {
  const wanted = new Map<string, () => Promise<number>>();
  planStorage(prev, next, renames, {
    rows: (entity) => {
      wanted.set(JSON.stringify(["rows", entity]), () => counter.rows(entity));
      return 0;
    },
    nonBlank: (entity, field) => {
      wanted.set(JSON.stringify(["nonBlank", entity, field]), () => counter.nonBlank(entity, field));
      return 0;
    },
  });
  const counts = new Map<string, number>();
  for (const [key, count] of wanted) counts.set(key, await count());
  const known: StorageCounter = {
    rows: (entity) => counts.get(JSON.stringify(["rows", entity])) ?? 0,
    nonBlank: (entity, field) => counts.get(JSON.stringify(["nonBlank", entity, field])) ?? 0,
  };
  return planStorage(prev, next, renames, known);
}
