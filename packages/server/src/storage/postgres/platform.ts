import type { App } from "@plinth/runtime";
import { auditHash, GENESIS_HASH } from "../auditHash.js";
import type { MigrationPlan } from "../plan.js";
import type {
  AppRow,
  ApprovalRow,
  AppVersionRow,
  AuditEntry,
  AuditFilter,
  AuditRow,
  FileMetaWriter,
  HistoryRow,
  InboxRow,
  OutboxRow,
  PlatformWriter,
  SessionRow,
  TimerRow,
  TokenRow,
  UserRow,
} from "../types.js";
import { guarded, helpers, type Queryable } from "./connection.js";
import { applyPlanPostgres } from "./ddl.js";

type Raw = Record<string, unknown>;

/** Advisory lock key of the audit chain's head (any constant shared by every process). */
const AUDIT_LOCK = 7_302_001;

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toUser(r: Raw): UserRow {
  return {
    id: str(r.id),
    username: str(r.username),
    displayName: str(r.display_name),
    passwordHash: strOrNull(r.password_hash),
    isAdmin: r.is_admin === 1,
    attributes: JSON.parse(str(r.attributes)) as Record<string, unknown>,
    disabled: r.disabled === 1,
    createdAt: str(r.created_at),
  };
}

function toToken(r: Raw): TokenRow {
  return {
    id: str(r.id),
    userId: str(r.user_id),
    name: str(r.name),
    tokenHash: str(r.token_hash),
    createdAt: str(r.created_at),
    lastUsedAt: strOrNull(r.last_used_at),
    revokedAt: strOrNull(r.revoked_at),
  };
}

function toApp(r: Raw): AppRow {
  return {
    id: str(r.id),
    draft: r.draft === null ? null : (JSON.parse(str(r.draft)) as App),
    draftRevision: Number(r.draft_revision),
    publishedVersion: r.published_version === null ? null : Number(r.published_version),
    createdAt: str(r.created_at),
    updatedAt: str(r.updated_at),
  };
}

function toVersion(r: Raw): AppVersionRow {
  return {
    appId: str(r.app_id),
    version: Number(r.version),
    schema: JSON.parse(str(r.schema)) as App,
    publishedAt: str(r.published_at),
    publishedBy: str(r.published_by),
    plan: JSON.parse(str(r.plan)) as MigrationPlan,
  };
}

function toHistory(r: Raw): HistoryRow {
  return {
    id: str(r.id),
    appId: str(r.app_id),
    entity: str(r.entity),
    recordId: str(r.record_id),
    workflow: str(r.workflow),
    transition: str(r.transition),
    from: strOrNull(r.from_state),
    to: str(r.to_state),
    userId: strOrNull(r.user_id),
    at: str(r.at),
    snapshot: JSON.parse(str(r.snapshot)) as Record<string, unknown>,
  };
}

function toApproval(r: Raw): ApprovalRow {
  return {
    id: str(r.id),
    appId: str(r.app_id),
    entity: str(r.entity),
    recordId: str(r.record_id),
    workflow: str(r.workflow),
    status: str(r.status),
    state: JSON.parse(str(r.state)) as unknown,
    revision: Number(r.revision),
    createdAt: str(r.created_at),
    updatedAt: str(r.updated_at),
  };
}

function toInbox(r: Raw): InboxRow {
  return {
    id: str(r.id),
    userId: str(r.user_id),
    appId: str(r.app_id),
    kind: str(r.kind),
    entity: strOrNull(r.entity),
    recordId: strOrNull(r.record_id),
    message: JSON.parse(str(r.message)) as unknown,
    createdAt: str(r.created_at),
    readAt: strOrNull(r.read_at),
  };
}

function toTimer(r: Raw): TimerRow {
  return {
    id: str(r.id),
    kind: str(r.kind),
    dueAt: str(r.due_at),
    payload: JSON.parse(str(r.payload)) as unknown,
    doneAt: strOrNull(r.done_at),
  };
}

