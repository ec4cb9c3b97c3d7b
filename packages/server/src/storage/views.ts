import type { Raw, SqlRunner } from "./sqlRunner.js";
import type { SavedViewRow, SavedViewWriter } from "./types.js";

function toView(r: Raw): SavedViewRow {
  return {
    id: String(r.id),
    userId: String(r.user_id),
    appId: String(r.app_id),
    page: String(r.page),
    name: String(r.name),
    filter: String(r.filter),
    sort: JSON.parse(String(r.sort)) as SavedViewRow["sort"],
    columns: JSON.parse(String(r.columns)) as string[],
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

/** Saved views over one connection (a transaction's), on either database. */
export function savedViews(db: SqlRunner): SavedViewWriter {
  const { one, all, run, byCodePoint } = db;
  return {
    async list(userId, appId, page) {
      const rows = await all(
        `SELECT * FROM saved_views WHERE user_id = ? AND app_id = ? AND page = ? ORDER BY name${byCodePoint}, id${byCodePoint}`,
        userId,
        appId,
        page,
      );
      return rows.map(toView);
    },
    async get(userId, appId, id) {
      const row = await one("SELECT * FROM saved_views WHERE id = ? AND user_id = ? AND app_id = ?", id, userId, appId);
      return row ? toView(row) : undefined;
    },
    async insert(row) {
      await run(
        "INSERT INTO saved_views (id, user_id, app_id, page, name, filter, sort, columns, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row.id,
        row.userId,
        row.appId,
        row.page,
        row.name,
        row.filter,
        JSON.stringify(row.sort),
        JSON.stringify(row.columns),
        row.createdAt,
        row.updatedAt,
      );
    },
    async update(row) {
      const result = await run(
        "UPDATE saved_views SET name = ?, filter = ?, sort = ?, columns = ?, updated_at = ? WHERE id = ? AND user_id = ? AND app_id = ?",
        row.name,
        row.filter,
        JSON.stringify(row.sort),
        JSON.stringify(row.columns),
        row.updatedAt,
        row.id,
        row.userId,
        row.appId,
      );
      return result > 0;
    },
    async delete(userId, appId, id) {
      const result = await run(
        "DELETE FROM saved_views WHERE id = ? AND user_id = ? AND app_id = ?",
        id,
        userId,
        appId,
      );
      return result > 0;
    },
  };
}
