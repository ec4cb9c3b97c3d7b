import type { AttachmentField } from "./attachment.js";

/**
 * The rules for files of attachment fields, shared by the server (upload route), the memory
 * source and the upload widget, so all three refuse the same files with the same codes.
 */

/** A file as an attachment field's value holds it (the bytes live with the server). */
export interface FileDescriptor {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
}

/** What an upload announces before its bytes arrive. */
export interface UploadClaim {
  readonly contentType: string;
  /** Unknown for a streamed body without Content-Length. */
  readonly size?: number;
}

/** Why an upload is refused: an `http.*` code of the HTTP catalogue and its parameters. */
export interface UploadRefusal {
  readonly status: 413 | 415;
  readonly code: "http.fileTooLarge" | "http.fileType";
  readonly params: Readonly<Record<string, unknown>>;
}

/** The type of a file a client did not label. */
export const UNKNOWN_CONTENT_TYPE = "application/octet-stream";

const MB = 1024 * 1024;

/** `Text/HTML; charset=utf-8` → `text/html`; blank or malformed → application/octet-stream. */
export function normalizeContentType(contentType: string | undefined): string {
  const bare = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(bare)
    ? bare
    : UNKNOWN_CONTENT_TYPE;
}

/**
 * Whether a field's `accept` list admits a content type: exact types (`application/pdf`) and
 * wildcards (`image/*`); no list admits every type.
 */
export function acceptsContentType(accept: readonly string[] | undefined, contentType: string): boolean {
  if (!accept || accept.length === 0) return true;
  const type = normalizeContentType(contentType);
  return accept.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.endsWith("/*") ? type.startsWith(p.slice(0, -1)) : p === type;
  });
}

/** The largest file the field takes: its `maxSizeMb` (default 10 MB), never above the host's cap. */
export function uploadLimitBytes(field: AttachmentField, capBytes: number): number {
  return Math.min(Math.floor((field.maxSizeMb ?? 10) * MB), capBytes);
}

/** A byte count as people read it in a message: "10 MB", "512 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} B`;
}

/** Refuse an upload by its announced type and size before reading it; undefined when it may go on. */
export function checkUpload(field: AttachmentField, claim: UploadClaim, capBytes: number): UploadRefusal | undefined {
  const type = normalizeContentType(claim.contentType);
  if (!acceptsContentType(field.accept, type)) {
    return { status: 415, code: "http.fileType", params: { type, field: field.id, accept: field.accept ?? [] } };
  }
  const limit = uploadLimitBytes(field, capBytes);
  if (claim.size !== undefined && claim.size > limit) return tooLarge(field, limit);
  return undefined;
}

/** The refusal of a file found larger than `limit` while it streams in. */
export function tooLarge(field: AttachmentField, limit: number): UploadRefusal {
  return { status: 413, code: "http.fileTooLarge", params: { field: field.id, limit: formatBytes(limit) } };
}

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment
 * only (no `../`, no folders, either slash), no control or bidi-override characters, no
 * leading dots, at most 255 characters; "file" when nothing is left.
 *
 * @example
 * sanitizeFileName("../../etc/passwd"); // "passwd"
 * sanitizeFileName("C:\\Users\\me\\报价单.pdf"); // "报价单.pdf"
 */
export function sanitizeFileName(name: string): string {
  const last = name.split(/[/\\]/).pop() ?? "";
  const cleaned = last
    // C0/C1 controls, DEL, and the bidirectional overrides that disguise extensions.
    .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, "")
    .replace(/["<>:|?*]/g, "_")
    .trim()
    .replace(/^\.+/, "");
  const chars = [...cleaned];
  const short = chars.length > 255 ? chars.slice(0, 255).join("") : cleaned;
  return short === "" ? "file" : short;
}

/** The attachment descriptors of a record value (anything else is not a list of files). */
export function filesOf(value: unknown): FileDescriptor[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is FileDescriptor => typeof v === "object" && v !== null && typeof (v as { id?: unknown }).id === "string",
  );
}

/**
 * Files a write adds to an attachment field: those in `next` whose ids were not already in
 * `previous`. The host checks that each was uploaded by the writer for this field.
 */
export function addedFiles(previous: unknown, next: unknown): FileDescriptor[] {
  const had = new Set(filesOf(previous).map((f) => f.id));
  return filesOf(next).filter((f) => !had.has(f.id));
}

/** The part of a user's access to an entity that decides whether they may upload to one of its fields. */
export interface UploadAccess {
  readonly allowed: boolean;
  readonly readOnlyFields: ReadonlySet<string>;
  readonly hiddenFields: ReadonlySet<string>;
}

/**
 * Why a user may not upload a file for `field`, given their create and update access to its
 * entity: "entity" (neither action allowed), "field" (allowed, but the field is read-only or
 * hidden for them in both), or undefined when they may. Server and memory source both ask this.
 */
export function uploadRefusal(
  create: UploadAccess,
  update: UploadAccess,
  field: string,
): "entity" | "field" | undefined {
  if (!create.allowed && !update.allowed) return "entity";
  const writable = [create, update].some(
    (a) => a.allowed && !a.readOnlyFields.has(field) && !a.hiddenFields.has(field),
  );
  return writable ? undefined : "field";
}
