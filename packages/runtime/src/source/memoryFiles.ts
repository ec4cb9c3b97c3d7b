import type { AttachmentField } from "../fields/attachment.js";
import {
  addedFiles,
  checkUpload,
  type FileDescriptor,
  filesOf,
  normalizeContentType,
  sanitizeFileName,
  tooLarge,
  uploadLimitBytes,
  uploadRefusal,
} from "../fields/attachmentFiles.js";
import { type DataSourceError, notFound, sourceError } from "./errors.js";
import { accessFor, readableRow, requireAccess } from "./memoryAccess.js";
import { fieldOf, type MemoryActor, type MemoryContext, rowsOf } from "./memoryStore.js";
import type { PeopleOptions, SourcePerson, SourceRecord, UploadInput } from "./types.js";

/** A person of the memory source's directory for pickers: id, name and own roles in the app. */
export interface MemoryPerson {
  readonly id: string;
  readonly name: string;
  readonly roles?: readonly string[];
}

/** An uploaded file held in memory with who uploaded it and for which field. */
export interface MemoryFile {
  readonly descriptor: FileDescriptor;
  readonly bytes: Uint8Array;
  readonly entity: string;
  readonly field: string;
  readonly uploadedBy: string;
}

/** The upload cap of the memory source (the server's default). */
export const MEMORY_UPLOAD_CAP = 50 * 1024 * 1024;
const MAX_SEARCH = 100;

function badRequest(reason: string, path = ""): DataSourceError {
  return sourceError(400, "http.badRequest", { reason }, { path });
}

/** People matching the options, ordered by name, as the server's people route answers. */
export function peopleOf(
  ctx: MemoryContext,
  actor: MemoryActor,
  directory: readonly MemoryPerson[],
  options: PeopleOptions,
): SourcePerson[] {
  if (!actor.isAdmin && actor.user.roles.length === 0) {
    throw sourceError(403, "http.forbidden", { action: "see the people of this app", actionZh: "查看此应用的人员" });
  }
  const search = (options.search ?? "").trim().toLowerCase();
  if (search.length > MAX_SEARCH) throw badRequest(`q may be at most ${MAX_SEARCH} characters`, "/q");
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badRequest("limit must be 1 to 500", "/limit");
  const wanted = options.roles && options.roles.length > 0 ? new Set(options.roles) : undefined;
  if ((options.ids?.length ?? 0) > 100) throw badRequest("ids may name at most 100 people", "/ids");
  const only = options.ids ? new Set(options.ids) : undefined;
  return directory
    .filter((p) => (p.roles ?? []).length > 0 && (!only || only.has(p.id)))
    .filter((p) => !wanted || [...ctx.policy.rolesOf(p.roles ?? [])].some((r) => wanted.has(r)))
    .filter((p) => search === "" || p.name.toLowerCase().includes(search) || p.id.toLowerCase() === search)
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((p) => ({ id: p.id, name: p.name }));
}

function attachmentField(ctx: MemoryContext, entity: string, field: string): AttachmentField {
  const found = fieldOf(ctx, entity, field);
  if (found?.kind !== "attachment") throw notFound("attachment field", "附件字段", field);
  return found;
}

async function bytesOf(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (typeof body === "string") return new TextEncoder().encode(body);
  if (typeof body === "object" && body !== null && typeof (body as Blobish).arrayBuffer === "function") {
    return new Uint8Array(await (body as Blobish).arrayBuffer());
  }
  throw badRequest("the file's body must be a Blob, an ArrayBuffer, bytes or text");
}

type Blobish = { arrayBuffer(): Promise<ArrayBuffer> };

/** Create or update access to the field (as the server's upload route asks). */
function requireUploadAccess(ctx: MemoryContext, actor: MemoryActor, entity: string, field: string): void {
  const refusal = uploadRefusal(
    accessFor(ctx, actor, entity, "create"),
    accessFor(ctx, actor, entity, "update"),
    field,
  );
  if (refusal === "entity") requireAccess(ctx, actor, entity, "update");
  if (refusal === "field") throw sourceError(403, "http.fieldForbidden", { field }, { path: `/${field}` });
}

/** Keep an upload in memory after the same checks as the server; answers its descriptor. */
export async function uploadFile(
  ctx: MemoryContext,
  files: Map<string, MemoryFile>,
  actor: MemoryActor,
  entity: string,
  fieldId: string,
  file: UploadInput,
): Promise<FileDescriptor> {
  const field = attachmentField(ctx, entity, fieldId);
  requireUploadAccess(ctx, actor, entity, fieldId);
  const contentType = normalizeContentType(file.contentType);
  const refusal = checkUpload(field, { contentType, size: file.size }, MEMORY_UPLOAD_CAP);
  if (refusal) throw sourceError(refusal.status, refusal.code, refusal.params, { path: `/${fieldId}` });
  const bytes = await bytesOf(file.body);
  const limit = uploadLimitBytes(field, MEMORY_UPLOAD_CAP);
  if (bytes.byteLength > limit) {
    const r = tooLarge(field, limit);
    throw sourceError(r.status, r.code, r.params, { path: `/${fieldId}` });
  }
  const descriptor: FileDescriptor = {
    id: ctx.newId(),
    name: sanitizeFileName(file.name),
    size: bytes.byteLength,
    contentType,
  };
  files.set(descriptor.id, { descriptor, bytes, entity, field: fieldId, uploadedBy: actor.id });
  return descriptor;
}

/** A file's bytes, when the actor may read the record holding it in that field. */
export function downloadFile(
  ctx: MemoryContext,
  files: ReadonlyMap<string, MemoryFile>,
  actor: MemoryActor,
  entity: string,
  id: string,
  fieldId: string,
  fileId: string,
): Uint8Array {
  attachmentField(ctx, entity, fieldId);
  const row = readableRow(ctx, actor, entity, id);
  if (accessFor(ctx, actor, entity, "read").hiddenFields.has(fieldId)) throw notFound("file", "文件", fileId);
  const held = Array.isArray(row[fieldId]) && (row[fieldId] as FileDescriptor[]).some((f) => f?.id === fileId);
  const stored = files.get(fileId);
  if (!held || !stored || stored.entity !== entity || stored.field !== fieldId) throw notFound("file", "文件", fileId);
  return stored.bytes;
}

/**
 * Refuse a write that attaches a file the writer did not upload for that field (someone
 * else's file id copied into a record would otherwise reach readers of this record).
 */
export function checkAttached(
  ctx: MemoryContext,
  files: ReadonlyMap<string, MemoryFile>,
  actor: MemoryActor,
  entity: string,
  values: Readonly<Record<string, unknown>>,
  id?: string,
): void {
  const previous: SourceRecord | undefined = id === undefined ? undefined : rowsOf(ctx, entity).get(id);
  for (const [fieldId, value] of Object.entries(values)) {
    if (fieldOf(ctx, entity, fieldId)?.kind !== "attachment") continue;
    const added = new Set(addedFiles(previous?.[fieldId], value).map((f) => f.id));
    filesOf(value).forEach((file, i) => {
      if (!added.has(file.id)) return;
      const stored = files.get(file.id);
      const mine = stored?.uploadedBy === actor.id || actor.isAdmin;
      if (!stored || stored.entity !== entity || stored.field !== fieldId || !mine) {
        throw sourceError(422, "http.fileUnknown", { id: file.id, field: fieldId }, { path: `/${fieldId}/${i}` });
      }
    });
  }
}
