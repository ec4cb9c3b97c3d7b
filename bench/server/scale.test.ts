/**
 * The scale benchmark's pieces that can go wrong quietly: the skip without PostgreSQL, its
 * options, autocannon spreading connections over several URLs, and the two bulk loads putting
 * the same rows into SQLite and PostgreSQL (the latter only with PLINTH_TEST_PG_URL).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pg } from "./deps.js";
import {
  bulkLoadOpportunities,
  bulkLoadOpportunitiesPostgres,
  installDemoFile,
  installDemoPostgres,
} from "./fixture.js";
import { measureThroughput } from "./load.js";
import { createBenchDatabase } from "./postgres.js";
import { formatScaleBench, runScaleBench, scaleBenchOptions } from "./scale.bench.js";

describe("scale bench options", () => {
  it("uses 100,000 rows and 5-second runs, 20,000 and 2 s when quick, and BENCH_SCALE_ROWS alone", () => {
    expect(scaleBenchOptions({})).toMatchObject({ rows: 100_000, durationSeconds: 5, connections: 12, processes: 3 });
    expect(scaleBenchOptions({ BENCH_QUICK: "1" })).toMatchObject({ rows: 20_000, durationSeconds: 2 });
    expect(scaleBenchOptions({ BENCH_QUICK: "1", BENCH_SCALE_ROWS: "5000" }).rows).toBe(5000);
    expect(() => scaleBenchOptions({ BENCH_SCALE_ROWS: "12.5" })).toThrow(/BENCH_SCALE_ROWS/);
  });

  it("is skipped, not failed, without PLINTH_BENCH_PG_URL and without PostgreSQL's binaries", async () => {
    const result = await runScaleBench(scaleBenchOptions({ BENCH_QUICK: "1" }), {
      env: {},
      binaries: join(tmpdir(), "no-postgresql-here"),
    });
    expect(result.kind).toBe("skipped");
    expect(formatScaleBench(result)).toBe("scale: skipped (no PostgreSQL: set PLINTH_BENCH_PG_URL)");
  });
});

describe("measureThroughput over several URLs", () => {
  const hits = [0, 0, 0];
  const servers: Server[] = [];
  const urls: string[] = [];
  beforeAll(async () => {
    for (const i of [0, 1, 2]) {
      const server = createServer((req, res) => {
        hits[i] = (hits[i] ?? 0) + 1;
        res.writeHead(req.method === "GET" ? 200 : 405).end("{}");
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const address = server.address();
      if (address === null || typeof address === "string") throw new Error("no port");
      servers.push(server);
      urls.push(`http://127.0.0.1:${address.port}/page`);
    }
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it("deals the connections out over every URL and GETs without a body", async () => {
    const [result] = await measureThroughput([{ url: urls, headers: {} }], {
      connections: 3,
      warmupSeconds: 0,
      durationSeconds: 1,
    });
    expect(result?.failed).toBe(0);
    expect(result?.ok).toBeGreaterThan(0);
    for (const count of hits) expect(count).toBeGreaterThan(0);
  });
});

const pgUrl = process.env.PLINTH_TEST_PG_URL;

describe.skipIf(pgUrl === undefined)("bulk loads into SQLite and PostgreSQL", () => {
  it("hold the same demo ids and the same opportunities, and continue the numbering", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plinth-scale-test-"));
    const database = await createBenchDatabase(pgUrl as string);
    try {
      const sqliteDemo = await installDemoFile(join(dir, "a.sqlite"), "full");
      bulkLoadOpportunities(sqliteDemo, 1500);
      const pgDemo = await installDemoPostgres(database.url);
      await bulkLoadOpportunitiesPostgres(pgDemo, 1500);
      expect(pgDemo.users).toEqual(sqliteDemo.users);
      expect(pgDemo.accounts).toEqual(sqliteDemo.accounts);

      const columns = "id, name, number, account, region, amount, stage, lost_reason, close_date, owner";
      const sqlite = new Database(sqliteDemo.file, { readonly: true });
      const sqliteRows = sqlite.prepare(`SELECT ${columns} FROM "${sqliteDemo.table}" ORDER BY id`).all();
      const counter = sqlite.prepare("SELECT value FROM counters WHERE name LIKE 'auto:%opportunity%'").get();
      sqlite.close();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const pgRows = (await client.query(`SELECT ${columns} FROM "${pgDemo.table}" ORDER BY id`)).rows;
        const pgCounter = (await client.query("SELECT value FROM counters WHERE name LIKE 'auto:%opportunity%'")).rows;
        const indexes = await client.query("SELECT 1 FROM pg_indexes WHERE tablename = $1", [pgDemo.table]);
        expect(sqliteRows).toHaveLength(1500);
        expect(pgRows.map((r) => ({ ...r, amount: Number(r.amount) }))).toEqual(sqliteRows);
        expect(Number(pgCounter[0]?.value)).toBe(1500);
        expect(counter).toEqual({ value: 1500 });
        // The indexes dropped for the load are back.
        expect(indexes.rowCount).toBeGreaterThan(1);
      } finally {
        await client.end();
      }
    } finally {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
