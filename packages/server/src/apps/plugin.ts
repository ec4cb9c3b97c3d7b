import type { App } from "@plinth/runtime";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ServerContext } from "../http/context.js";
import { HttpError, httpError, invalid } from "../http/errors.js";
import type { Renames } from "../storage/plan.js";
import type { AppRow } from "../storage/types.js";
import { publishApp, publishing } from "./publish.js";

const appParams = {
  type: "object",
  properties: { app: { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_]{0,62}$" } },
  required: ["app"],
} as const;

const renamesSchema = {
  type: "object",
  properties: {
    entities: {
      type: "array",
      maxItems: 1000,
      items: {
        type: "object",
        properties: { from: { type: "string" }, to: { type: "string" } },
        required: ["from", "to"],
        additionalProperties: false,
      },
    },
    fields: {
      type: "array",
      maxItems: 10_000,
      items: {
        type: "object",
        properties: { entity: { type: "string" }, from: { type: "string" }, to: { type: "string" } },
        required: ["entity", "from", "to"],
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

function actorOf(request: FastifyRequest): { id: string; isAdmin: boolean } {
  const principal = request.principal;
  if (!principal) throw httpError(401, "http.unauthenticated");
  return { id: principal.user.id, isAdmin: principal.user.isAdmin };
}

function requireAdmin(request: FastifyRequest, action: string, actionZh: string): string {
  const actor = actorOf(request);
  if (!actor.isAdmin) throw httpError(403, "http.forbidden", { action, actionZh });
  return actor.id;
}

function summary(row: AppRow) {
  const label = row.draft?.label;
  return {
    id: row.id,
    label: label ?? row.id,
    publishedVersion: row.publishedVersion,
    draftRevision: row.draftRevision,
    updatedAt: row.updatedAt,
  };
}

/** App lifecycle: create, draft (optimistic revisions), publish with a migration plan, versions, rollback. */
export async function registerApps(
  app: FastifyInstance,
  ctx: ServerContext,
  onPublished: (appId: string) => void,
): Promise<void> {
  app.get("/api/apps", async (request) => {
    const actor = actorOf(request);
    return ctx.storage.read(async (tx) => {
      const rows = await tx.platform.listApps();
      if (actor.isAdmin) return { apps: rows.map(summary) };
      const mine = new Set((await tx.platform.allRoles(actor.id)).map((r) => r.appId));
      return { apps: rows.filter((r) => mine.has(r.id)).map(summary) };
    });
  });

  app.post<{ Body: { app: unknown } }>(
    "/api/apps",
    {
      schema: {
        body: {
          type: "object",
          properties: { app: { type: "object" } },
          required: ["app"],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const actor = requireAdmin(request, "create apps", "创建应用");
      const validated = ctx.runtime.validateApp(request.body.app);
      if (!validated.app) throw invalid(validated.issues);
      const schema: App = validated.app;
      const at = ctx.clock.now().toISOString();
      await ctx.storage.write(async (tx) => {
        if (await tx.platform.app(schema.id))
          throw httpError(409, "http.exists", { what: "App", whatZh: "应用", id: schema.id });
        await tx.platform.insertApp({
          id: schema.id,
          draft: schema,
          draftRevision: 1,
          publishedVersion: null,
          createdAt: at,
          updatedAt: at,
        });
        await tx.platform.appendAudit({
          at,
          userId: actor,
          requestId: request.id,
          action: "app.create",
          appId: schema.id,
          entity: null,
          recordId: null,
          diff: { version: schema.version },
        });
      });
      return reply.status(201).send({ id: schema.id, draftRevision: 1, issues: validated.issues });
    },
  );

  app.get<{ Params: { app: string }; Querystring: { draft?: string } }>(
    "/api/apps/:app",
    { schema: { params: appParams, querystring: { type: "object", properties: { draft: { enum: ["0", "1"] } } } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const appId = request.params.app;
      return ctx.storage.read(async (tx) => {
        const row = await tx.platform.app(appId);
        if (!row) throw httpError(404, "http.notFound", { what: "app", whatZh: "应用", id: appId });
        if (request.query.draft === "1") {
          if (!actor.isAdmin) throw httpError(403, "http.forbidden", { action: "read drafts", actionZh: "查看草稿" });
          void reply.header("ETag", `"${row.draftRevision}"`);
          return {
            app: row.draft,
            draftRevision: row.draftRevision,
            issues: row.draft ? ctx.runtime.validateApp(row.draft).issues : [],
          };
        }
        if (!actor.isAdmin && (await tx.platform.rolesOf(actor.id, appId)).length === 0) {
          throw httpError(404, "http.notFound", { what: "app", whatZh: "应用", id: appId });
        }
        if (row.publishedVersion === null) throw httpError(404, "http.notPublished", { id: appId });
        const version = await tx.platform.appVersion(appId, row.publishedVersion);
        return {
          app: version?.schema,
          version: row.publishedVersion,
          roles: await tx.platform.rolesOf(actor.id, appId),
        };
      });
    },
  );

  app.put<{ Params: { app: string }; Body: { app: unknown } }>(
    "/api/apps/:app/draft",
    {
      schema: {
        params: appParams,
        body: {
          type: "object",
          properties: { app: { type: "object" } },
          required: ["app"],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const actor = requireAdmin(request, "edit apps", "编辑应用");
      const ifMatch = request.headers["if-match"];
      const expected = Number(String(ifMatch ?? "").replace(/"/g, ""));
      if (!ifMatch || !Number.isInteger(expected)) throw httpError(400, "http.versionRequired");
      const draft = request.body.app as App;
      // A draft may be unfinished: it is saved as long as it is an app document of this id;
      // its issues come back so the designer can show them.
      const issues = ctx.runtime.validateApp(draft).issues;
      if ((draft as { id?: unknown }).id !== request.params.app) {
        throw httpError(400, "http.badRequest", { reason: "the draft's id must be the app's id" }, { path: "/app/id" });
      }
      const at = ctx.clock.now().toISOString();
      return ctx.storage.write(async (tx) => {
        const row = await tx.platform.app(request.params.app);
        if (!row) throw httpError(404, "http.notFound", { what: "app", whatZh: "应用", id: request.params.app });
        if (!(await tx.platform.saveDraft(row.id, draft, expected, at))) {
          throw httpError(
            409,
            "http.draftConflict",
            { current: row.draftRevision },
            { details: { draftRevision: row.draftRevision, app: row.draft } },
          );
        }
        await tx.platform.appendAudit({
          at,
          userId: actor,
          requestId: request.id,
          action: "app.draft",
          appId: row.id,
          entity: null,
          recordId: null,
          diff: { revision: expected + 1 },
        });
        return { draftRevision: expected + 1, issues };
      });
    },
  );

  app.post<{
    Params: { app: string };
    Querystring: { dryRun?: string };
    Body: { confirm?: boolean; renames?: Renames } | undefined;
  }>(
    "/api/apps/:app/publish",
    {
      schema: {
        params: appParams,
        querystring: { type: "object", properties: { dryRun: { enum: ["0", "1"] } } },
        body: {
          type: "object",
          properties: { confirm: { type: "boolean" }, renames: renamesSchema },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const actor = requireAdmin(request, "publish apps", "发布应用");
      const appId = request.params.app;
      const result = await ctx.storage.write(async (tx) => {
        const row = await tx.platform.app(appId);
        if (!row) throw httpError(404, "http.notFound", { what: "app", whatZh: "应用", id: appId });
        return publishApp(ctx, tx, {
          appId,
          schema: row.draft,
          actor,
          requestId: request.id,
          renames: request.body?.renames,
          confirm: request.body?.confirm,
          dryRun: request.query.dryRun === "1",
          action: "app.publish",
        });
      }, publishing(appId));
      if (result.applied) onPublished(appId);
      return result;
    },
  );

  app.get<{ Params: { app: string } }>(
    "/api/apps/:app/versions",
    { schema: { params: appParams } },
    async (request) => {
      requireAdmin(request, "read app versions", "查看应用版本");
      return ctx.storage.read(async (tx) => {
        if (!(await tx.platform.app(request.params.app)))
          throw httpError(404, "http.notFound", { what: "app", whatZh: "应用", id: request.params.app });
        const versions = await tx.platform.appVersions(request.params.app);
        return {
          versions: versions.map((v) => ({
            version: v.version,
            appVersion: v.schema.version,
            publishedAt: v.publishedAt,
            publishedBy: v.publishedBy,
            plan: v.plan,
          })),
        };
      });
    },
  );

  app.get<{ Params: { app: string; version: number } }>(
    "/api/apps/:app/versions/:version",
    {
      schema: {
        params: {
          type: "object",
          properties: { ...appParams.properties, version: { type: "integer", minimum: 1, maximum: 2_147_483_647 } },
          required: ["app", "version"],
        },
      },
    },
    async (request) => {
      requireAdmin(request, "read app versions", "查看应用版本");
      const { app: appId, version } = request.params;
      return ctx.storage.read(async (tx) => {
        const found = await tx.platform.appVersion(appId, version);
        if (!found)
          throw httpError(404, "http.notFound", { what: "app version", whatZh: "应用版本", id: `${appId}@${version}` });
        return {
          version: found.version,
          app: found.schema,
          publishedAt: found.publishedAt,
          publishedBy: found.publishedBy,
          plan: found.plan,
        };
      });
    },
  );

  app.post<{ Params: { app: string }; Body: { version: number; confirm?: boolean } }>(
    "/api/apps/:app/rollback",
    {
      schema: {
        params: appParams,
        body: {
          type: "object",
          properties: { version: { type: "integer", minimum: 1 }, confirm: { type: "boolean" } },
          required: ["version"],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const actor = requireAdmin(request, "roll back apps", "回滚应用");
      const appId = request.params.app;
      const result = await ctx.storage.write(async (tx) => {
        const target = await tx.platform.appVersion(appId, request.body.version);
        if (!target)
          throw httpError(404, "http.notFound", {
            what: "app version",
            whatZh: "应用版本",
            id: `${appId}@${request.body.version}`,
          });
        return publishApp(ctx, tx, {
          appId,
          schema: target.schema,
          actor,
          requestId: request.id,
          confirm: request.body.confirm,
          action: "app.rollback",
        });
      }, publishing(appId));
      if (result.applied) onPublished(appId);
      return result;
    },
  );

  // After a template upgrade: publish every variant that extends it against the new version, each
  // in its own transaction. A variant whose overlay collides with the upgrade is not published
  // without `confirm`; its conflicts are reported either way, so neither side is lost silently.
  app.post<{ Params: { app: string }; Body: { confirm?: boolean } | undefined }>(
    "/api/apps/:app/variants/publish",
    {
      schema: {
        params: appParams,
        body: { type: "object", properties: { confirm: { type: "boolean" } }, additionalProperties: false },
      },
    },
    async (request) => {
      const actor = requireAdmin(request, "publish apps", "发布应用");
      const template = request.params.app;
      const rows = await ctx.storage.read((tx) => tx.platform.listApps());
      const variants = rows.filter((r) => (r.draft as App | null)?.extends?.app === template);
      const results = [];
      for (const row of variants) {
        try {
          const result = await ctx.storage.write(
            (tx) =>
              publishApp(ctx, tx, {
                appId: row.id,
                schema: row.draft,
                actor,
                requestId: request.id,
                confirm: request.body?.confirm,
                action: "app.publish",
              }),
            publishing(row.id),
          );
          if (result.applied) onPublished(row.id);
          results.push({
            app: row.id,
            published: result.applied,
            version: result.version,
            conflicts: result.conflicts,
          });
        } catch (error) {
          if (!(error instanceof HttpError)) throw error;
          const conflicts = (error.details as { conflicts?: unknown }).conflicts ?? [];
          results.push({
            app: row.id,
            published: false,
            error: { code: error.code, message: error.messages, details: error.details },
            conflicts,
          });
        }
      }
      return { variants: results };
    },
  );
}
