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
