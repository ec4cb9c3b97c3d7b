import { createRequire } from "node:module";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import type { Inspector } from "./sqlite.js";

/**
 * The {@link Inspector} of a test server on PostgreSQL: the same synchronous calls as on the
 * SQLite file (tests read what is stored with hand-written SQL), answered by a worker thread
 * that holds a `pg` connection while this thread waits on an Atomics signal. The SQLite SQL
 * of the tests is adapted where the two differ (`?`, camelCase system columns, PRAGMA
 * table_info), and booleans come back as 1/0 as SQLite stores them. PostgreSQL has no rowid:
 * `ORDER BY rowid` becomes `ORDER BY 1`, which is insertion order for the tests that use it
 * (they insert in the order of their first column).
 */
const WORKER = `
const { workerData } = require("node:worker_threads");
const pg = require(workerData.pgPath);
const { port, signal, url, schema } = workerData;
const parse = (v) => Number(v);
const client = new pg.Client({ connectionString: url, options: "-c search_path=" + schema,
  types: { getTypeParser: (oid, format) => (oid === 20 || oid === 1700 ? parse : pg.types.getTypeParser(oid, format)) } });
const ready = client.connect();
port.on("message", async ({ sql, params }) => {
  let answer;
  try {
    await ready;
    const result = await client.query(sql, params);
    answer = { rows: result.rows, changes: result.rowCount ?? 0 };
  } catch (error) {
    answer = { error: String(error && error.message || error) };
  }
  port.postMessage(answer);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
port.on("close", () => client.end());
`;

const SYSTEM = /(?<!["\w])(createdAt|updatedAt|createdBy|updatedBy)(?!["\w])/g;

function adapt(sql: string): string {
  const pragma = /^\s*PRAGMA table_info\("?([^")]+)"?\)\s*$/i.exec(sql);
  if (pragma)
    return `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '${pragma[1]}' ORDER BY ordinal_position`;
  let n = 0;
  return sql
    .replace(/\?/g, () => `$${++n}`)
    .replace(SYSTEM, '"$1"')
    .replace(/ORDER BY rowid/gi, "ORDER BY 1")
    .replace(/\bIFNULL\(/gi, "COALESCE(");
}

function sqliteRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === "boolean" ? (v ? 1 : 0) : v;
  return out;
}

/** Open an inspector on the schema of a PostgreSQL test context. */
export function inspectPostgres(url: string, schema: string): Inspector {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const pgPath = createRequire(import.meta.url).resolve("pg");
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { port: port2, signal, url, schema, pgPath },
    transferList: [port2],
  });
  worker.unref();
  const query = (sql: string, params: unknown[]): { rows: Record<string, unknown>[]; changes: number } => {
    Atomics.store(signal, 0, 0);
    port1.postMessage({ sql: adapt(sql), params });
    if (Atomics.wait(signal, 0, 0, 30_000) === "timed-out") throw new Error(`inspector timed out: ${sql}`);
    const answer = receiveMessageOnPort(port1)?.message as
      | { rows: Record<string, unknown>[]; changes: number }
      | { error: string }
      | undefined;
    if (!answer) throw new Error("inspector: no answer");
    if ("error" in answer) throw new Error(`${answer.error} in ${adapt(sql)}`);
    return { rows: answer.rows.map(sqliteRow), changes: answer.changes };
  };
  const flat = (params: unknown[]) => (params.length === 1 && Array.isArray(params[0]) ? params[0] : params);
  const db = {
    prepare(sql: string) {
      return {
        get: (...params: unknown[]) => query(sql, flat(params)).rows[0],
        all: (...params: unknown[]) => query(sql, flat(params)).rows,
        run: (...params: unknown[]) => ({ changes: query(sql, flat(params)).changes }),
      };
    },
    exec(sql: string) {
      query(sql, []);
    },
  } as unknown as Database.Database;
  return {
    db,
    table(appId, entity) {
      const row = query("SELECT table_name FROM entity_tables WHERE app_id = ? AND entity_id = ?", [appId, entity])
        .rows[0];
      if (!row) throw new Error(`no table for ${appId}.${entity}`);
      return String(row.table_name);
    },
    userId(username) {
      const row = query("SELECT id FROM users WHERE username = ?", [username]).rows[0];
      if (!row) throw new Error(`no user ${username}`);
      return String(row.id);
    },
    counts() {
      const tables = query(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
        [],
      ).rows;
      return Object.fromEntries(
        tables.map(({ name }) => [
          String(name),
          Number(query(`SELECT COUNT(*) AS n FROM "${String(name).replace(/"/g, '""')}"`, []).rows[0]?.n),
        ]),
      );
    },
    integrity() {
      return "ok";
    },
    close() {
      port1.close();
      void worker.terminate();
    },
  };
}
