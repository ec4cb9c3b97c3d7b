import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { scaleoutApp } from "./fixtures/scaleoutApp.js";
import {
  type Answer,
  BOSS,
  type CallOptions,
  checkLedgerLoad,
  createFund,
  DATA,
  type Json,
  ledgerLoad,
  noSession,
  publishScaleoutApp,
  type Session,
  send,
  signIn,
} from "./support/ledgerLoad.js";
import { type ServeProcess, startServe } from "./support/serveProcess.js";

/**
 * Issue 10's soak run: one real `plinth serve` over a SQLite data folder, several simulated users
 * (WORKERS) sending mixed reads, record writes, submits that hold budget, approvals, CSV imports
 * and ledger entries (support/ledgerLoad.ts, shared with the PostgreSQL scale-out test) for a
 * bounded time (PLINTH_SOAK_SECONDS, default 30) and at most PLINTH_SOAK_OPERATIONS operations
 * (default 1500). At the middle a large import is started and the process is killed with -9,
 * then started again on the same folder, and the users carry on. Afterwards: every acknowledged
 * write is there, the fund never went below zero at any point of its ledger (in commit order) and
 * its rollup equals the ledger, no import job is stuck (the one cut off reads as
 * import.interrupted and kept exactly the rows it reports), no timer failed, the file is sound,
 * and `plinth audit verify` accepts the audit chain.
 */
