import type { FastifyInstance } from "fastify";
import type { PublishedApps } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import { createScheduler, type PlinthScheduler, type SchedulerOptions } from "../scheduler/scheduler.js";
import {
  createWebhookDispatcher,
  type WebhookDispatcher,
  type WebhookDispatcherOptions,
} from "../webhooks/dispatcher.js";
import { registerWebhookRoutes } from "../webhooks/routes.js";
import { ensureWebhookSecret } from "../webhooks/settings.js";
import type { ExtraEffectRunner } from "../workflow/carryOut.js";
import { workflowEffectRunner } from "./carryOut.js";
import { createAutomationHook } from "./hook.js";
import { createSeedingJob } from "./seed.js";
import { registerAutomationTimers } from "./timers.js";

/** What {@link registerAutomation} wires up; also reachable as `app.automation`. */
export interface AutomationServices {
  readonly scheduler: PlinthScheduler;
  readonly webhooks: WebhookDispatcher;
  /** Carries out the webhook and transition effects of stage machines and approvals (for `registerWorkflows`). */
  readonly workflowEffects: ExtraEffectRunner;
}

export interface AutomationOptions {
  readonly webhooks?: WebhookDispatcherOptions;
  readonly scheduler?: SchedulerOptions;
}

declare module "fastify" {
  interface FastifyInstance {
    automation: AutomationServices;
  }
}

/**
 * Automations, durable timers and webhooks: the write hook (automations run in the write's
 * transaction), the scheduler with the automation timer kinds and two jobs (seeding timers of
 * newly published versions before the timers, delivering webhooks after them), the webhook
 * admin routes, and the signing secret generated on first start. The scheduler is not started
 * here: the host calls `app.automation.scheduler.start()` once it listens; closing the app
 * stops it.
 *
 * @example
 * const published = new PublishedApps(ctx);
 * await registerAutomation(app, ctx, published);
 * await app.ready();
 * app.automation.scheduler.start();
 */
export async function registerAutomation(
  app: FastifyInstance,
  ctx: ServerContext,
  published: PublishedApps,
  options: AutomationOptions = {},
): Promise<AutomationServices> {
  const webhooks = createWebhookDispatcher(ctx, options.webhooks);
  const scheduler = createScheduler(ctx, options.scheduler);
  scheduler.addJob(createSeedingJob(ctx, published));
  scheduler.addJob({
    name: "webhooks.deliver",
    phase: "after",
    run: async (now) => void (await webhooks.deliverDue(now)),
  });
  registerAutomationTimers(scheduler, published);
  ctx.hooks.afterWrite.push(createAutomationHook(ctx));
  registerWebhookRoutes(app, ctx);
  await ensureWebhookSecret(ctx);
  const services: AutomationServices = { scheduler, webhooks, workflowEffects: workflowEffectRunner(ctx) };
  app.decorate("automation", services);
  app.addHook("onClose", async () => scheduler.stop());
  return services;
}