function toOutbox(r: Raw): OutboxRow {
  return {
    id: str(r.id),
    appId: str(r.app_id),
    url: str(r.url),
    body: str(r.body),
    attempts: Number(r.attempts),
    nextAt: str(r.next_at),
    status: str(r.status) as OutboxRow["status"],
    lastError: strOrNull(r.last_error),
    createdAt: str(r.created_at),
  };
}

function payloadKey(payload: unknown): string {
  return payload !== null && typeof payload === "object" && "key" in payload
    ? String((payload as { key: unknown }).key)
    : "";
}

function toAudit(r: Raw): AuditRow {
  return {
    seq: Number(r.seq),
    at: str(r.at),
    userId: strOrNull(r.user_id),
    requestId: strOrNull(r.request_id),
    action: str(r.action),
    appId: strOrNull(r.app_id),
    entity: strOrNull(r.entity),
    recordId: strOrNull(r.record_id),
    diff: JSON.parse(str(r.diff)) as unknown,
    prevHash: str(r.prev_hash),
    hash: str(r.hash),
  };
}

/**
 * The platform tables on one PostgreSQL connection (a transaction's). The SQL is the SQLite
 * implementation's where both databases agree, with `?` placeholders numbered by `helpers`.
 */
export function postgresPlatform(db: Queryable): Omit<PlatformWriter, keyof FileMetaWriter> {
  const { one, all, run } = helpers(db);

  return {
    async userById(id) {
      const r = await one("SELECT * FROM users WHERE id = ?", id);
      return r && toUser(r);
    },
    async userByName(username) {
      const r = await one('SELECT * FROM users WHERE lower(username COLLATE "C") = lower(? COLLATE "C")', username);
      return r && toUser(r);
    },
    async listUsers() {
      return (await all('SELECT * FROM users ORDER BY lower(username COLLATE "C"), username')).map(toUser);
    },
    async rolesOf(userId, appId) {
      return (
        await all("SELECT role FROM user_roles WHERE user_id = ? AND app_id = ? ORDER BY role", userId, appId)
      ).map((r) => str(r.role));
    },
    async usersInApp(appId) {
      const rows = await all(
        'SELECT u.*, string_agg(r.role, chr(31)) AS roles FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.app_id = ? GROUP BY u.id ORDER BY lower(u.username COLLATE "C"), u.username',
        appId,
      );
      return rows.map((r) => ({ user: toUser(r), roles: str(r.roles).split("\u001f").sort() }));
    },
    async allRoles(userId) {
      return (await all("SELECT app_id, role FROM user_roles WHERE user_id = ? ORDER BY app_id, role", userId)).map(
        (r) => ({
          appId: str(r.app_id),
          role: str(r.role),
        }),
      );
    },
    async session(idHash) {
      const r = await one("SELECT * FROM sessions WHERE id_hash = ?", idHash);
      return (
        r && {
          idHash: str(r.id_hash),
          userId: str(r.user_id),
          csrfToken: str(r.csrf_token),
          createdAt: str(r.created_at),
          expiresAt: str(r.expires_at),
        }
      );
    },
    async tokenByHash(tokenHash) {
      const r = await one("SELECT * FROM api_tokens WHERE token_hash = ?", tokenHash);
      return r && toToken(r);
    },
    async tokensOf(userId) {
      return (await all("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at", userId)).map(toToken);
    },
    async app(id) {
      const r = await one("SELECT * FROM apps WHERE id = ?", id);
      return r && toApp(r);
    },
    async publishedVersion(id) {
      const r = await one("SELECT published_version FROM apps WHERE id = ?", id);
      if (!r) return undefined;
      return r.published_version === null ? null : Number(r.published_version);
    },
    async listApps() {
      return (await all("SELECT * FROM apps ORDER BY id")).map(toApp);
    },
    async appVersion(appId, version) {
      const r = await one("SELECT * FROM app_versions WHERE app_id = ? AND version = ?", appId, version);
      return r && toVersion(r);
    },
    async appVersions(appId) {
      return (await all("SELECT * FROM app_versions WHERE app_id = ? ORDER BY version", appId)).map(toVersion);
    },
    async entityTables(appId) {
      return new Map(
        (await all("SELECT entity_id, table_name FROM entity_tables WHERE app_id = ?", appId)).map((r) => [
          str(r.entity_id),
          str(r.table_name),
        ]),
      );
    },
    async audit(filter: AuditFilter) {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: string, value: unknown) => {
        where.push(clause);
        params.push(value);
      };
      if (filter.appId !== undefined) add("app_id = ?", filter.appId);
      if (filter.entity !== undefined) add("entity = ?", filter.entity);
      if (filter.recordId !== undefined) add("record_id = ?", filter.recordId);
      if (filter.userId !== undefined) add("user_id = ?", filter.userId);
      if (filter.from !== undefined) add("at >= ?", filter.from);
      if (filter.to !== undefined) add("at < ?", filter.to);
      if (filter.afterSeq !== undefined) add("seq < ?", filter.afterSeq);
      const clause = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
      return (await all(`SELECT * FROM audit ${clause} ORDER BY seq DESC LIMIT ?`, ...params, filter.limit)).map(
        toAudit,
      );
    },
    async auditRange(afterSeq, limit) {
      return (await all("SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT ?", afterSeq, limit)).map(toAudit);
    },
    async auditHead() {
      const r = await one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
      return r ? { seq: Number(r.seq), hash: str(r.hash) } : { seq: 0, hash: GENESIS_HASH };
    },
    async idempotent(userId, key) {
      const r = await one(
        "SELECT status, body, fingerprint FROM idempotency WHERE user_id = ? AND key = ?",
        userId,
        key,
      );
      return r && { status: Number(r.status), body: str(r.body), fingerprint: str(r.fingerprint) };
    },
    async history(appId, entity, recordId) {
      return (
        await all(
          "SELECT * FROM workflow_history WHERE app_id = ? AND entity = ? AND record_id = ? ORDER BY at, pos",
          appId,
          entity,
          recordId,
        )
      ).map(toHistory);
    },
    async approvals(appId, entity, recordId) {
      return (
        await all(
          "SELECT * FROM approvals WHERE app_id = ? AND entity = ? AND record_id = ? ORDER BY created_at",
          appId,
          entity,
          recordId,
        )
      ).map(toApproval);
    },
    async approval(id) {
      const r = await one("SELECT * FROM approvals WHERE id = ?", id);
      return r && toApproval(r);
    },
    async openApproval(appId, entity, recordId) {
      const r = await one(
        "SELECT * FROM approvals WHERE app_id = ? AND entity = ? AND record_id = ? AND status = 'pending' LIMIT 1",
        appId,
        entity,
        recordId,
      );
      return r && toApproval(r);
    },
    async pendingApprovals(appId) {
      return (
        await all("SELECT * FROM approvals WHERE app_id = ? AND status = 'pending' ORDER BY created_at", appId)
      ).map(toApproval);
    },
    async inbox(userId, appId, limit) {
      return (
        await all(
          "SELECT * FROM inbox WHERE user_id = ? AND app_id = ? ORDER BY created_at DESC, pos DESC LIMIT ?",
          userId,
          appId,
          limit,
        )
      ).map(toInbox);
    },
    async dueTimers(now, limit) {
      return (
        await all("SELECT * FROM timers WHERE done_at IS NULL AND due_at <= ? ORDER BY due_at LIMIT ?", now, limit)
      ).map(toTimer);
    },
    async dueOutbox(now, limit) {
      return (
        await all("SELECT * FROM outbox WHERE status = 'pending' AND next_at <= ? ORDER BY next_at LIMIT ?", now, limit)
      ).map(toOutbox);
    },
    async outbox(status, limit) {
      return (await all("SELECT * FROM outbox WHERE status = ? ORDER BY created_at DESC LIMIT ?", status, limit)).map(
        toOutbox,
      );
    },
    async fired(key) {
      return (await one("SELECT 1 AS x FROM fired WHERE key = ?", key)) !== undefined;
    },
    async meta(key) {
      const r = await one("SELECT value FROM meta WHERE key = ?", key);
      return r ? str(r.value) : undefined;
    },

    async insertUser(u: UserRow) {
      await run(
        "INSERT INTO users (id, username, display_name, password_hash, is_admin, attributes, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        u.id,
        u.username,
        u.displayName,
        u.passwordHash,
        u.isAdmin ? 1 : 0,
        JSON.stringify(u.attributes),
        u.disabled ? 1 : 0,
        u.createdAt,
      );
    },
    async updateUser(id, changes) {
      const current = await one("SELECT * FROM users WHERE id = ?", id);
      if (!current) return;
      const u = { ...toUser(current), ...changes };
      await run(
        "UPDATE users SET username = ?, display_name = ?, password_hash = ?, is_admin = ?, attributes = ?, disabled = ? WHERE id = ?",
        u.username,
        u.displayName,
        u.passwordHash,
        u.isAdmin ? 1 : 0,
        JSON.stringify(u.attributes),
        u.disabled ? 1 : 0,
        id,
      );
    },
    async setRoles(userId, appId, roles) {
      await run("DELETE FROM user_roles WHERE user_id = ? AND app_id = ?", userId, appId);
      for (const role of new Set(roles))
        await run("INSERT INTO user_roles (user_id, app_id, role) VALUES (?, ?, ?)", userId, appId, role);
    },
    async insertSession(s: SessionRow) {
      await run(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        s.idHash,
        s.userId,
        s.csrfToken,
        s.createdAt,
        s.expiresAt,
      );
    },
    async deleteSession(idHash) {
      await run("DELETE FROM sessions WHERE id_hash = ?", idHash);
    },
    async deleteExpiredSessions(now) {
      await run("DELETE FROM sessions WHERE expires_at < ?", now);
    },
    async insertToken(t: TokenRow) {
      await run(
        "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        t.id,
        t.userId,
        t.name,
        t.tokenHash,
        t.createdAt,
        t.lastUsedAt,
        t.revokedAt,
      );
    },
    async touchToken(id, at) {
      await run("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", at, id);
    },
    async revokeToken(id, userId, at) {
      return (
        (await run(
          "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
          at,
          id,
          userId,
        )) === 1
      );
    },
    async insertApp(a: AppRow) {
      await guarded(db, () =>
        run(
          "INSERT INTO apps (id, draft, draft_revision, published_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
          a.id,
          a.draft === null ? null : JSON.stringify(a.draft),
          a.draftRevision,
          a.publishedVersion,
          a.createdAt,
          a.updatedAt,
        ),
      );
    },
    async saveDraft(id, draft, expectedRevision, at) {
      const result = await run(
        "UPDATE apps SET draft = ?, draft_revision = draft_revision + 1, updated_at = ? WHERE id = ? AND draft_revision = ?",
        JSON.stringify(draft),
        at,
        id,
        expectedRevision,
      );
      return result === 1;
    },
    async setPublished(id, version, at) {
      await run("UPDATE apps SET published_version = ?, updated_at = ? WHERE id = ?", version, at, id);
    },
    async insertAppVersion(v: AppVersionRow) {
      await run(
        "INSERT INTO app_versions (app_id, version, schema, published_at, published_by, plan) VALUES (?, ?, ?, ?, ?, ?)",
        v.appId,
        v.version,
        JSON.stringify(v.schema),
        v.publishedAt,
        v.publishedBy,
        JSON.stringify(v.plan),
      );
    },
    async appendAudit(entry: AuditEntry) {
      // The chain has one head: appenders in other processes wait here until this transaction ends.
      await one("SELECT pg_advisory_xact_lock(?) AS locked", AUDIT_LOCK);
      const head = await one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
      const seq = head ? Number(head.seq) + 1 : 1;
      const prevHash = head ? str(head.hash) : GENESIS_HASH;
      const hash = auditHash(prevHash, seq, entry);
      await run(
        "INSERT INTO audit (seq, at, user_id, request_id, action, app_id, entity, record_id, diff, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        seq,
        entry.at,
        entry.userId,
        entry.requestId,
        entry.action,
        entry.appId,
        entry.entity,
        entry.recordId,
        JSON.stringify(entry.diff ?? null),
        prevHash,
        hash,
      );
      return { ...entry, seq, prevHash, hash };
    },
    async saveIdempotent(userId, key, value, at) {
      await run(
        "INSERT INTO idempotency (user_id, key, status, body, fingerprint, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, key) DO UPDATE SET status = excluded.status, body = excluded.body, fingerprint = excluded.fingerprint, created_at = excluded.created_at",
        userId,
        key,
        value.status,
        value.body,
        value.fingerprint,
        at,
      );
    },
    async setMeta(key, value) {
      await run(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        key,
        value,
      );
    },
    async insertHistory(h: HistoryRow) {
      await run(
        "INSERT INTO workflow_history (id, app_id, entity, record_id, workflow, transition, from_state, to_state, user_id, at, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        h.id,
        h.appId,
        h.entity,
        h.recordId,
        h.workflow,
        h.transition,
        h.from,
        h.to,
        h.userId,
        h.at,
        JSON.stringify(h.snapshot),
      );
    },
    async insertApproval(a: ApprovalRow) {
      await run(
        "INSERT INTO approvals (id, app_id, entity, record_id, workflow, status, state, revision, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        a.id,
        a.appId,
        a.entity,
        a.recordId,
        a.workflow,
        a.status,
        JSON.stringify(a.state),
        a.revision,
        a.createdAt,
        a.updatedAt,
      );
    },
    async updateApproval(id, expectedRevision, status, state, at) {
      return (
        (await run(
          "UPDATE approvals SET status = ?, state = ?, revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ?",
          status,
          JSON.stringify(state),
          at,
          id,
          expectedRevision,
        )) === 1
      );
    },
    async insertInbox(i: InboxRow) {
      await run(
        "INSERT INTO inbox (id, user_id, app_id, kind, entity, record_id, message, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        i.id,
        i.userId,
        i.appId,
        i.kind,
        i.entity,
        i.recordId,
        JSON.stringify(i.message),
        i.createdAt,
        i.readAt,
      );
    },
    async markInboxRead(id, userId, at) {
      return (
        (await run("UPDATE inbox SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL", at, id, userId)) ===
        1
      );
    },
    async insertTimer(t: TimerRow) {
      await run(
        "INSERT INTO timers (id, kind, due_at, payload, payload_key, done_at) VALUES (?, ?, ?, ?, ?, ?)",
        t.id,
        t.kind,
        t.dueAt,
        JSON.stringify(t.payload),
        payloadKey(t.payload),
        t.doneAt,
      );
    },
    async completeTimer(id, at) {
      // Claim the row: a timer another process is running now (its row locked) is skipped at
      // once, not waited for; if that process fails, the timer is still due at the next poll.
      return (
        (await run(
          "UPDATE timers SET done_at = ? WHERE id = (SELECT id FROM timers WHERE id = ? AND done_at IS NULL FOR UPDATE SKIP LOCKED)",
          at,
          id,
        )) === 1
      );
    },
    async cancelTimers(kind, key) {
      await run(
        "UPDATE timers SET done_at = 'cancelled' WHERE kind = ? AND payload_key = ? AND done_at IS NULL",
        kind,
        key,
      );
    },
    async insertOutbox(o: OutboxRow) {
      await run(
        "INSERT INTO outbox (id, app_id, url, body, attempts, next_at, status, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        o.id,
        o.appId,
        o.url,
        o.body,
        o.attempts,
        o.nextAt,
        o.status,
        o.lastError,
        o.createdAt,
      );
    },
    async updateOutbox(id, c) {
      await run(
        "UPDATE outbox SET attempts = ?, next_at = ?, status = ?, last_error = ? WHERE id = ?",
        c.attempts,
        c.nextAt,
        c.status,
        c.lastError,
        id,
      );
    },
    async markFired(key, at) {
      await run("INSERT INTO fired (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", key, at);
    },
    async clearFired(key) {
      await run("DELETE FROM fired WHERE key = ?", key);
    },
    async applyPlan(appId: string, plan: MigrationPlan, next: App) {
      return applyPlanPostgres(db, appId, plan, next);
    },
  };
}
