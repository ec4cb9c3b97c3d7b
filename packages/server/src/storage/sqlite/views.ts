import type Database from "better-sqlite3";
import type { SavedViewRow, SavedViewWriter } from "../types.js";
import { preparedOn } from "./records.js";

/**
 * The saved views table. Created when missing on every start, like the platform's tables, so an
 * existing database gains it without a separate migration step. One name per user and page.
 */
export const savedViewsDdl = `
CREATE TABLE IF NOT EXISTS saved_views (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  app_id TEXT NOT NULL,
  page TEXT NOT NULL,
  name TEXT NOT NULL,
  filter TEXT NOT NULL,
  sort TEXT NOT NULL,
  columns TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS saved_views_name ON saved_views (user_id, app_id, page, name);
`;

type Raw = Record<string, unknown>;

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

/** Saved views over one connection (statements prepared once per connection). */
export function sqliteViews(db: Database.Database): SavedViewWriter {
  const prepared = preparedOn(db);
  return {
    async list(userId, appId, page) {
      const rows = prepared(
        "SELECT * FROM saved_views WHERE user_id = ? AND app_id = ? AND page = ? ORDER BY name, id",
      ).all(userId, appId, page) as Raw[];
      return rows.map(toView);
    },
    async get(userId, appId, id) {
      const row = prepared("SELECT * FROM saved_views WHERE id = ? AND user_id = ? AND app_id = ?").get(
        id,
        userId,
        appId,
      ) as Raw | undefined;
      return row ? toView(row) : undefined;
    },
    async insert(row) {
      prepared(
        "INSERT INTO saved_views (id, user_id, app_id, page, name, filter, sort, columns, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ).run(
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
      const result = prepared(
        "UPDATE saved_views SET name = ?, filter = ?, sort = ?, columns = ?, updated_at = ? WHERE id = ? AND user_id = ? AND app_id = ?",
      ).run(
        row.name,
        row.filter,
        JSON.stringify(row.sort),
        JSON.stringify(row.columns),
        row.updatedAt,
        row.id,
        row.userId,
        row.appId,
      );
      return result.changes > 0;
    },
    async delete(userId, appId, id) {
      const result = prepared("DELETE FROM saved_views WHERE id = ? AND user_id = ? AND app_id = ?").run(
        id,
        userId,
        appId,
      );
      return result.changes > 0;
    },
  };
}
