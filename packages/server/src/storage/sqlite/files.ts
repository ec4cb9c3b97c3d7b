import type Database from "better-sqlite3";
import type { FileMetaWriter, FileRow } from "../types.js";
import { preparedOn } from "./records.js";

/**
 * The uploaded files' metadata table. Created at open like the platform tables (`IF NOT
 * EXISTS`, so opening an older database file adds it); the bytes live in the blob folder.
 */
export const filesDdl = `
CREATE TABLE IF NOT EXISTS files (
  id TEXT PRIMARY KEY,
  app_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  field TEXT NOT NULL,
  name TEXT NOT NULL,
  size INTEGER NOT NULL,
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
export function sqliteFiles(db: Database.Database): FileMetaWriter {
  const sql = preparedOn(db);
  return {
    async file(id) {
      const r = sql("SELECT * FROM files WHERE id = ?").get(id) as Raw | undefined;
      return r && toFile(r);
    },
    async insertFile(row) {
      sql(
        "INSERT INTO files (id, app_id, entity, field, name, size, content_type, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ).run(
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
