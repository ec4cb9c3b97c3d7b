import { createHash } from "node:crypto";
import { type Query, querySchema } from "@plinth/runtime";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { PublishedApps } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import { httpError } from "../http/errors.js";
import { recordBody } from "../http/nulGuard.js";
import { canonicalJson } from "../storage/auditHash.js";
import { requireAccess, rowCondition } from "./access.js";
import { type ListQuery, listRecords } from "./list.js";
import { runQuery } from "./query.js";
import { createRecord, deleteRecord, present, updateRecord, withRefusalAudit } from "./service.js";
import { actorIn } from "./userContext.js";

/** `?restore=1`: an administrator restoring exported records; automations do not react (see CreateOptions.restore). */
const restoreQuery = {
  type: "object",
  properties: { restore: { enum: ["1"] } },
  additionalProperties: false,
} as const;

const id = { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_]{0,62}$" } as const;
const recordId = { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } as const;
const entityParams = { type: "object", properties: { app: id, entity: id }, required: ["app", "entity"] } as const;
const recordParams = {
  type: "object",
  properties: { app: id, entity: id, id: recordId },
  required: ["app", "entity", "id"],
} as const;

/** The query model's schema for the request body (without its $id, which Fastify would register globally). */
const { $id: _queryId, ...queryBody } = querySchema;

type EntityRoute = { Params: { app: string; entity: string } };
type RecordRoute = { Params: { app: string; entity: string; id: string } };

