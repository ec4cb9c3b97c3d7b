import type { PublishedApps } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import type { Actor } from "../records/userContext.js";
import type { Scheduler } from "../scheduler/types.js";
import { approvalTick } from "./approvals.js";

/** The engine acting on its own (timers): every permission, audited as "system". */
export function systemActor(ctx: ServerContext, at = ctx.clock.now().toISOString()): Actor {
  return {
    id: "system",
    isAdmin: true,
    access: { id: "system", roles: [] },
    env: { today: at.slice(0, 10), now: at, user: { id: "system", roles: [] } },
  };
}

/**
 * SLA timers of approval requests: at `remindAt` the approvers get a reminder, at `dueAt`
 * the request escalates (the core decides to whom). Runs inside the scheduler's transaction
 * that marks the timer done, so each fires exactly once.
 */
export function registerApprovalTimers(scheduler: Scheduler, apps: PublishedApps): void {
  scheduler.register("approval.tick", async (ctx, tx, timer) => {
    const payload = timer.payload as { approval?: string; app?: string };
    if (typeof payload.approval !== "string" || typeof payload.app !== "string") return;
    const published = await apps.get(tx, payload.app);
    const at = ctx.clock.now().toISOString();
    // biome-ignore lint/complexity/useMathMinMax: ISO instants compare as text; Math.max would give NaN
    const when = at > timer.dueAt ? at : timer.dueAt;
    await approvalTick(ctx, tx, published, systemActor(ctx, at), payload.approval, when);
  });
}
