/**
 * Databases for the server benchmarks, SQLite files or PostgreSQL databases: the demo
 * installed through Plinth's own code (users, the published starter app, seeded records), API
 * tokens for two demo users, and, for the read benchmarks, opportunity rows bulk-loaded
 * straight into the entity table (the same seeded rows into either database).
 */
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import { createRuntime, type Runtime } from "../../packages/runtime/src/index.js";
import { randomSecret, sha256, TOKEN_PREFIX } from "../../packages/server/src/auth/secrets.js";
import { installDemo } from "../../packages/server/src/demo/seed.js";
import { createWriteHooks, systemClock } from "../../packages/server/src/http/context.js";
import { createPostgresStorage } from "../../packages/server/src/storage/postgres/index.js";
import type { Durability } from "../../packages/server/src/storage/sqlite/connection.js";
import { createSqliteStorage } from "../../packages/server/src/storage/sqlite/index.js";
import type { Storage } from "../../packages/server/src/storage/types.js";
import { createRandom } from "../harness.js";
import { pg } from "./deps.js";

/** The demo password handed to installDemo; the benchmarks authenticate with tokens instead. */
export const DEMO_PASSWORD = "bench-demo-password";

const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const DEMO_ID_SEED = 20_261_205;

/** A 20-character id (as many bits as Plinth's newId) drawn from `random`. */
function randomId(random: () => number): string {
  let id = "";
  for (let c = 0; c < 20; c++) id += idAlphabet[Math.floor(random() * 64)];
  return id;
}

/** Ids from a seeded generator: the same sequence on every run. */
function seededIds(seed: number): () => string {
  const random = createRandom(seed);
  return () => randomId(random);
}

/** What the benchmarks need to know about an installed demo, whichever the database. */
export interface DemoData {
  /** The opportunity entity's table (from `entity_tables`). */
  readonly table: string;
  /** `Authorization: Bearer` values for admin and manager.east. */
  readonly tokens: { readonly admin: string; readonly manager: string };
  readonly users: Readonly<Record<"admin" | "repEast" | "repNorth" | "managerEast" | "finance", string>>;
  readonly accounts: ReadonlyArray<{ readonly id: string; readonly region: string }>;
}

/** An installed demo in a SQLite file. */
export interface DemoFile extends DemoData {
  readonly file: string;
}

/** An installed demo in a PostgreSQL database. */
export interface DemoDatabase extends DemoData {
  readonly url: string;
}

/** Delete a SQLite file and its WAL companions. */
export function removeDatabase(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Install the demo through Plinth's own code into an empty `storage` (opened with `runtime`'s
 * functions), create two API tokens, and read back the users, the opportunity table and the
 * accounts through the storage contract, so any storage implementation will do.
 */
