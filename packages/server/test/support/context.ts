import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRuntime } from "@plinth/runtime";
import pg from "pg";
import type { Clock, ServerContext } from "../../src/http/context.js";
import { createWriteHooks, newId } from "../../src/http/context.js";
import { createPostgresStorage } from "../../src/storage/postgres/index.js";
import { createSqliteStorage } from "../../src/storage/sqlite/index.js";
import type { Storage } from "../../src/storage/types.js";

/**
 * The database the server suites run on: SQLite by default; PostgreSQL with
 * `PLINTH_TEST_DATABASE=postgres` and `PLINTH_TEST_PG_URL=postgres://...` (`pnpm test:pg`),
 * each context in a fresh schema that is dropped at cleanup.
 */
export const testDatabase: "sqlite" | "postgres" =
  process.env.PLINTH_TEST_DATABASE === "postgres" ? "postgres" : "sqlite";

function postgresUrl(): string {
  const url = process.env.PLINTH_TEST_PG_URL;
  if (!url) throw new Error("PLINTH_TEST_DATABASE=postgres needs PLINTH_TEST_PG_URL=postgres://...");
  return url;
}

/**
 * A PostgreSQL storage in a fresh schema (or in `schema`, to stand for a second server process
 * over the same database); `drop` removes the schema.
 */
export function testPostgresStorage(
  functions: ReadonlyMap<string, import("@plinth/runtime").ImplementedFunction>,
  filesDir: string,
  schema = `t_${randomBytes(6).toString("hex")}`,
  options: { readonly retries?: number } = {},
): { storage: Storage; schema: string; drop(): Promise<void> } {
  const url = postgresUrl();
  const storage = createPostgresStorage({ url, schema, functions, filesDir, maxConnections: 4, ...options });
  return {
    storage,
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A clock tests can move. */
export function testClock(start = "2026-06-01T09:00:00.000Z"): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

/**
 * A server context over a real SQLite file in a fresh temporary folder (or, under
 * `PLINTH_TEST_DATABASE=postgres`, a fresh PostgreSQL schema; `file` is then `postgres:<schema>`,
 * which `inspect` understands).
 */
export function testContext(options: { clock?: Clock; durability?: "full" | "normal" } = {}): ServerContext & {
  readonly dir: string;
  readonly file: string;
  cleanup(): Promise<void>;
} {
  const dir = mkdtempSync(join(tmpdir(), "plinth-test-"));
  const runtime = createRuntime();
  const postgres = testDatabase === "postgres" ? testPostgresStorage(runtime.functions, join(dir, "files")) : undefined;
  const file = postgres ? `postgres:${postgres.schema}` : join(dir, "plinth.sqlite");
  const storage =
    postgres?.storage ??
    createSqliteStorage({
      file,
      durability: options.durability ?? "normal",
      functions: runtime.functions,
    });
  return {
    dir,
    file,
    storage,
    runtime,
    clock: options.clock ?? testClock(),
    newId,
    secureCookies: false,
    hooks: createWriteHooks(),
    async cleanup() {
      await storage.close();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
