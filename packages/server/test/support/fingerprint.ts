import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Inspector } from "./sqlite.js";

/**
 * Audit actions the server writes on purpose when it refuses something (a failed sign-in, a
 * write refused by a rule marked `auditRefusal`): a refused request may add these and nothing else.
 */
export const REFUSAL_AUDIT_ACTIONS = ["auth.loginFailed", "record.refused"] as const;

/**
 * Tables left out of a fingerprint: sessions come and go with signing in and out (the fuzzer
 * signs in again when a session ends). The sign-in rate limiter's counters live in memory,
 * not in a table.
 */
const IGNORED_TABLES = new Set(["sessions"]);

const sha = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/**
 * A fingerprint of everything a test server stores, one hash per table (so a difference names
 * the table): every platform table (users, roles, tokens, apps and versions, audit, workflow
 * history, approvals, inbox, timers, outbox, idempotency, files, saved views, meta) and every entity table, plus the names and sizes in the uploaded files folder. Left out:
 * sessions, audit rows of {@link REFUSAL_AUDIT_ACTIONS}, and import jobs (`meta` keys
 * `import:<id>`): an import that fails is answered 422 with its job, which is kept on purpose so
 * its errors can be read again (GET /api/apps/:app/imports/:id); the rows it would import are
 * checked like any other. On PostgreSQL the hashes are
 * computed by the database in one statement; on SQLite from the rows in insertion order.
 */
export function dataFingerprint(db: Inspector, file: string, filesDir?: string): Record<string, string> {
  const refusals = REFUSAL_AUDIT_ACTIONS.map((a) => `'${a}'`).join(", ");
  const out: Record<string, string> = {};
  const source = (name: string) =>
    name === "audit"
      ? `(SELECT * FROM audit WHERE action NOT IN (${refusals}))`
      : name === "meta"
        ? "(SELECT * FROM meta WHERE key NOT LIKE 'import:%')"
        : `"${name.replace(/"/g, '""')}"`;
  if (file.startsWith("postgres:")) {
    const tables = (
      db.db
        .prepare(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
        )
        .all() as Array<{ name: string }>
    )
      .map((t) => t.name)
      .filter((name) => !IGNORED_TABLES.has(name));
    const sql = tables
      .map(
        (name, i) =>
          `SELECT ${i} AS i, md5(COALESCE(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS h FROM ${source(name)} x`,
      )
      .join(" UNION ALL ");
    for (const row of db.db.prepare(sql).all() as Array<{ i: number; h: string }>)
      out[tables[Number(row.i)] as string] = row.h;
  } else {
    const tables = db.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string;
    }>;
    for (const { name } of tables) {
      if (IGNORED_TABLES.has(name)) continue;
      out[name] = sha(
        JSON.stringify(
          db.db
            .prepare(`SELECT * FROM ${source(name)}`)
            .raw()
            .all(),
        ),
      );
    }
  }
  return filesDir ? { ...out, ...filesFingerprint(filesDir) } : out;
}

/** Names and sizes of the uploaded files' bytes on disk. */
function filesFingerprint(filesDir: string): Record<string, string> {
  if (!existsSync(filesDir)) return {};
  const entries: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else entries.push(`${path.slice(filesDir.length)}:${statSync(path).size}`);
    }
  };
  walk(filesDir);
  return { "(files folder)": sha(entries.join("\n")) };
}

/**
 * {@link dataFingerprint}, computed again only when something was committed since the last one:
 * on SQLite, `PRAGMA data_version` of the inspector's connection moves with every commit of
 * another connection, so an unchanged version means unchanged tables (the files folder is
 * listed every time). On PostgreSQL the current snapshot (`xmin:xmax:in-progress`) moves
 * whenever a transaction of the cluster that writes starts or ends; read-only ones take no id.
 */
export function fingerprinter(db: Inspector, file: string, filesDir?: string): () => Record<string, string> {
  const sqlite = !file.startsWith("postgres:");
  let version: string | undefined;
  let cached: Record<string, string> = {};
  return () => {
    const now = sqlite
      ? String(db.db.pragma("data_version", { simple: true }))
      : String((db.db.prepare("SELECT pg_current_snapshot()::text AS s").get() as { s: string }).s);
    if (now !== version) {
      cached = dataFingerprint(db, file);
      // A snapshot with transactions still in progress ("xmin:xmax:xip,...") is not a stable key:
      // one of them may commit without moving xmax.
      version = sqlite || now.endsWith(":") ? now : undefined;
    }
    return filesDir ? { ...cached, ...filesFingerprint(filesDir) } : cached;
  };
}

/** The tables whose hashes differ between two fingerprints. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
