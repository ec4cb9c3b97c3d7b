import { type CompiledAutomation, dateOffsetDue } from "@plinth/runtime";
import type { PublishedApp } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import { type Condition, type Row, SqlTranslationError, type WriteTx } from "../storage/types.js";
import { systemActor } from "../workflow/timers.js";
import { auditAutomation, carryOut } from "./carryOut.js";
import { automationEnv } from "./env.js";
import { becomesTrueKey } from "./hook.js";

/** Everything a scheduled run needs: the timer's transaction, the automation and the moment. */
export interface SweepScope {
  readonly ctx: ServerContext;
  readonly tx: WriteTx;
  readonly published: PublishedApp;
  readonly automation: CompiledAutomation;
  /** When the timer ran (its `doneAt`). */
  readonly now: string;
}

const PAGE = 200;

/** The meta key holding when an automation was first scheduled (dateOffset ignores dates due earlier). */
export function sinceKey(app: string, automation: string): string {
  return `automationSince:${app}:${automation}`;
}

/**
 * Visit the records of the automation's entity in pages (keyset by id, so records the
 * visit itself changes are neither skipped nor repeated). With `filtered`, the condition
 * narrows the rows in SQL when it translates; the core checks it again either way.
 */
export async function forEachRecord(
  scope: SweepScope,
  filtered: boolean,
  visit: (record: Row) => Promise<void>,
): Promise<void> {
  const records = scope.tx.records(scope.published.stored);
  const condition = scope.automation.condition;
  let where: Condition = filtered && condition ? { kind: "formula", typed: condition.typed } : { kind: "all" };
  const env = systemActor(scope.ctx, scope.now).env;
  let after: unknown[] | undefined;
  for (;;) {
    let rows: Row[];
    try {
      rows = await records.list(scope.automation.entity, {
        where,
        env,
        sort: [],
        limit: PAGE,
        ...(after ? { after } : {}),
      });
    } catch (error) {
      if (!(error instanceof SqlTranslationError) || where.kind === "all") throw error;
      where = { kind: "all" };
      continue;
    }
    for (const row of rows) await visit(row);
    const last = rows.at(-1);
    if (rows.length < PAGE || !last) return;
    after = [last.id];
  }
}

/** Run the automation on one record as the system user: condition, then effects. True when it ran. */
export async function runOnRecord(scope: SweepScope, record: Row): Promise<boolean> {
  const { automation, published, tx } = scope;
  const actor = systemActor(scope.ctx, scope.now);
  const records = tx.records(published.stored);
  const env = await automationEnv(published, records, automation.entity, actor, record, automation.paths);
  const work = {
    ctx: scope.ctx,
    tx,
    published,
    automation,
    entity: automation.entity,
    record,
    deleted: false,
    env,
    depth: 0,
    requestId: null,
  };
  const run = automation.run(record, env);
  if (!run) return false;
  if (!run.ok) {
    await auditAutomation(work, "automation.failed", { automation: automation.id, issue: run.issue });
    return false;
  }
  await carryOut(work, run.effects);
  return true;
}

/**
 * The daily dateOffset sweep: records whose date field plus `days` (at `at`) is due by now,
 * not earlier than when the automation was first scheduled (publishing never fires for
 * history), and not fired yet for that date value. Each is evaluated once: the marker
 * `dateOffset:<app>:<automation>:<record>:<date>` is set whether or not the condition held,
 * and a changed date arms it again.
 */
export async function sweepDateOffset(scope: SweepScope): Promise<void> {
  const trigger = scope.automation.trigger;
  if (trigger.kind !== "dateOffset") return;
  const app = scope.published.stored.id;
  const since = (await scope.tx.platform.meta(sinceKey(app, scope.automation.id))) ?? "";
  await forEachRecord(scope, false, async (record) => {
    const value = record[trigger.field];
    const due = dateOffsetDue(value, trigger.days, trigger.at);
    if (due === undefined || due > scope.now || due < since) return;
    const key = `dateOffset:${app}:${scope.automation.id}:${String(record.id)}:${String(value)}`;
    if (await scope.tx.platform.fired(key)) return;
    await runOnRecord(scope, record);
    await scope.tx.platform.markFired(key, scope.now);
  });
}

/**
 * The hourly becomesTrue sweep (for formulas that turn TRUE with time, like `closeDate < TODAY()`):
 * records where the formula is TRUE and no marker is set run (and get the marker when the
 * condition held); records where it is not TRUE lose their marker, so they can fire again.
 */
export async function sweepBecomesTrue(scope: SweepScope): Promise<void> {
  const { automation, published, tx } = scope;
  if (automation.trigger.kind !== "becomesTrue") return;
  const actor = systemActor(scope.ctx, scope.now);
  const records = tx.records(published.stored);
  await forEachRecord(scope, false, async (record) => {
    const key = becomesTrueKey(published.stored.id, automation.id, String(record.id));
    const env = await automationEnv(published, records, automation.entity, actor, record, automation.paths);
    const truth = automation.isTrue(record, env);
    if (!truth.ok) return;
    if (!truth.value) {
      await tx.platform.clearFired(key);
      return;
    }
    if (await tx.platform.fired(key)) return;
    if (await runOnRecord(scope, record)) await tx.platform.markFired(key, scope.now);
  });
}
