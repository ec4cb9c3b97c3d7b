import type { App } from "../schema/types.js";
import { diffPermissions, diffRoles } from "./access.js";
import { createChangeSink } from "./collect.js";
import type { AppChange } from "./diff.types.js";
import { diffEntities } from "./entities.js";
import { diffRest } from "./generic.js";
import { noCounts, planStorage, type StorageCounter } from "./storagePlan.js";
import { diffWorkflows } from "./workflows.js";

/** Options of {@link diffApps}. */
export interface DiffAppsOptions {
  /** Counts for the storage plan (rows a dropped table or column holds); 0 without one. */
  readonly counter?: StorageCounter;
}

/**
 * The semantic difference between two valid versions of an app, in document order: entities
 * and fields, roles, permissions, workflows, then everything else (automations, pages,
 * dashboards, navigation, settings) so nothing goes unreported. Each change has a class:
 * what needs a data migration or loses data comes from the same storage plan the server
 * publishes with (`planStorage`), so the two never disagree. Ids are identity: a renamed
 * entity or field reads as one removed and one added, as it does to a publish without declared renames.
 *
 * @example
 * const changes = diffApps(v1, v2);
 * changes[0]?.message.en; // "approval promotionApproval step 2 (finance): approver changed from role regional_manager to role finance"
 * worstClass(changes);    // "compatible"
 */
export function diffApps(before: App, after: App, options: DiffAppsOptions = {}): AppChange[] {
  const plan = planStorage(before, after, {}, options.counter ?? noCounts);
  const sink = createChangeSink();
  diffEntities(sink, before, after, plan);
  diffRoles(sink, before, after);
  diffPermissions(sink, before, after);
  diffWorkflows(sink, before, after);
  diffRest(sink, before, after);
  return [...sink.changes];
}
