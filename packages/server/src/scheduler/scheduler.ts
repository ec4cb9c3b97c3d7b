import type { ServerContext } from "../http/context.js";
import type { TimerRow, WriteTx } from "../storage/types.js";
import type { Scheduler, TimerHandler } from "./types.js";

/** Work done on every poll besides timers: before them (seeding) or after them (webhook delivery). */
export interface PeriodicJob {
  readonly name: string;
  readonly phase: "before" | "after";
  run(now: Date): Promise<void>;
}

/** Called inside the transaction that gives up on a timer whose handler threw (e.g. to chain the next one). */
export type TimerFailureHandler = (ctx: ServerContext, tx: WriteTx, timer: TimerRow, error: unknown) => Promise<void>;

export interface SchedulerOptions {
  /** Timers claimed per query (default 100). */
  readonly batch?: number;
  /** Where errors of jobs and the poll loop go (default: console.error). */
  readonly onError?: (error: unknown, where: string) => void;
}

/** The {@link Scheduler} contract plus periodic jobs and failure handlers. */
export interface PlinthScheduler extends Scheduler {
  register(kind: string, handler: TimerHandler, onFailure?: TimerFailureHandler): void;
  addJob(job: PeriodicJob): void;
}

/**
 * Durable timers over the storage layer. `runDue(now)` lists due timers and runs each in its own
 * write transaction that first marks it done (`completeTimer`; false means another run or
 * process got there first, so it is skipped) and then calls its handler with `doneAt` = `now`:
 * a timer's effects and its completion commit together, so it fires exactly once, also after
 * a restart (a timer that fell due while the server was down fires on the first poll).
 * A handler that throws rolls back its effects; the timer is then completed on its own with a
 * `timer.failed` audit row (and the kind's failure handler), so one bad timer never blocks
 * the queue. Timers of kinds without a handler stay pending for a process that has one.
 */
export function createScheduler(ctx: ServerContext, options: SchedulerOptions = {}): PlinthScheduler {
  const handlers = new Map<string, { handler: TimerHandler; onFailure?: TimerFailureHandler }>();
  const jobs: PeriodicJob[] = [];
  const batch = options.batch ?? 100;
  const onError = options.onError ?? ((error, where) => console.error(`[plinth scheduler] ${where}:`, error));
  let interval: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  async function fail(timer: TimerRow, at: string, error: unknown): Promise<void> {
    const entry = handlers.get(timer.kind);
    await ctx.storage.write(async (tx) => {
      if (!(await tx.platform.completeTimer(timer.id, at))) return;
      await tx.platform.appendAudit({
        at,
        userId: null,
        requestId: null,
        action: "timer.failed",
        appId: null,
        entity: null,
        recordId: null,
        diff: { timer: timer.id, kind: timer.kind, error: error instanceof Error ? error.message : String(error) },
      });
      await entry?.onFailure?.(ctx, tx, { ...timer, doneAt: at }, error);
    });
  }

  async function runOne(timer: TimerRow, at: string): Promise<boolean> {
    const entry = handlers.get(timer.kind);
    if (!entry) return false;
    try {
      return await ctx.storage.write(async (tx) => {
        if (!(await tx.platform.completeTimer(timer.id, at))) return false;
        await entry.handler(ctx, tx, { ...timer, doneAt: at });
        return true;
      });
    } catch (error) {
      onError(error, `timer ${timer.kind} ${timer.id}`);
      await fail(timer, at, error);
      return false;
    }
  }

  async function runJobs(phase: PeriodicJob["phase"], now: Date): Promise<void> {
    for (const job of jobs) {
      if (job.phase !== phase) continue;
      try {
        await job.run(now);
      } catch (error) {
        onError(error, `job ${job.name}`);
      }
    }
  }

  const scheduler: PlinthScheduler = {
    register(kind, handler, onFailure) {
      if (handlers.has(kind)) throw new Error(`A timer handler for '${kind}' is already registered`);
      handlers.set(kind, onFailure ? { handler, onFailure } : { handler });
    },
    addJob(job) {
      if (jobs.some((j) => j.name === job.name)) throw new Error(`A scheduler job '${job.name}' is already added`);
      jobs.push(job);
    },
    async runDue(now) {
      const at = now.toISOString();
      await runJobs("before", now);
      let ran = 0;
      const seen = new Set<string>();
      for (;;) {
        const due = await ctx.storage.read((tx) => tx.platform.dueTimers(at, batch));
        const fresh = due.filter((t) => !seen.has(t.id) && handlers.has(t.kind));
        for (const timer of fresh) {
          seen.add(timer.id);
          if (await runOne(timer, at)) ran++;
        }
        // A handler may add timers that are already due; stop when a round finds nothing new.
        if (fresh.length === 0 || due.length < batch) break;
      }
      await runJobs("after", now);
      return ran;
    },
    start(intervalMs = 1000) {
      if (interval) return;
      const tick = () => {
        if (running) return;
        running = scheduler
          .runDue(ctx.clock.now())
          .catch((error: unknown) => onError(error, "poll"))
          .finally(() => {
            running = undefined;
          });
      };
      tick();
      interval = setInterval(tick, intervalMs);
      interval.unref();
    },
    async stop() {
      if (interval) clearInterval(interval);
      interval = undefined;
      await running;
    },
  };
  return scheduler;
}
