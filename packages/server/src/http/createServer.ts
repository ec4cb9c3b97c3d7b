import type { FastifyInstance } from "fastify";
import { registerApps } from "../apps/plugin.js";
import { PublishedApps } from "../apps/published.js";
import { registerAudit } from "../audit/plugin.js";
import { registerAuth } from "../auth/plugin.js";
import { type AutomationServices, registerAutomation } from "../automation/register.js";
import { registerFiles } from "../files/plugin.js";
import { registerOpenApi } from "../openapi/plugin.js";
import { registerPeople } from "../people/plugin.js";
import { defaultDesignerRoot, defaultPlayerRoot, registerDesigner, registerPlayer } from "../player/plugin.js";
import { registerCsv } from "../records/csv/plugin.js";
import { registerRecords } from "../records/plugin.js";
import { registerUsers } from "../users/plugin.js";
import { registerViews } from "../views/plugin.js";
import { registerWorkflows } from "../workflow/plugin.js";
import { registerApprovalTimers } from "../workflow/timers.js";
import type { ServerContext } from "./context.js";
import { createHttp, type HttpOptions } from "./server.js";

/**
 * The whole HTTP API: cross-cutting behaviour from `createHttp`, then one plugin per
 * feature (auth, users, apps, records and queries, CSV, workflows, automations and timers,
 * audit, OpenAPI). The scheduler is started by the host (`app.automation.scheduler.start()`).
 */
export async function createServer(ctx: ServerContext, options: HttpOptions = {}): Promise<FastifyInstance> {
  const app = createHttp(ctx, options);
  const published = new PublishedApps(ctx);
  await registerAuth(app, ctx);
  await registerUsers(app, ctx);
  await registerApps(app, ctx, () => undefined);
  await registerRecords(app, ctx, published);
  await registerCsv(app, ctx, published);
  await registerPeople(app, ctx, published);
  await registerFiles(app, ctx, published, { maxUploadBytes: options.maxUploadBytes });
  await registerViews(app, ctx, published);
  let automation: AutomationServices | undefined;
  await registerWorkflows(app, ctx, published, () => automation?.workflowEffects);
  registerAudit(app, ctx);
  automation = await registerAutomation(app, ctx, published);
  registerApprovalTimers(automation.scheduler, published);
  await registerOpenApi(app, ctx, (appId) =>
    ctx.storage.read(async (tx) => {
      try {
        return (await published.get(tx, appId)).stored.schema;
      } catch {
        return undefined;
      }
    }),
  );
  await registerPlayer(app, ctx, { root: options.playerRoot ?? defaultPlayerRoot() });
  await registerDesigner(app, { root: options.designerRoot ?? defaultDesignerRoot() });
  await app.ready();
  return app;
}
