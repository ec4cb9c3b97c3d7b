import type { PublishedApps } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import type { PeriodicJob } from "../scheduler/scheduler.js";
import { automationsOf } from "./compiled.js";
import { sinceKey } from "./sweeps.js";
import { AUTOMATION_TIMERS, scheduleNext, timerKey } from "./timers.js";

/** The meta key saying a published version's automation timers exist. */
export function seededKey(app: string, version: number): string {
  return `scheduled:${app}:${version}`;
}

/**
 * The scheduler job that gives every scheduled automation of each published version one
 * pending timer. Publishing has no hook, so each poll compares the published versions with
 * what this process has seen (memory) and, for a new one, with the `scheduled:<app>:<version>`
 * marker (inside the write, so two processes seed once): the previous version's automation
 * timers are cancelled, the new ones inserted (sweeps due at once, cron at its next run).
 */
export function createSeedingJob(ctx: ServerContext, apps: PublishedApps): PeriodicJob {
  const seen = new Set<string>();
  return {
    name: "automation.seed",
    phase: "before",
    async run(now) {
      const rows = await ctx.storage.read((tx) => tx.platform.listApps());
      const failures: unknown[] = [];
      for (const row of rows) {
        const version = row.publishedVersion;
        if (version === null) continue;
        const key = seededKey(row.id, version);
        if (seen.has(key)) continue;
        // A version that cannot be seeded (it does not compile) is reported once, not every poll.
        seen.add(key);
        await ctx.storage
          .write(async (tx) => {
            if ((await tx.platform.meta(key)) !== undefined) return;
            const published = await apps.get(tx, row.id);
            const at = now.toISOString();
            for (const kind of Object.values(AUTOMATION_TIMERS)) await tx.platform.cancelTimers(kind, timerKey(row.id));
            for (const automation of automationsOf(ctx, published.stored.schema).scheduled()) {
              const since = sinceKey(row.id, automation.id);
              if ((await tx.platform.meta(since)) === undefined) await tx.platform.setMeta(since, at);
              await scheduleNext(ctx, tx, row.id, published.stored.version, automation, at, true);
            }
            await tx.platform.setMeta(key, at);
          })
          .catch((error: unknown) => failures.push(error));
      }
      if (failures.length > 0) throw new AggregateError(failures, "seeding automation timers failed");
    },
  };
}
