import { type CompiledAutomation, nextCron } from "@plinth/runtime";
import type { PublishedApp, PublishedApps } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import type { PlinthScheduler } from "../scheduler/scheduler.js";
import type { TimerRow, WriteTx } from "../storage/types.js";
import { automationsOf } from "./compiled.js";
import { forEachRecord, runOnRecord, sweepBecomesTrue, sweepDateOffset } from "./sweeps.js";

/** Timer kinds of automations, by trigger. */
export const AUTOMATION_TIMERS = {
  cron: "automation.cron",
  schedule: "automation.schedule",
  dateOffset: "automation.dateOffset",
  becomesTrue: "automation.becomesTrue",
} as const;

type TimedKind = keyof typeof AUTOMATION_TIMERS;

/** What an automation timer carries; `key` lets a new version cancel the old version's timers. */
export interface AutomationTimerPayload {
  readonly key: string;
  readonly app: string;
  readonly version: number;
  readonly automation: string;
}

/** The payload key of every automation timer of an app. */
export function timerKey(app: string): string {
  return `automation:${app}`;
}

function isTimed(kind: string): kind is TimedKind {
  return Object.hasOwn(AUTOMATION_TIMERS, kind);
}

function isPayload(value: unknown): value is AutomationTimerPayload {
  const p = value as Partial<AutomationTimerPayload> | null;
  return (
    typeof p === "object" &&
    p !== null &&
    typeof p.app === "string" &&
    typeof p.automation === "string" &&
    typeof p.version === "number"
  );
}

/**
 * When an automation's timer is next due after `after`: cron and schedule triggers at their
 * next run; the dateOffset sweep daily at the trigger's `at` (UTC, default 00:00); the
 * becomesTrue sweep hourly. `first` runs the sweeps right away (on publish).
 */
export function nextDue(automation: CompiledAutomation, after: string, first: boolean): string | undefined {
  const trigger = automation.trigger;
  switch (trigger.kind) {
    case "cron":
    case "schedule":
      return automation.next(after);
    case "dateOffset": {
      if (first) return after;
      const [h, m] = (trigger.at ?? "00:00").split(":");
      return nextCron(`${Number(m)} ${Number(h)} * * *`, after);
    }
    case "becomesTrue":
      return first ? after : nextCron("0 * * * *", after);
    default:
      return undefined;
  }
}

/** Insert the timer of an automation due next after `after` (none when it never fires again). */
export async function scheduleNext(
  ctx: ServerContext,
  tx: WriteTx,
  app: string,
  version: number,
  automation: CompiledAutomation,
  after: string,
  first = false,
): Promise<void> {
  const kind = automation.trigger.kind;
  if (!isTimed(kind)) return;
  const dueAt = nextDue(automation, after, first);
  if (dueAt === undefined) return;
  const payload: AutomationTimerPayload = { key: timerKey(app), app, version, automation: automation.id };
  await tx.platform.insertTimer({ id: ctx.newId(), kind: AUTOMATION_TIMERS[kind], dueAt, payload, doneAt: null });
}

/** The published app and automation a timer is for; undefined when it is stale (app gone, newer version). */
async function target(
  ctx: ServerContext,
  tx: WriteTx,
  apps: PublishedApps,
  timer: TimerRow,
): Promise<{ published: PublishedApp; automation: CompiledAutomation; payload: AutomationTimerPayload } | undefined> {
  const payload = timer.payload;
  if (!isPayload(payload)) return undefined;
  const version = await tx.platform.publishedVersion(payload.app);
  if (version !== payload.version) return undefined;
  const published = await apps.get(tx, payload.app);
  const automation = automationsOf(ctx, published.stored.schema).get(payload.automation);
  return automation ? { published, automation, payload } : undefined;
}

/**
 * Register the automation timer kinds. Each handler runs the automation (cron and schedule:
 * on every record of the entity where the condition holds; sweeps: see sweeps.ts) and then
 * inserts the automation's next timer, from `now` so a long downtime fires once, not once
 * per missed run. A handler that fails still chains the next timer.
 */
export function registerAutomationTimers(scheduler: PlinthScheduler, apps: PublishedApps): void {
  const chain = async (ctx: ServerContext, tx: WriteTx, timer: TimerRow) => {
    const found = await target(ctx, tx, apps, timer);
    if (!found) return;
    const { payload, automation } = found;
    const now = timer.doneAt ?? ctx.clock.now().toISOString();
    await scheduleNext(ctx, tx, payload.app, payload.version, automation, [now, timer.dueAt].sort()[1] ?? now);
  };
  for (const kind of Object.keys(AUTOMATION_TIMERS) as TimedKind[]) {
    scheduler.register(
      AUTOMATION_TIMERS[kind],
      async (ctx, tx, timer) => {
        const found = await target(ctx, tx, apps, timer);
        if (!found) return;
        const now = timer.doneAt ?? ctx.clock.now().toISOString();
        const scope = { ctx, tx, published: found.published, automation: found.automation, now };
        if (kind === "dateOffset") await sweepDateOffset(scope);
        else if (kind === "becomesTrue") await sweepBecomesTrue(scope);
        else
          await forEachRecord(scope, true, async (record) => {
            await runOnRecord(scope, record);
          });
        await chain(ctx, tx, timer);
      },
      chain,
    );
  }
}