const SECONDS = Number(process.env.PLINTH_SOAK_SECONDS ?? 30);
const MAX_OPERATIONS = Number(process.env.PLINTH_SOAK_OPERATIONS ?? 1500);
const WORKERS = 6;
const ADMIN_PASSWORD = "soak-admin-password-1";
const BULK_ROWS = 20_000;
const cliEntry = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("soak: simulated users against plinth serve on SQLite, killed with -9 midway", () => {
  const data = mkdtempSync(join(tmpdir(), "plinth-soak-"));
  let server: ServeProcess | undefined;
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    rmSync(data, { recursive: true, force: true });
  });

  it("keeps every acknowledged write, never overdraws, leaves no import stuck, and the audit chain verifies", async () => {
    const serve = () =>
      startServe(["--data", data, "--durability", "full"], 0, { PLINTH_ADMIN_PASSWORD: ADMIN_PASSWORD });
    server = await serve();
    /** Resolves while the server is up; replaced by a pending promise while it is down. */
    let up: Promise<void> = Promise.resolve();

    const sessions: Record<"admin" | "boss", Session> = { admin: noSession, boss: noSession };
    async function call(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<Answer> {
      await up;
      return send(String(server?.baseUrl), sessions[options.as ?? "admin"], method, path, body, options.csv);
    }
    /** A request cut off by the kill has no answer (a request sent while the server is down waits for it). */
    const attempt = (...args: Parameters<typeof call>) => call(...args).catch(() => undefined);

    sessions.admin = await signIn(server.baseUrl, "admin", ADMIN_PASSWORD);
    await publishScaleoutApp(call, scaleoutApp);
    sessions.boss = await signIn(server.baseUrl, BOSS.username, BOSS.password);
    // A small fund, so the load runs it dry and the covering rule has to refuse.
    const fund = await createFund(call, 3000);
    const load = ledgerLoad(attempt, fund);

    const started = Date.now();
    const deadline = started + SECONDS * 1000;
    let next = 0;
    let killed: Promise<void> | undefined;
    let bulkJob: string | undefined;
    const kill = async () => {
      // A large import (committed in batches) is running when the process dies.
      const rows = Array.from({ length: BULK_ROWS }, (_, n) => `Bulk ${n},7`).join("\n");
      const bulk = await call("POST", `${DATA}/deal/import?mode=skip`, `name,amount\n${rows}\n`, { csv: true });
      expect(bulk.status, bulk.text).toBe(202);
      bulkJob = String(bulk.json.id);
      // Kill once its first batches are in, so that it dies with part of the file imported.
      for (const until = Date.now() + 5000; Date.now() < until; await pause(20)) {
        const job = await call("GET", `/api/apps/scaleout/imports/${bulkJob}`);
        if (job.json.status !== "running" || Number(job.json.imported) > 0) break;
      }
      let release: () => void = () => undefined;
      up = new Promise((resolve) => {
        release = resolve;
      });
      await server?.crash();
      await pause(300);
      server = await serve();
      release();
    };
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (next < MAX_OPERATIONS && Date.now() < deadline) {
          if (!killed && (Date.now() >= started + (SECONDS * 1000) / 2 || next >= MAX_OPERATIONS / 2)) {
            killed = kill();
            await killed;
          }
          await load.operation(next++);
        }
      }),
    );
    await killed;
    expect(killed, "the load ended before its middle").toBeDefined();

    // 1-2. Every acknowledged write is present; the fund's rollup equals its ledger, which is not negative.
    const { entries, ledger } = await checkLedgerLoad(call, load);

    // 3. No import job is stuck: each is done, or reads as interrupted (the one cut off by the kill).
    const db = new Database(join(data, "plinth.sqlite"), { readonly: true });
    let bulkStatus = "";
    try {
      const jobs = db.prepare("SELECT key FROM meta WHERE key LIKE 'import:%'").all() as Array<{ key: string }>;
      expect(jobs.length).toBeGreaterThan(0);
      for (const { key } of jobs) {
        const job = await call("GET", `/api/apps/scaleout/imports/${key.slice("import:".length)}`);
        expect(job.status, job.text).toBe(200);
        expect(["done", "failed"], job.text).toContain(job.json.status);
        if (job.json.status === "failed")
          expect(job.json.failure, job.text).toMatchObject({ code: "import.interrupted" });
      }
      // The import cut off by the kill kept exactly the rows it reports (its committed batches).
      const bulk = await call("GET", `/api/apps/scaleout/imports/${bulkJob}`);
      bulkStatus = `${bulk.json.status} with ${bulk.json.imported} of ${BULK_ROWS} rows`;
      const bulkDeals = await call("POST", "/api/apps/scaleout/query", {
        entity: "deal",
        filter: "LEFT(name, 5) = 'Bulk '",
        measures: [{ id: "n", aggregate: "count" }],
      });
      expect(bulkDeals.status, bulkDeals.text).toBe(200);
      expect(Number((bulkDeals.json.rows as Json[])[0]?.n ?? 0)).toBe(Number(bulk.json.imported));

      // 4. The fund never went below zero at any point: its entries' running sum in commit order
      // (the audit log's order) stays at or above zero.
      const order = db
        .prepare(
          "SELECT record_id AS id, MIN(seq) AS seq FROM audit WHERE app_id = 'scaleout' AND entity = 'entry' GROUP BY record_id ORDER BY 2",
        )
        .all() as Array<{ id: string }>;
      const delta = new Map(entries.map((e) => [String(e.id), Number(e.delta)]));
      expect(order.map((o) => o.id).sort()).toEqual([...delta.keys()].sort());
      let running = 0;
      for (const { id } of order) {
        running += delta.get(id) ?? 0;
        expect(running, `the fund's balance after entry ${id}`).toBeGreaterThanOrEqual(0);
      }
      expect(running).toBe(ledger);
      // No timer failed (approval reminders and escalations ran across the restart).
      expect(db.prepare("SELECT action FROM audit WHERE action = 'timer.failed'").all()).toEqual([]);
    } finally {
      db.close();
    }

    // 5. After a clean stop the file is sound and the audit chain verifies (the command line's check).
    await server.stop();
    server = undefined;
    const check = new Database(join(data, "plinth.sqlite"), { readonly: true });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();
    const verified = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx/esm", "--conditions=source", cliEntry, "audit", "verify", "--data", data, "--json"],
      { env: { ...process.env } },
    );
    const report = JSON.parse(verified.stdout) as { ok: boolean; rows?: number };
    expect(report.ok, verified.stdout).toBe(true);

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.info(
      `soak: ${next} operations by ${WORKERS} users in ${seconds} s (limit ${SECONDS} s / ${MAX_OPERATIONS}), ` +
        `by kind ${JSON.stringify(load.done)}; acknowledged ${load.acked.deals.size} deals, ${load.acked.imported.size} imported rows, ` +
        `${load.acked.entries.size} ledger entries, ${load.acked.submitted.size} submits, ${load.acked.approved.size} approvals; ` +
        `${load.refused.count} refused for want of budget; ${load.unanswered.count} requests cut off by the kill; ` +
        `bulk import ${bulkStatus}; fund left ${ledger}; audit rows ${report.rows ?? "?"}`,
    );
  }, 300_000);
});
