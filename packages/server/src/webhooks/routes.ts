import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ServerContext } from "../http/context.js";
import { httpError } from "../http/errors.js";
import type { OutboxRow, WriteTx } from "../storage/types.js";
import { normalizeHostEntry } from "./allowList.js";
import { webhookError } from "./messages.js";
import { deadListSchema, getSettingsSchema, type PutSettingsBody, putSettingsSchema, retrySchema } from "./schemas.js";
import { allowedHosts, saveAllowedHosts, saveWebhookSecret, webhookSecret } from "./settings.js";

/** How many dead letters a retry searches for its id (the storage layer has no lookup by id). */
const DEAD_SCAN = 10_000;

function requireAdmin(request: FastifyRequest): string {
  const principal = request.principal;
  if (!principal) throw httpError(401, "http.unauthenticated");
  if (!principal.user.isAdmin)
    throw httpError(403, "http.forbidden", { action: "administer webhooks", actionZh: "管理 Webhook" });
  return principal.user.id;
}

async function audit(
  ctx: ServerContext,
  tx: WriteTx,
  userId: string,
  requestId: string,
  action: string,
  diff: unknown,
) {
  await tx.platform.appendAudit({
    at: ctx.clock.now().toISOString(),
    userId,
    requestId,
    action,
    appId: null,
    entity: null,
    recordId: null,
    diff,
  });
}

/**
 * Webhook administration, platform admins only: `GET|PUT /api/admin/webhooks` (allowed hosts,
 * signing secret — write-only), `GET /api/admin/webhooks/dead` and
 * `POST /api/admin/webhooks/dead/:id/retry`. Every change is audited (never the secret).
 */
export function registerWebhookRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get("/api/admin/webhooks", { schema: getSettingsSchema }, async (request) => {
    requireAdmin(request);
    return ctx.storage.read(async (tx) => ({
      allowedHosts: await allowedHosts(tx.platform),
      secretSet: (await webhookSecret(tx.platform)) !== undefined,
    }));
  });

  app.put<{ Body: PutSettingsBody }>("/api/admin/webhooks", { schema: putSettingsSchema }, async (request) => {
    const userId = requireAdmin(request);
    const hosts = request.body.allowedHosts.map((host, i) => {
      const entry = normalizeHostEntry(host);
      if (entry === undefined) throw webhookError(400, "webhooks.invalidHost", { host }, `/allowedHosts/${i}`);
      return entry;
    });
    const secret = request.body.secret;
    if (secret !== undefined && secret.length < 16) throw webhookError(400, "webhooks.secretTooShort", {}, "/secret");
    const unique = [...new Set(hosts)];
    return ctx.storage.write(async (tx) => {
      const before = await allowedHosts(tx.platform);
      await saveAllowedHosts(tx.platform, unique);
      if (secret !== undefined) await saveWebhookSecret(tx.platform, secret);
      await audit(ctx, tx, userId, request.id, "webhooks.settings", {
        before: { allowedHosts: before },
        after: { allowedHosts: unique },
        secretChanged: secret !== undefined,
      });
      return { allowedHosts: unique, secretSet: (await webhookSecret(tx.platform)) !== undefined };
    });
  });

  app.get<{ Querystring: { limit: number } }>(
    "/api/admin/webhooks/dead",
    { schema: deadListSchema },
    async (request) => {
      requireAdmin(request);
      return { items: await ctx.storage.read((tx) => tx.platform.outbox("dead", request.query.limit)) };
    },
  );

  app.post<{ Params: { id: string } }>(
    "/api/admin/webhooks/dead/:id/retry",
    { schema: retrySchema },
    async (request) => {
      const userId = requireAdmin(request);
      const id = request.params.id;
      return ctx.storage.write(async (tx): Promise<OutboxRow> => {
        const dead = (await tx.platform.outbox("dead", DEAD_SCAN)).find((row) => row.id === id);
        if (!dead) throw webhookError(404, "webhooks.notDead", { id });
        const now = ctx.clock.now().toISOString();
        const changes = { attempts: 0, nextAt: now, status: "pending" as const, lastError: null };
        await tx.platform.updateOutbox(id, changes);
        await audit(ctx, tx, userId, request.id, "webhook.retry", {
          delivery: id,
          url: dead.url,
          lastError: dead.lastError,
        });
        return { ...dead, ...changes };
      });
    },
  );
}
