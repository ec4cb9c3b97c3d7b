import type { FileMetaWriter, FileRow } from "../types.js";
import { helpers, type Queryable } from "./connection.js";

/** The uploaded files' metadata table (as on SQLite); the bytes live in `file_blobs` (blobs.ts). */
export const filesDdl = `
CREATE TABLE IF NOT EXISTS files (
  id TEXT PRIMARY KEY,
  app_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  field TEXT NOT NULL,
  name TEXT NOT NULL,
  size BIGINT NOT NULL,
  content_type TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS files_app ON files (app_id, entity, field);
`;

type Raw = Record<string, unknown>;

function toFile(r: Raw): FileRow {
  return {
    id: String(r.id),
    appId: String(r.app_id),
    entity: String(r.entity),
    field: String(r.field),
    name: String(r.name),
    size: Number(r.size),
    contentType: String(r.content_type),
    uploadedBy: String(r.uploaded_by),
    createdAt: String(r.created_at),
  };
}

/** Files' metadata on one connection (joined into the transactions' `platform`). */
export function postgresFiles(db: Queryable): FileMetaWriter {
  const { one, run } = helpers(db);
  return {
    async file(id) {
      const r = await one("SELECT * FROM files WHERE id = ?", id);
      return r && toFile(r);
    },
    async insertFile(row) {
      await run(
        "INSERT INTO files (id, app_id, entity, field, name, size, content_type, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row.id,
        row.appId,
        row.entity,
        row.field,
        row.name,
        row.size,
        row.contentType,
        row.uploadedBy,
        row.createdAt,
      );
    },
  };
}
