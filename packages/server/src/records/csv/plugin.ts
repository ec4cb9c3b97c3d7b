import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FastifyInstance } from "fastify";
import type { PublishedApps } from "../../apps/published.js";
import type { ServerContext } from "../../http/context.js";
import { httpError } from "../../http/errors.js";
import { requireAccess } from "../access.js";
import { actorIn } from "../userContext.js";
import { exportCsv } from "./export.js";
import { runImport } from "./import.js";
import { type ImportJob, ImportJobs } from "./jobs.js";

/** The largest CSV file accepted for import. */
export const IMPORT_LIMIT_BYTES = 100 * 1024 * 1024;

const id = { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_]{0,62}$" } as const;

/** Stream bytes through, failing with 413 once more than `limit` have passed. */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(httpError(413, "http.tooLarge", { limit: `${limit / 1024 / 1024} MB` }));
      else callback(null, chunk);
    },
  });
}

/** CSV import (streamed to a temporary file, then processed as a watchable job) and CSV export. */
export async function registerCsv(app: FastifyInstance, ctx: ServerContext, apps: PublishedApps): Promise<void> {
  const jobs = new ImportJobs(ctx.storage);
  app.addContentTypeParser(["text/csv", "application/csv"], (_request, payload, done) => done(null, payload));

  app.post<{
    Params: { app: string; entity: string };
    Querystring: { mode?: "all" | "skip"; wait?: "0" | "1"; restore?: "1" };
  }>(
    "/api/apps/:app/data/:entity/import",
    {
      schema: {
        params: { type: "object", properties: { app: id, entity: id }, required: ["app", "entity"] },
        querystring: {
          type: "object",
          properties: { mode: { enum: ["all", "skip"] }, wait: { enum: ["0", "1"] }, restore: { enum: ["1"] } },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const contentType = String(request.headers["content-type"] ?? "")
        .split(";")[0]
        ?.trim();
      if (contentType !== "text/csv" && contentType !== "application/csv") {
        throw httpError(415, "http.unsupportedMediaType", { type: contentType || "none", expected: "text/csv" });
      }
      if (Number(request.headers["content-length"] ?? 0) > IMPORT_LIMIT_BYTES) {
        throw httpError(413, "http.tooLarge", { limit: `${IMPORT_LIMIT_BYTES / 1024 / 1024} MB` });
      }
      const { app: appId, entity } = request.params;
      const actorId = await ctx.storage.read(async (tx) => {
        const published = await apps.get(tx, appId);
        const actor = await actorIn(ctx, tx, request, published);
        requireAccess(published, actor, entity, "import");
        if (request.query.restore === "1" && !actor.isAdmin) {
          throw httpError(403, "http.forbidden", {
            action: "restore records (an administrator's import)",
            actionZh: "恢复记录（管理员导入）",
          });
        }
        return actor.id;
      });
      const dir = await mkdtemp(join(tmpdir(), "plinth-import-"));
      const file = join(dir, "upload.csv");
      try {
        await pipeline(request.body as NodeJS.ReadableStream, byteLimit(IMPORT_LIMIT_BYTES), createWriteStream(file));
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      const job: ImportJob = {
        id: ctx.newId(),
        app: appId,
        entity,
        mode: request.query.mode ?? "all",
        userId: actorId,
        ...(request.query.restore === "1" ? { restore: true } : {}),
        status: "running",
        processed: 0,
        imported: 0,
        errors: [],
        startedAt: ctx.clock.now().toISOString(),
      };
      try {
        await ctx.storage.write((tx) => jobs.save(tx, job, job.startedAt));
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      const done = runImport(ctx, apps, jobs, request, job, file).finally(() =>
        rm(dir, { recursive: true, force: true }),
      );
      if (request.query.wait === "1") {
        await done;
        return reply.status(job.status === "done" ? 200 : 422).send(job);
      }
      void done;
      return reply.status(202).header("Location", `/api/apps/${appId}/imports/${job.id}`).send(job);
    },
  );

  app.get<{ Params: { app: string; id: string } }>(
    "/api/apps/:app/imports/:id",
    {
      schema: {
        params: {
          type: "object",
          properties: { app: id, id: { type: "string", maxLength: 64 } },
          required: ["app", "id"],
        },
      },
    },
    async (request) => {
      const principal = request.principal;
      if (!principal) throw httpError(401, "http.unauthenticated");
      const job = await jobs.get(request.params.id, ctx.clock.now());
      if (!job || job.app !== request.params.app || (job.userId !== principal.user.id && !principal.user.isAdmin)) {
        throw httpError(404, "http.notFound", { what: "import", whatZh: "导入任务", id: request.params.id });
      }
      return job;
    },
  );

  app.get<{ Params: { app: string; entity: string }; Querystring: { filter?: string; sort?: string } }>(
    "/api/apps/:app/data/:entity/export.csv",
    {
      schema: {
        params: { type: "object", properties: { app: id, entity: id }, required: ["app", "entity"] },
        querystring: {
          type: "object",
          properties: { filter: { type: "string", maxLength: 10_000 }, sort: { type: "string", maxLength: 1000 } },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const { app: appId, entity } = request.params;
      const stream = await ctx.storage.read(async (tx) => {
        const published = await apps.get(tx, appId);
        const actor = await actorIn(ctx, tx, request, published);
        return exportCsv(ctx, published, actor, entity, request.query.filter, request.query.sort);
      });
      return reply
        .header("Content-Type", "text/csv; charset=utf-8")
        .header("Content-Disposition", `attachment; filename="${appId}-${entity}.csv"`)
        .send(stream);
    },
  );
}
