import type { ImplementedFunction } from "@plinth/runtime";
import type pg from "pg";
import { fileMeta } from "../files.js";
import { Mutex } from "../sqlite/connection.js";
import { postgresRunner } from "../sqlRunner.js";
import type { ReadTx, Storage, WriteTx } from "../types.js";
import { savedViews } from "../views.js";
import { blobsDdl, createPostgresBlobs } from "./blobs.js";
import { isRetryable, openPool, type PostgresConnection, quoteIdent } from "./connection.js";
import { filesDdl } from "./files.js";
import { postgresPlatform } from "./platform.js";
import { platformDdl } from "./platformSchema.js";
import { postgresRecords } from "./records.js";
import { savedViewsDdl } from "./views.js";

export interface PostgresStorageOptions extends PostgresConnection {
  readonly functions: ReadonlyMap<string, ImplementedFunction>;
  /**
   * @deprecated Ignored: uploaded files' bytes live in the database (`file_blobs`), so every
   * process serves every upload and one `pg_dump` holds them. Kept so older callers compile.
   */
  readonly filesDir?: string;
  /**
   * How often a write transaction that lost a race with another process is run again. From
   * the third attempt (or the last one allowed, if sooner) it runs alone, so it cannot lose.
   */
  readonly retries?: number;
}

/** Advisory lock key taken while the platform tables are created, so processes starting together take turns. */
const SCHEMA_LOCK = 7_302_000;
/** First half of the advisory lock keys of exclusive writes (the second is the hash of their name). */
const EXCLUSIVE_LOCKS = 7_302_001;
/**
 * Advisory lock key every write transaction holds: shared while it runs optimistically,
 * exclusive (alone) once it has lost {@link ALONE_AFTER} races.
 */
const WRITERS_LOCK = 7_302_002;
/** Attempts a write makes among other writers before it waits to run alone. */
const ALONE_AFTER = 2;

function writeTx(db: pg.PoolClient, functions: ReadonlyMap<string, ImplementedFunction>): WriteTx {
  return {
    platform: { ...postgresPlatform(db), ...fileMeta(postgresRunner(db)) },
    views: savedViews(postgresRunner(db)),
    records: (app) => postgresRecords(db, app, functions),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Storage over PostgreSQL through a pool of connections. Write transactions run SERIALIZABLE,
 * so a read-then-write (a guard over a rollup, a version check) holds against writers in
 * other processes: PostgreSQL aborts one of two conflicting transactions (40001) and it runs
 * again, up to `retries` times. Within one process writes also take turns (as on SQLite), so
 * retries only happen between processes. Reads run on a REPEATABLE READ snapshot.
 *
 * Writers that all touch one row (the audit chain's head, an autonumber counter) conflict on
 * every overlap, and with three busy processes one write could lose every retry. So every
 * write holds a shared advisory lock, and a write that has lost {@link ALONE_AFTER} times
 * takes it exclusively: it waits for the running writes to end, later ones queue behind it,
 * and it commits alone. Progress is guaranteed and the common case stays concurrent.
 *
 * The callback of `write` may run more than once: it must only act through the transaction.
 */
export function createPostgresStorage(options: PostgresStorageOptions): Storage {
  const pool = openPool(options);
  // Idle connections may fail (a restarted server); the pool drops them, the next query reconnects.
  pool.on("error", () => undefined);
  const writeLock = new Mutex();
  const retries = options.retries ?? 20;
  const ready = (async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [SCHEMA_LOCK]);
      if (options.schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(options.schema)}`);
      await client.query(platformDdl);
      await client.query(filesDdl);
      await client.query(blobsDdl);
      await client.query(savedViewsDdl);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  })();
  // Reported by the first transaction; never an unhandled rejection.
  ready.catch(() => undefined);

  async function transaction<T>(
    begin: string,
    fn: (client: pg.PoolClient) => Promise<T>,
    locks: { readonly exclusive?: string | undefined; readonly writers?: "shared" | "alone" } = {},
  ): Promise<T> {
    await ready;
    const client = await pool.connect();
    let broken = false;
    const held: [sql: string, params: unknown[]][] = [];
    try {
      // Session locks taken before BEGIN: the transaction's snapshot is then taken after the
      // previous holder committed (a lock taken inside would come after the snapshot). Named
      // locks come first, the writers' lock second, always in that order (no deadlock).
      if (locks.exclusive !== undefined) {
        await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [EXCLUSIVE_LOCKS, locks.exclusive]);
        held.push(["SELECT pg_advisory_unlock($1, hashtext($2))", [EXCLUSIVE_LOCKS, locks.exclusive]]);
      }
      if (locks.writers !== undefined) {
        const shared = locks.writers === "shared" ? "_shared" : "";
        await client.query(`SELECT pg_advisory_lock${shared}($1)`, [WRITERS_LOCK]);
        held.push([`SELECT pg_advisory_unlock${shared}($1)`, [WRITERS_LOCK]]);
      }
      await client.query(begin);
      try {
        const result = await fn(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {
          broken = true;
        });
        throw error;
      }
    } finally {
      for (const [unlock, params] of held.reverse()) {
        if (broken) break;
        await client.query(unlock, params).catch(() => {
          broken = true;
        });
      }
      // A broken connection is closed, which releases its session locks too.
      client.release(broken);
    }
  }

  let closed = false;
  return {
    kind: "postgres",
    blobs: createPostgresBlobs(pool, ready),
    write: (fn, writeOptions) =>
      writeLock.run(async () => {
        for (let attempt = 0; ; attempt++) {
          try {
            return await transaction(
              "BEGIN ISOLATION LEVEL SERIALIZABLE",
              (client) => fn(writeTx(client, options.functions)),
              {
                exclusive: writeOptions?.exclusive,
                writers: attempt >= Math.min(ALONE_AFTER, retries) ? "alone" : "shared",
              },
            );
          } catch (error) {
            if (!isRetryable(error) || attempt >= retries) throw error;
            // Back off a little (more each time, with jitter) so the winner finishes first.
            await pause(Math.random() * Math.min(100, 5 * 2 ** attempt));
          }
        }
      }),
    read: (fn) =>
      transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", (client) => {
        const tx: ReadTx = writeTx(client, options.functions);
        return fn(tx);
      }),
    async close() {
      if (closed) return;
      closed = true;
      await writeLock.run(async () => undefined);
      await ready.catch(() => undefined);
      await pool.end();
    },
  };
}
