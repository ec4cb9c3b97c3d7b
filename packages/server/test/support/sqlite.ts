import Database from "better-sqlite3";
import { inspectPostgres } from "./postgresInspect.js";

/**
 * A second, read-only connection on a test server's SQLite file, so tests check what the API
 * says against what is stored, with hand-written SQL and no server code in between.
 */
export interface Inspector {
  readonly db: Database.Database;
  /** The table an entity of an app lives in (from the `entity_tables` mapping). */
  table(appId: string, entity: string): string;
  /** A user's id by user name. */
  userId(username: string): string;
  /** Rows of every table in the file (platform and entity tables), by table name. */
  counts(): Record<string, number>;
  /** `PRAGMA integrity_check` result: "ok" when the file is sound. */
  integrity(): string;
  close(): void;
}

/**
 * Open an {@link Inspector} on a database file a test server writes to (or, for a context on
 * PostgreSQL, on its schema: `postgres:<schema>`).
 */
export function inspect(file: string): Inspector {
  if (file.startsWith("postgres:")) return inspectPostgres(process.env.PLINTH_TEST_PG_URL ?? "", file.slice(9));
  const db = new Database(file, { readonly: true, fileMustExist: true });
  return {
    db,
    table(appId, entity) {
      const row = db
        .prepare("SELECT table_name FROM entity_tables WHERE app_id = ? AND entity_id = ?")
        .get(appId, entity) as { table_name: string } | undefined;
      if (!row) throw new Error(`no table for ${appId}.${entity}`);
      return row.table_name;
    },
    userId(username) {
      const row = db.prepare("SELECT id FROM users WHERE username = ?").get(username) as { id: string } | undefined;
      if (!row) throw new Error(`no user ${username}`);
      return row.id;
    },
    counts() {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
        name: string;
      }>;
      return Object.fromEntries(
        tables.map(({ name }) => [
          name,
          (db.prepare(`SELECT COUNT(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n,
        ]),
      );
    },
    integrity() {
      return (db.pragma("integrity_check") as Array<{ integrity_check: string }>)
        .map((r) => r.integrity_check)
        .join("; ");
    },
    close() {
      db.close();
    },
  };
}
