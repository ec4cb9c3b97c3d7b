import type { CompiledAutomation, EvalEnv } from "@plinth/runtime";
import type { ServerContext, WriteEvent } from "../http/context.js";
import type { WriteTx } from "../storage/types.js";
import { type AutomationWork, auditAutomation, carryOut } from "./carryOut.js";
import { automationsOf } from "./compiled.js";
import { automationEnv } from "./env.js";

/** Writes made by automations nest at most this deep; deeper triggers are audited and dropped. */
export const MAX_AUTOMATION_DEPTH = 5;

/** The fired marker of a `becomesTrue` automation for one record (shared with the hourly sweep). */
export function becomesTrueKey(app: string, automation: string, record: string): string {
  return `becomesTrue:${app}:${automation}:${record}`;
}

/**
 * The write hook of automations: for each write, the enabled automations of the published
 * version whose trigger matches and whose condition holds run, their effects carried out in
 * the same transaction. `becomesTrue` keeps a fired marker per record (set when it fires,
 * cleared when the formula is no longer TRUE) so writes and the hourly sweep agree.
 * A chain deeper than {@link MAX_AUTOMATION_DEPTH} is cut with an `automation.depthExceeded`
 * audit row naming the chain; the user's write still succeeds.
 */
export function createAutomationHook(ctx: ServerContext): (event: WriteEvent) => Promise<void> {
  // Writes on one storage are serialised, so the chain of a transaction is the current stack.
  const chains = new WeakMap<WriteTx, string[]>();
  return async (event) => {
    // Restored records already carry what automations wrote when they were first made.
    if (event.restore) return;
    const compiled = automationsOf(ctx, event.published.stored.schema);
    const relevant = compiled.all.filter((a) => a.entity === event.entity);
    if (relevant.length === 0) return;
    const recordId = typeof event.record.id === "string" ? event.record.id : null;
    const records = event.tx.records(event.published.stored);
    const paths = relevant.flatMap((a) => a.paths);
    const env = await automationEnv(
      event.published,
      records,
      event.entity,
      event.actor,
      event.record,
      paths,
      event.old,
    );
    if (event.depth === 0) chains.set(event.tx, []);
    const chain = chains.get(event.tx) ?? [];
    const base = {
      ctx,
      tx: event.tx,
      published: event.published,
      entity: event.entity,
      record: event.record,
      deleted: event.kind === "delete",
      env,
      depth: event.depth,
      requestId: event.requestId,
    };
    await clearBecomesTrue(base, relevant, recordId);
    const runs = compiled.onWrite(event, env);
    if (runs.length === 0) return;
    if (event.depth >= MAX_AUTOMATION_DEPTH) {
      await auditAutomation(base, "automation.depthExceeded", {
        chain: [...chain],
        automations: runs.map((r) => r.automation),
        depth: event.depth,
        limit: MAX_AUTOMATION_DEPTH,
      });
      return;
    }
    for (const run of runs) {
      const automation = compiled.get(run.automation);
      if (!automation) continue;
      const work: AutomationWork = { ...base, automation };
      if (!run.ok) {
        await auditAutomation(work, "automation.failed", { automation: run.automation, issue: run.issue });
        continue;
      }
      if (automation.trigger.kind === "becomesTrue" && recordId !== null) {
        const key = becomesTrueKey(event.published.stored.id, automation.id, recordId);
        if (await event.tx.platform.fired(key)) continue;
        await event.tx.platform.markFired(key, env.now);
      }
      chain.push(automation.id);
      try {
        await carryOut(work, run.effects);
      } finally {
        chain.pop();
      }
    }
  };
}

/** Re-arm `becomesTrue` automations whose formula is not TRUE on the record any more. */
async function clearBecomesTrue(
  base: Pick<AutomationWork, "tx" | "published" | "record" | "deleted"> & { readonly env: EvalEnv },
  relevant: readonly CompiledAutomation[],
  recordId: string | null,
): Promise<void> {
  if (recordId === null) return;
  for (const automation of relevant) {
    if (automation.trigger.kind !== "becomesTrue") continue;
    const truth = base.deleted ? undefined : automation.isTrue(base.record, base.env);
    if (truth?.ok && truth.value) continue;
    if (truth && !truth.ok) continue;
    await base.tx.platform.clearFired(becomesTrueKey(base.published.stored.id, automation.id, recordId));
  }
}
