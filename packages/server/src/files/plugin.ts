import type { Readable } from "node:stream";
import {
  addedFiles,
  checkUpload,
  type FieldOfKind,
  type FileDescriptor,
  filesOf,
  normalizeContentType,
  sanitizeFileName,
  tooLarge,
  uploadLimitBytes,
  uploadRefusal,
} from "@plinth/runtime";
import type { FastifyInstance } from "fastify";
import type { PublishedApp, PublishedApps } from "../apps/published.js";
import type { ServerContext, WriteEvent } from "../http/context.js";
import { httpError } from "../http/errors.js";
import { accessFor, readableRecord, requireAccess } from "../records/access.js";
import type { Actor } from "../records/userContext.js";
import { actorIn } from "../records/userContext.js";
import { BlobTooLargeError } from "../storage/types.js";
import { contentDisposition } from "./disposition.js";

export interface FilesOptions {
  /** The largest upload of any field, whatever its `maxSizeMb` (default 50 MB). */
  readonly maxUploadBytes?: number;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const id = { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_]{0,62}$" } as const;
const recordId = { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } as const;

type UploadRoute = {
  Params: { app: string; entity: string; field: string };
  Querystring: { name?: string };
  Body: Readable;
};
type DownloadRoute = { Params: { app: string; entity: string; id: string; field: string; fileId: string } };

function attachmentField(published: PublishedApp, entity: string, field: string): FieldOfKind<"attachment"> {
  const found = published.stored.schema.entities?.find((e) => e.id === entity)?.fields.find((f) => f.id === field);
  if (found?.kind !== "attachment") {
    throw httpError(404, "http.notFound", { what: "attachment field", whatZh: "附件字段", id: field });
  }
  return found;
}

/** Uploading needs create or update on the entity with the field writable (not read-only, not hidden). */
function requireUpload(published: PublishedApp, actor: Actor, entity: string, field: string): void {
  const refusal = uploadRefusal(
    accessFor(published, actor, entity, "create"),
    accessFor(published, actor, entity, "update"),
    field,
  );
  if (refusal === "entity") requireAccess(published, actor, entity, "update");
  if (refusal === "field") throw httpError(403, "http.fieldForbidden", { field }, { path: `/${field}` });
}

/** The write hook: a create or update may only add files its writer uploaded for that field of that entity. */
function checkAttachments() {
  return async (event: WriteEvent): Promise<void> => {
    if (event.kind !== "create" && event.kind !== "update") return;
    const entity = event.published.stored.schema.entities?.find((e) => e.id === event.entity);
    for (const field of entity?.fields ?? []) {
      if (field.kind !== "attachment") continue;
      const added = new Set(addedFiles(event.old?.[field.id], event.record[field.id]).map((f) => f.id));
      if (added.size === 0) continue;
      const files = filesOf(event.record[field.id]);
      for (const [i, file] of files.entries()) {
        if (!added.has(file.id)) continue;
        const stored = await event.tx.platform.file(file.id);
        const matches =
          stored !== undefined &&
          stored.appId === event.published.stored.id &&
          stored.entity === event.entity &&
          stored.field === field.id &&
          (stored.uploadedBy === event.actor.id || event.actor.isAdmin);
        if (!matches) {
          throw httpError(422, "http.fileUnknown", { id: file.id, field: field.id }, { path: `/${field.id}/${i}` });
        }
      }
    }
  };
}

/**
 * Attachments: `POST /api/apps/:app/files/:entity/:field?name=` streams the request body (the
 * file itself, typed by Content-Type) to the blob store and answers its descriptor; a record
 * write then puts the descriptor in the field. `GET …/data/:entity/:id/files/:field/:fileId`
 * sends a file of a record the caller may read, as a download. Uploads never attached stay
 * in the blob folder (no sweeper yet).
 */
export async function registerFiles(
  app: FastifyInstance,
  ctx: ServerContext,
  apps: PublishedApps,
  options: FilesOptions = {},
): Promise<void> {
  const cap = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  ctx.hooks.afterWrite.push(checkAttachments());

  await app.register(async (scope) => {
    // The body is the file: any content type, handed over unread as a stream.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, payload, done) => done(null, payload));

    scope.post<UploadRoute>(
      "/api/apps/:app/files/:entity/:field",
      {
        schema: {
          params: {
            type: "object",
            properties: { app: id, entity: id, field: id },
            required: ["app", "entity", "field"],
          },
          querystring: {
            type: "object",
            properties: { name: { type: "string", maxLength: 1000 } },
            additionalProperties: false,
          },
        },
      },
      async (request, reply) => {
        const { app: appId, entity, field: fieldId } = request.params;
        const contentType = normalizeContentType(request.headers["content-type"]);
        const declared = Number(request.headers["content-length"]);
        const { published, actor, field } = await ctx.storage.read(async (tx) => {
          const published = await apps.get(tx, appId);
          const actor = await actorIn(ctx, tx, request, published);
          const field = attachmentField(published, entity, fieldId);
          requireUpload(published, actor, entity, fieldId);
          return { published, actor, field };
        });
        const claim = { contentType, ...(Number.isFinite(declared) ? { size: declared } : {}) };
        const refusal = checkUpload(field, claim, cap);
        if (refusal) throw httpError(refusal.status, refusal.code, refusal.params, { path: `/${fieldId}` });
        const limit = uploadLimitBytes(field, cap);
        const body = request.body as Readable | undefined;
        if (!body || typeof body.pipe !== "function") {
          throw httpError(400, "http.badRequest", { reason: "send the file as the request body" });
        }
        const fileId = ctx.newId();
        let size: number;
        try {
          size = await ctx.storage.blobs.put(fileId, body, limit);
        } catch (error) {
          if (error instanceof BlobTooLargeError) {
            const r = tooLarge(field, limit);
            throw httpError(r.status, r.code, r.params, { path: `/${fieldId}` });
          }
          throw error;
        }
        const descriptor: FileDescriptor = {
          id: fileId,
          name: sanitizeFileName(request.query.name ?? ""),
          size,
          contentType,
        };
        try {
          await ctx.storage.write((tx) =>
            tx.platform.insertFile({
              ...descriptor,
              appId: published.stored.id,
              entity,
              field: fieldId,
              uploadedBy: actor.id,
              createdAt: actor.env.now,
            }),
          );
        } catch (error) {
          await ctx.storage.blobs.remove(fileId);
          throw error;
        }
        return reply.status(201).send(descriptor);
      },
    );
  });

  app.get<DownloadRoute>(
    "/api/apps/:app/data/:entity/:id/files/:field/:fileId",
    {
      schema: {
        params: {
          type: "object",
          properties: { app: id, entity: id, id: recordId, field: id, fileId: recordId },
          required: ["app", "entity", "id", "field", "fileId"],
        },
      },
    },
    async (request, reply) => {
      const { app: appId, entity, id: recordIdValue, field: fieldId, fileId } = request.params;
      const stored = await ctx.storage.read(async (tx) => {
        const published = await apps.get(tx, appId);
        const actor = await actorIn(ctx, tx, request, published);
        attachmentField(published, entity, fieldId);
        const record = await readableRecord(tx, published, actor, entity, recordIdValue);
        const hidden = accessFor(published, actor, entity, "read").hiddenFields.has(fieldId);
        const held = !hidden && filesOf(record[fieldId]).some((f) => f.id === fileId);
        const row = held ? await tx.platform.file(fileId) : undefined;
        if (!row || row.appId !== published.stored.id || row.entity !== entity || row.field !== fieldId) {
          throw httpError(404, "http.notFound", { what: "file", whatZh: "文件", id: fileId });
        }
        return row;
      });
      const blob = await ctx.storage.blobs.open(fileId);
      if (!blob) throw httpError(404, "http.notFound", { what: "file", whatZh: "文件", id: fileId });
      return reply
        .header("Content-Type", stored.contentType)
        .header("Content-Length", String(blob.size))
        .header("Content-Disposition", contentDisposition(stored.name))
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .header("Cache-Control", "private, no-cache")
        .send(blob.stream);
    },
  );
}
