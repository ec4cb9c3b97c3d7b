/**
 * The platform's own tables on PostgreSQL: the same tables and columns as on SQLite (texts for
 * times and JSON, 0/1 integers for flags) so both stores read back the same rows. Entity
 * tables are created by plans.
 */
export const platformDdl = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  password_hash TEXT,
  is_admin BIGINT NOT NULL DEFAULT 0,
  attributes TEXT NOT NULL DEFAULT '{}',
  disabled BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
-- SQLite's NOCASE: user names are unique ignoring ASCII case.
CREATE UNIQUE INDEX IF NOT EXISTS users_username ON users (lower(username COLLATE "C"));
CREATE TABLE IF NOT EXISTS user_roles (
  user_id TEXT NOT NULL REFERENCES users(id),
  app_id TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, app_id, role)
);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS apps (
  id TEXT PRIMARY KEY,
  draft TEXT,
  draft_revision BIGINT NOT NULL DEFAULT 0,
  published_version BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS app_versions (
  app_id TEXT NOT NULL REFERENCES apps(id),
  version BIGINT NOT NULL,
  schema TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  plan TEXT NOT NULL,
  PRIMARY KEY (app_id, version)
);
CREATE TABLE IF NOT EXISTS entity_tables (
  app_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  table_name TEXT NOT NULL UNIQUE,
  PRIMARY KEY (app_id, entity_id)
);
CREATE TABLE IF NOT EXISTS counters (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  user_id TEXT,
  request_id TEXT,
  action TEXT NOT NULL,
  app_id TEXT,
  entity TEXT,
  record_id TEXT,
  diff TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_record ON audit (app_id, entity, record_id);
CREATE INDEX IF NOT EXISTS audit_user ON audit (user_id, at);
CREATE OR REPLACE FUNCTION plinth_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit is append-only'; END $$;
CREATE OR REPLACE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION plinth_audit_append_only();
CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION plinth_audit_append_only();
CREATE TABLE IF NOT EXISTS workflow_history (
  id TEXT PRIMARY KEY,
  pos BIGSERIAL,
  app_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  workflow TEXT NOT NULL,
  transition TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  user_id TEXT,
  at TEXT NOT NULL,
  snapshot TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS workflow_history_record ON workflow_history (app_id, entity, record_id, at);
CREATE TABLE IF NOT EXISTS approvals (
  id TEXT PRIMARY KEY,
  app_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  workflow TEXT NOT NULL,
  status TEXT NOT NULL,
  state TEXT NOT NULL,
  revision BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS approvals_record ON approvals (app_id, entity, record_id);
CREATE INDEX IF NOT EXISTS approvals_status ON approvals (app_id, status);
CREATE TABLE IF NOT EXISTS inbox (
  id TEXT PRIMARY KEY,
  pos BIGSERIAL,
  user_id TEXT NOT NULL,
  app_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  entity TEXT,
  record_id TEXT,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX IF NOT EXISTS inbox_user ON inbox (user_id, app_id, created_at);
CREATE TABLE IF NOT EXISTS timers (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  due_at TEXT NOT NULL,
  payload TEXT NOT NULL,
  payload_key TEXT NOT NULL DEFAULT '',
  done_at TEXT
);
CREATE INDEX IF NOT EXISTS timers_due ON timers (done_at, due_at);
CREATE INDEX IF NOT EXISTS timers_key ON timers (kind, payload_key);
CREATE TABLE IF NOT EXISTS outbox (
  id TEXT PRIMARY KEY,
  app_id TEXT NOT NULL,
  url TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts BIGINT NOT NULL,
  next_at TEXT NOT NULL,
  status TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, next_at);
CREATE TABLE IF NOT EXISTS fired (
  key TEXT PRIMARY KEY,
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency (
  user_id TEXT NOT NULL,
  key TEXT NOT NULL,
  status BIGINT NOT NULL,
  body TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, key)
);
`;
