import type { EvalEnv } from "@plinth/runtime";
import type { PublishedApp } from "../apps/published.js";
import { prefetchPaths } from "../records/formulas.js";
import type { Actor } from "../records/userContext.js";
import type { RecordReader } from "../storage/types.js";

/**
 * The formula environment of an automation on one record: `$user` is whoever made the write
 * (the system for scheduled runs), relation paths are fetched ahead so the core evaluates
 * synchronously. `old` (for `$old.*`) gets its own paths fetched too.
 */
export async function automationEnv(
  published: PublishedApp,
  records: RecordReader,
  entity: string,
  actor: Actor,
  record: Readonly<Record<string, unknown>>,
  paths: ReadonlyArray<readonly string[]>,
  old?: Readonly<Record<string, unknown>>,
): Promise<EvalEnv> {
  const now = await prefetchPaths(published, records, entity, record, paths);
  const before = old ? await prefetchPaths(published, records, entity, old, paths) : new Map<string, unknown>();
  return {
    today: actor.env.today,
    now: actor.env.now,
    user: actor.env.user ?? { id: actor.id },
    old,
    lookup: (path, target) => (target === old && old !== record ? before : now).get(path.join(".")) ?? null,
  };
}