async function installDemoInto(storage: Storage, runtime: Runtime): Promise<DemoData> {
  // Seeded ids: every install holds the same ids, so list pages of two databases can be compared row for row.
  const newId = seededIds(DEMO_ID_SEED);
  const ctx = { storage, runtime, clock: systemClock, newId, secureCookies: false, hooks: createWriteHooks() };
  await installDemo(ctx, DEMO_PASSWORD);
  const userId = async (username: string): Promise<string> => {
    const user = await storage.read((tx) => tx.platform.userByName(username));
    if (!user) throw new Error(`the demo has no user ${username}`);
    return user.id;
  };
  const users = {
    admin: await userId("admin"),
    repEast: await userId("rep.east"),
    repNorth: await userId("rep.north"),
    managerEast: await userId("manager.east"),
    finance: await userId("finance"),
  };
  // Straight into storage, as POST /api/auth/tokens does, without a sign-in round trip.
  const issue = async (userIdValue: string): Promise<string> => {
    const id = newId();
    const token = `${TOKEN_PREFIX}${id}_${randomSecret()}`;
    await storage.write((tx) =>
      tx.platform.insertToken({
        id,
        userId: userIdValue,
        name: "bench",
        tokenHash: sha256(token),
        createdAt: systemClock.now().toISOString(),
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    return token;
  };
  const tokens = { admin: await issue(users.admin), manager: await issue(users.managerEast) };
  const { table, accounts } = await storage.read(async (tx) => {
    const published = (await tx.platform.app("starter"))?.publishedVersion;
    const version = published == null ? undefined : await tx.platform.appVersion("starter", published);
    if (!version) throw new Error("the demo did not publish the starter app");
    const tables = await tx.platform.entityTables("starter");
    const app = { id: "starter", version: version.version, schema: version.schema, tables };
    const rows = await tx.records(app).list("account", {
      where: { kind: "all" },
      env: {},
      sort: [{ field: "id", direction: "asc" }],
      limit: 10_000,
    });
    return {
      table: tables.get("opportunity"),
      accounts: rows.map((r) => ({ id: String(r.id), region: String(r.region) })),
    };
  });
  if (table === undefined) throw new Error("no table for opportunity");
  return { table, tokens, users, accounts };
}

/** Install the demo into a fresh SQLite `file` through Plinth's own code, and create two API tokens. */
export async function installDemoFile(file: string, durability: Durability): Promise<DemoFile> {
  removeDatabase(file);
  const runtime = createRuntime();
  const storage = createSqliteStorage({ file, durability, functions: runtime.functions });
  try {
    return { file, ...(await installDemoInto(storage, runtime)) };
  } finally {
    await storage.close();
  }
}

/** Install the demo into the empty PostgreSQL database at `url`, as installDemoFile does into a file. */
export async function installDemoPostgres(url: string): Promise<DemoDatabase> {
  const runtime = createRuntime();
  const storage = createPostgresStorage({ url, functions: runtime.functions });
  try {
    return { url, ...(await installDemoInto(storage, runtime)) };
  } finally {
    await storage.close();
  }
}

/**
 * The dashboard query the benchmarks send (`POST /api/apps/starter/query`): every opportunity's
 * amount summed and counted by stage, as the pipeline dashboard asks.
 */
export const STAGE_AGGREGATE_BODY = JSON.stringify({
  entity: "opportunity",
  groupBy: [{ field: "stage" }],
  measures: [
    { id: "amount", aggregate: "sum", field: "amount" },
    { id: "n", aggregate: "count" },
  ],
});

/** The list page the benchmarks read: a filtered, sorted 50-row page of opportunities. */
export const LIST_PAGE_QUERY = `filter=${encodeURIComponent("amount > 500000")}&sort=-close_date&limit=50`;

/**
 * Bodies for `POST /api/apps/starter/data/opportunity`: a new one on every call (the name and
 * amount change), the same sequence from every call of this factory.
 */
export function newOpportunityBodies(demo: DemoData): () => string {
  const account = demo.accounts.find((a) => a.region === "east")?.id ?? "";
  let sequence = 0;
  return () => {
    sequence += 1;
    return JSON.stringify({
      name: `Bench deal ${sequence}`,
      account,
      region: "east",
      amount: 10_000 + ((sequence * 7919) % 990_000),
      stage: "prospecting",
      close_date: "2026-06-30",
    });
  };
}

const stages = ["prospecting", "qualification", "proposal", "negotiation", "won", "lost"] as const;
const probabilityOf: Record<(typeof stages)[number], number> = {
  prospecting: 10,
  qualification: 20,
  proposal: 60,
  negotiation: 80,
  won: 100,
  lost: 0,
};
const regions = ["east", "north", "south", "west"] as const;
const lostReasons = ["price", "competitor", "no_budget"] as const;
const DAY_MS = 86_400_000;

/** The columns every bulk load fills, in the order of the values `opportunityRows` yields. */
const OPPORTUNITY_COLUMNS = [
  "id",
  "version",
  "createdAt",
  "updatedAt",
  "createdBy",
  "updatedBy",
  "name",
  "number",
  "account",
  "region",
  "amount",
  "probability",
  "stage",
  "lost_reason",
  "close_date",
  "owner",
  "notes",
  "expected_revenue",
] as const;
type OpportunityValue = string | number | null;

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The values of opportunities `from + 1`..`total`, seeded: regions spread evenly, amounts
 * 10k..1M, every stage, close dates over two years, owners who match the region as the
 * demo's do (so manager.east's own rows are all in the east), accounts of the same region.
 * The same seed gives the same rows whichever database they go to.
 */
function* opportunityRows(demo: DemoData, from: number, total: number, seed: number): Generator<OpportunityValue[]> {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const accountsBy = new Map(regions.map((r) => [r, demo.accounts.filter((a) => a.region === r).map((a) => a.id)]));
  const ownersBy: Record<(typeof regions)[number], readonly string[]> = {
    east: [demo.users.repEast, demo.users.managerEast],
    north: [demo.users.repNorth],
    south: [demo.users.admin],
    west: [demo.users.admin],
  };
  const start = Date.UTC(2025, 0, 1);
  for (let i = from; i < total; i++) {
    const id = randomId(random);
    const region = regions[i % regions.length] as (typeof regions)[number];
    const stage = pick(stages);
    const amount = Math.round(10_000 + random() * 990_000);
    const probability = probabilityOf[stage];
    const closeDate = new Date(start + Math.floor(random() * 730) * DAY_MS).toISOString().slice(0, 10);
    const created = new Date(start + Math.floor(random() * 730 * DAY_MS)).toISOString();
    const account = pick(accountsBy.get(region) ?? []);
    const lostReason = stage === "lost" ? pick(lostReasons) : null;
    const owner = pick(ownersBy[region]);
    yield [
      id,
      1,
      created,
      created,
      demo.users.admin,
      demo.users.admin,
      `Deal ${i + 1}`,
      `OPP-${String(i + 1).padStart(5, "0")}`,
      account,
      region,
      amount,
      probability,
      stage,
      lostReason,
      closeDate,
      owner,
      null,
      Math.round(amount * probability) / 100,
    ];
  }
}

/** The autonumber counter of opportunity numbers: later creates continue the numbering instead of repeating it. */
const NUMBER_COUNTER = "auto:starter:opportunity:number";

/**
 * Add opportunities (opportunityRows) until the SQLite table holds `total` rows, in one
 * transaction with one prepared statement (indexes dropped during the load and rebuilt after,
 * which is several times faster than maintaining seven indexes row by row). Returns how long
 * the load took (not part of any figure).
 */
export function bulkLoadOpportunities(demo: DemoFile, total: number, seed = 20_261_204): number {
  const started = performance.now();
  const db = new Database(demo.file);
  try {
    db.pragma("journal_mode = DELETE");
    db.pragma("synchronous = OFF");
    const table = quoted(demo.table);
    const existing = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const indexes = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
      .all(demo.table) as Array<{ name: string; sql: string }>;
    const insert = db.prepare(
      `INSERT INTO ${table} (${OPPORTUNITY_COLUMNS.join(", ")}) VALUES (${OPPORTUNITY_COLUMNS.map(() => "?").join(", ")})`,
    );
    const load = db.transaction(() => {
      for (const index of indexes) db.exec(`DROP INDEX ${quoted(index.name)}`);
      for (const row of opportunityRows(demo, existing, total, seed)) insert.run(...row);
      for (const index of indexes) db.exec(index.sql);
      db.prepare("UPDATE counters SET value = ? WHERE name = ?").run(total, NUMBER_COUNTER);
    });
    load();
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
  return performance.now() - started;
}

/** Rows per INSERT of the PostgreSQL load: one array parameter per column, so no parameter limit applies. */
const PG_BATCH = 5_000;

/**
 * The same rows as bulkLoadOpportunities, into the PostgreSQL table: one transaction of
 * `INSERT ... SELECT FROM unnest(<one array per column>)` in batches, the table's indexes
 * dropped during the load and rebuilt after, then ANALYZE (autovacuum would do it a little
 * later; the list pages should not be timed against a planner that has not seen the rows).
 * Returns how long the load took (not part of any figure).
 */
export async function bulkLoadOpportunitiesPostgres(
  demo: DemoDatabase,
  total: number,
  seed = 20_261_204,
): Promise<number> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: demo.url });
  await client.connect();
  try {
    const table = quoted(demo.table);
    await client.query("BEGIN");
    const existing = Number((await client.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n);
    // Each column's declared type, for the casts of the arrays.
    const types = new Map(
      (
        await client.query(
          `SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute
           WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
          [table],
        )
      ).rows.map((r) => [String(r.attname), String(r.type)]),
    );
    const indexes = (
      await client.query(
        `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = $1::regclass AND NOT x.indisprimary`,
        [table],
      )
    ).rows as Array<{ name: string; definition: string }>;
    for (const index of indexes) await client.query(`DROP INDEX ${quoted(index.name)}`);
    const insert = `INSERT INTO ${table} (${OPPORTUNITY_COLUMNS.map(quoted).join(", ")}) SELECT * FROM unnest(${OPPORTUNITY_COLUMNS.map(
      (column, i) => `$${i + 1}::${types.get(column) ?? "text"}[]`,
    ).join(", ")})`;
    let columns = OPPORTUNITY_COLUMNS.map(() => [] as OpportunityValue[]);
    const flush = async () => {
      if ((columns[0]?.length ?? 0) === 0) return;
      await client.query(insert, columns);
      columns = OPPORTUNITY_COLUMNS.map(() => []);
    };
    for (const row of opportunityRows(demo, existing, total, seed)) {
      row.forEach((value, c) => columns[c]?.push(value));
      if ((columns[0]?.length ?? 0) >= PG_BATCH) await flush();
    }
    await flush();
    for (const index of indexes) await client.query(index.definition);
    await client.query("UPDATE counters SET value = $1 WHERE name = $2", [total, NUMBER_COUNTER]);
    await client.query("COMMIT");
    await client.query(`ANALYZE ${table}`);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return performance.now() - started;
}
