/** The saved views table (as on SQLite). One name per user and page. */
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
