/**
 * Database files for the server benchmarks: the demo installed through Plinth's own code
 * (users, the published starter app, seeded records), API tokens for two demo users, and,
 * for the read benchmarks, opportunity rows bulk-loaded straight into the entity table.
 */
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import { createRuntime } from "../../packages/runtime/src/index.js";
import { randomSecret, sha256, TOKEN_PREFIX } from "../../packages/server/src/auth/secrets.js";
import { installDemo } from "../../packages/server/src/demo/seed.js";
import { createWriteHooks, newId, systemClock } from "../../packages/server/src/http/context.js";
import type { Durability } from "../../packages/server/src/storage/sqlite/connection.js";
import { createSqliteStorage } from "../../packages/server/src/storage/sqlite/index.js";
import { createRandom } from "../harness.js";

/** The demo password handed to installDemo; the benchmarks authenticate with tokens instead. */
export const DEMO_PASSWORD = "bench-demo-password";

/** What the benchmarks need to know about an installed demo. */
export interface DemoFile {
  readonly file: string;
  /** The opportunity entity's table (from `entity_tables`). */
  readonly table: string;
  /** `Authorization: Bearer` values for admin and manager.east. */
  readonly tokens: { readonly admin: string; readonly manager: string };
  readonly users: Readonly<Record<"admin" | "repEast" | "repNorth" | "managerEast" | "finance", string>>;
  readonly accounts: ReadonlyArray<{ readonly id: string; readonly region: string }>;
}

/** Delete a SQLite file and its WAL companions. */
export function removeDatabase(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
}

/** Install the demo into a fresh `file` through Plinth's own code, and create two API tokens. */
export async function installDemoFile(file: string, durability: Durability): Promise<DemoFile> {
  removeDatabase(file);
  const runtime = createRuntime();
  const storage = createSqliteStorage({ file, durability, functions: runtime.functions });
  const ctx = { storage, runtime, clock: systemClock, newId, secureCookies: false, hooks: createWriteHooks() };
  try {
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
    await storage.close();
    const db = new Database(file, { readonly: true });
    try {
      const tables = db
        .prepare("SELECT entity_id, table_name FROM entity_tables WHERE app_id = 'starter'")
        .all() as Array<{
        entity_id: string;
        table_name: string;
      }>;
      const tableOf = (entity: string) => {
        const found = tables.find((t) => t.entity_id === entity)?.table_name;
        if (!found) throw new Error(`no table for ${entity}`);
        return found;
      };
      const accounts = db.prepare(`SELECT id, region FROM "${tableOf("account")}" ORDER BY id`).all() as Array<{
        id: string;
        region: string;
      }>;
      return { file, table: tableOf("opportunity"), tokens, users, accounts };
    } finally {
      db.close();
    }
  } finally {
    await storage.close();
  }
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
const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const DAY_MS = 86_400_000;

/**
 * Add opportunities until the table holds `total` rows, in one transaction with one prepared
 * statement (indexes dropped during the load and rebuilt after, which is several times
 * faster than maintaining seven indexes row by row). Values are seeded: regions spread
 * evenly, amounts 10k..1M, every stage, close dates over two years, owners who match the
 * region as the demo's do (so manager.east's own rows are all in the east), accounts of the
 * same region. Returns how long the load took (not part of any figure).
 */
export function bulkLoadOpportunities(demo: DemoFile, total: number, seed = 20_261_204): number {
  const started = performance.now();
  const db = new Database(demo.file);
  try {
    db.pragma("journal_mode = DELETE");
    db.pragma("synchronous = OFF");
    const table = `"${demo.table.replace(/"/g, '""')}"`;
    const existing = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const indexes = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
      .all(demo.table) as Array<{ name: string; sql: string }>;
    const random = createRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const accountsBy = new Map(regions.map((r) => [r, demo.accounts.filter((a) => a.region === r).map((a) => a.id)]));
    const ownersBy: Record<(typeof regions)[number], readonly string[]> = {
      east: [demo.users.repEast, demo.users.managerEast],
      north: [demo.users.repNorth],
      south: [demo.users.admin],
      west: [demo.users.admin],
    };
    const insert = db.prepare(
      `INSERT INTO ${table} (id, version, createdAt, updatedAt, createdBy, updatedBy, name, number, account, region, amount, probability, stage, lost_reason, close_date, owner, notes, expected_revenue) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
    );
    const start = Date.UTC(2025, 0, 1);
    const load = db.transaction(() => {
      for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
      for (let i = existing; i < total; i++) {
        let id = "";
        for (let c = 0; c < 20; c++) id += idAlphabet[Math.floor(random() * 64)];
        const region = regions[i % regions.length] as (typeof regions)[number];
        const stage = pick(stages);
        const amount = Math.round(10_000 + random() * 990_000);
        const probability = probabilityOf[stage];
        const closeDate = new Date(start + Math.floor(random() * 730) * DAY_MS).toISOString().slice(0, 10);
        const created = new Date(start + Math.floor(random() * 730 * DAY_MS)).toISOString();
        insert.run(
          id,
          created,
          created,
          demo.users.admin,
          demo.users.admin,
          `Deal ${i + 1}`,
          `OPP-${String(i + 1).padStart(5, "0")}`,
          pick(accountsBy.get(region) ?? []),
          region,
          amount,
          probability,
          stage,
          stage === "lost" ? pick(lostReasons) : null,
          closeDate,
          pick(ownersBy[region]),
          Math.round(amount * probability) / 100,
        );
      }
      for (const index of indexes) db.exec(index.sql);
      // Later creates continue the numbering instead of repeating it.
      db.prepare("UPDATE counters SET value = ? WHERE name = 'auto:starter:opportunity:number'").run(total);
    });
    load();
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
  return performance.now() - started;
}