function versionFrom(request: FastifyRequest, required: boolean): number | undefined {
  const raw = request.headers["if-match"];
  if (raw === undefined) {
    if (required) throw httpError(400, "http.versionRequired");
    return undefined;
  }
  const version = Number(String(raw).replace(/^W\//, "").replace(/"/g, ""));
  if (!Number.isInteger(version) || version < 1) throw httpError(400, "http.versionRequired");
  return version;
}

/** Levels a record body may nest: values are scalars, lists of options or people, or attachment descriptors. */
const RECORD_DEPTH_LIMIT = 32;

/**
 * Refuse a record body nested deeper than {@link RECORD_DEPTH_LIMIT} (400) before anything walks
 * it recursively: the idempotency fingerprint and the audit's hash would overflow the stack on
 * a body nested thousands deep (a 500, found by the route fuzzer). Walked level by level.
 */
function refuseDeepRecord(body: unknown): void {
  let level: unknown[] = [body];
  // The body itself is level 1.
  for (let depth = 1; level.length > 0; depth++) {
    if (depth > RECORD_DEPTH_LIMIT)
      throw httpError(400, "http.badRequest", { reason: `a record nests at most ${RECORD_DEPTH_LIMIT} levels` });
    const next: unknown[] = [];
    for (const value of level) {
      if (value === null || typeof value !== "object") continue;
      for (const inner of Object.values(value)) if (inner !== null && typeof inner === "object") next.push(inner);
    }
    level = next;
  }
}

function uniqueViolation(error: unknown): never {
  const code = error instanceof Error && "code" in error ? String((error as { code: unknown }).code) : "";
  // SQLite: SQLITE_CONSTRAINT_UNIQUE "... table.column"; PostgreSQL: 23505 with "Key (column)=..." in its detail.
  if (error instanceof Error && (code.startsWith("SQLITE_CONSTRAINT_UNIQUE") || code === "23505")) {
    const column =
      code === "23505"
        ? (/^Key \("?(\w+)"?\)/.exec(String((error as { detail?: unknown }).detail ?? ""))?.[1] ?? "")
        : (/\.(\w+)$/.exec(error.message)?.[1] ?? "");
    throw httpError(
      409,
      "http.exists",
      { what: "A record with this value", whatZh: "具有该值的记录", id: column },
      { path: `/${column}` },
    );
  }
  throw error;
}

/** Records of published apps: list, get, create (idempotent), update (optimistic), delete, and the query model. */
export async function registerRecords(app: FastifyInstance, ctx: ServerContext, apps: PublishedApps): Promise<void> {
  app.get<EntityRoute & { Querystring: ListQuery }>(
    "/api/apps/:app/data/:entity",
    {
      schema: {
        params: entityParams,
        querystring: {
          type: "object",
          properties: {
            filter: { type: "string", maxLength: 10_000 },
            sort: {
              type: "string",
              maxLength: 500,
              pattern: "^[-+]?[A-Za-z][A-Za-z0-9_]*(,[-+]?[A-Za-z][A-Za-z0-9_]*)*$",
            },
            limit: { type: "integer", minimum: 1, maximum: 500 },
            cursor: { type: "string", maxLength: 2000 },
            fields: { type: "string", maxLength: 5000, pattern: "^[A-Za-z][A-Za-z0-9_]*(,[A-Za-z][A-Za-z0-9_]*)*$" },
            titles: { type: "boolean" },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) =>
      ctx.storage.read(async (tx) => {
        const published = await apps.get(tx, request.params.app);
        const actor = await actorIn(ctx, tx, request, published);
        return listRecords(ctx, tx, published, actor, request.params.entity, request.query);
      }),
  );

  app.get<RecordRoute>(
    "/api/apps/:app/data/:entity/:id",
    { schema: { params: recordParams } },
    async (request, reply) =>
      ctx.storage.read(async (tx) => {
        const published = await apps.get(tx, request.params.app);
        const actor = await actorIn(ctx, tx, request, published);
        const access = requireAccess(published, actor, request.params.entity, "read");
        const row = await tx
          .records(published.stored)
          .get(request.params.entity, request.params.id, rowCondition(access), actor.env);
        if (!row) throw httpError(404, "http.notFound", { what: "record", whatZh: "记录", id: request.params.id });
        void reply.header("ETag", `"${String(row.version)}"`);
        return present(published, actor, request.params.entity, row);
      }),
  );

  app.post<EntityRoute & { Body: Record<string, unknown>; Querystring: { restore?: "1" } }>(
    "/api/apps/:app/data/:entity",
    {
      config: recordBody,
      schema: {
        params: entityParams,
        querystring: restoreQuery,
        body: { type: "object", maxProperties: 1000 },
      },
    },
    async (request, reply) => {
      refuseDeepRecord(request.body);
      const key = request.headers["idempotency-key"];
      if (key !== undefined && (typeof key !== "string" || key.length === 0 || key.length > 200)) {
        throw httpError(400, "http.badRequest", { reason: "Idempotency-Key must be 1 to 200 characters" });
      }
      // What a replay with the same key must match (only needed with a key).
      const fingerprint = key
        ? createHash("sha256")
            .update(canonicalJson([request.params.app, request.params.entity, request.body]))
            .digest("hex")
        : "";
      const result = await withRefusalAudit(ctx, () =>
        ctx.storage.write(async (tx) => {
          const published = await apps.get(tx, request.params.app);
          const actor = await actorIn(ctx, tx, request, published);
          if (key) {
            const earlier = await tx.platform.idempotent(actor.id, key);
            if (earlier) {
              if (earlier.fingerprint !== fingerprint) throw httpError(409, "http.idempotencyMismatch");
              return { status: earlier.status, body: JSON.parse(earlier.body) as unknown, replayed: true };
            }
          }
          const row = await createRecord(
            ctx,
            tx,
            published,
            actor,
            request.params.entity,
            request.body,
            request.id,
            0,
            { restore: request.query.restore === "1" },
          ).catch(uniqueViolation);
          const body = present(published, actor, request.params.entity, row);
          if (key)
            await tx.platform.saveIdempotent(
              actor.id,
              key,
              { status: 201, body: JSON.stringify(body), fingerprint },
              actor.env.now,
            );
          return { status: 201, body, replayed: false };
        }),
      );
      if (result.replayed) void reply.header("Idempotent-Replayed", "true");
      const body = result.body as { version?: unknown };
      void reply.header("ETag", `"${String(body.version)}"`);
      return reply.status(result.status).send(result.body);
    },
  );

  app.patch<RecordRoute & { Body: Record<string, unknown>; Querystring: { restore?: "1" } }>(
    "/api/apps/:app/data/:entity/:id",
    {
      config: recordBody,
      schema: {
        params: recordParams,
        querystring: restoreQuery,
        body: { type: "object", maxProperties: 1000 },
      },
    },
    async (request, reply) => {
      refuseDeepRecord(request.body);
      const expected = versionFrom(request, true) as number;
      const row = await withRefusalAudit(ctx, () =>
        ctx.storage.write(async (tx) => {
          const published = await apps.get(tx, request.params.app);
          const actor = await actorIn(ctx, tx, request, published);
          const updated = await updateRecord(
            ctx,
            tx,
            published,
            actor,
            request.params.entity,
            request.params.id,
            expected,
            request.body,
            request.id,
            { restore: request.query.restore === "1" },
          ).catch(uniqueViolation);
          return present(published, actor, request.params.entity, updated);
        }),
      );
      void reply.header("ETag", `"${String(row.version)}"`);
      return row;
    },
  );

  app.delete<RecordRoute>(
    "/api/apps/:app/data/:entity/:id",
    { schema: { params: recordParams } },
    async (request, reply) => {
      const expected = versionFrom(request, false);
      await ctx.storage.write(async (tx) => {
        const published = await apps.get(tx, request.params.app);
        const actor = await actorIn(ctx, tx, request, published);
        await deleteRecord(ctx, tx, published, actor, request.params.entity, request.params.id, expected, request.id);
      });
      return reply.status(204).send();
    },
  );

  app.post<{ Params: { app: string }; Body: Query }>(
    "/api/apps/:app/query",
    { schema: { params: { type: "object", properties: { app: id }, required: ["app"] }, body: queryBody } },
    async (request) =>
      ctx.storage.read(async (tx) => {
        const published = await apps.get(tx, request.params.app);
        const actor = await actorIn(ctx, tx, request, published);
        return runQuery(ctx, tx, published, actor, request.body);
      }),
  );
}
