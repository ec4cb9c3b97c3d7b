import type { Raw, SqlRunner } from "./sqlRunner.js";
import type { FileMetaWriter, FileRow } from "./types.js";

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

/** Files' metadata on one connection (joined into the transactions' `platform`), on either database. */
export function fileMeta(db: SqlRunner): FileMetaWriter {
  const { one, run } = db;
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
