import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRuntime } from "@plinth/runtime";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../src/audit/verify.js";
import { createPostgresStorage } from "../src/storage/postgres/index.js";
import { scaleoutApp } from "./fixtures/scaleoutApp.js";
import {
  allRecords,
  BOSS,
  type CallOptions,
  checkLedgerLoad,
  createFund,
  DATA,
  ledgerLoad,
  noSession,
  publishScaleoutApp,
  send,
  signIn,
} from "./support/ledgerLoad.js";
import { type ServeProcess, startServe } from "./support/serveProcess.js";

/**
 * Issue 8's multi-process test: three real `plinth serve` processes on different ports over one
 * PostgreSQL database, a bounded load generator spreading record writes, submits (reservations
 * against a fund), approvals and CSV imports across them, and one process killed with -9 midway
 * and restarted. Afterwards every acknowledged write is present, each timer fired exactly once
 * (a cron automation that adds one task per deal per run, and approval SLA timers), no fund went
 * negative, and the audit chain verifies.
 */
const pgUrl = process.env.PLINTH_TEST_PG_URL;
const ADMIN_PASSWORD = "scaleout-admin-1";
const OPERATIONS = 240;
const WORKERS = 6;
const CRON_DEALS = ["Cron A", "Cron B", "Cron C"];

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!pgUrl)("three plinth serve processes over one PostgreSQL, one killed with -9 midway", () => {
  const database = `plinth_scaleout_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const dir = mkdtempSync(join(tmpdir(), "plinth-scaleout-"));
  const root = new pg.Client({ connectionString: pgUrl });
  let url = "";
  const processes: Array<ServeProcess | undefined> = [];

  beforeAll(async () => {
    await root.connect();
    await root.query(`CREATE DATABASE ${database}`);
    url = databaseUrl(pgUrl as string, database);
  });

  afterAll(async () => {
    for (const p of processes) await p?.stop().catch(() => undefined);
    await root.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await root.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps every acknowledged write, fires each timer once, never overdraws, and the audit chain verifies", async () => {
    const ports = [await freePort(), await freePort(), await freePort()];
    const serve = (i: number) =>
      startServe(["--database", url, "--data", join(dir, `p${i}`)], ports[i] as number, {
        PLINTH_ADMIN_PASSWORD: ADMIN_PASSWORD,
      });
    // The first creates the platform tables and the administrator; the other two join it.
    processes[0] = await serve(0);
    [processes[1], processes[2]] = await Promise.all([serve(1), serve(2)]);

    // Each session is signed in on process 0 and used on all three: sessions live in the database.
    const sessions = {
      admin: await signIn(String(processes[0]?.baseUrl), "admin", ADMIN_PASSWORD),
      boss: noSession,
    };

    let turn = 0;
    const up = [true, true, true];
    /** The next process that is up (round robin), or the given one. */
    const pick = (index?: number) => {
      if (index !== undefined) return index;
      for (;;) {
        const i = turn++ % 3;
        if (up[i]) return i;
      }
    };
    async function call(method: string, path: string, body?: unknown, options: CallOptions = {}) {
      const target = processes[pick(options.to)] as ServeProcess;
      return send(target.baseUrl, sessions[options.as ?? "admin"], method, path, body, options.csv);
    }
    /** A call whose answer may never come (its process is killed): undefined then. */
    const attempt = (...args: Parameters<typeof call>) => call(...args).catch(() => undefined);
    // The app, the approver role, a fund and the deals the cron automation visits.
    await publishScaleoutApp(call, scaleoutApp);
    sessions.boss = await signIn(String(processes[0]?.baseUrl), BOSS.username, BOSS.password);
    const fund = await createFund(call, 8000);
    for (const name of CRON_DEALS)
      expect((await call("POST", `${DATA}/deal`, { name, amount: 5000 })).status).toBe(201);

    const load = ledgerLoad(attempt, fund);
    let restarted: Promise<void> | undefined;

    async function operation(i: number): Promise<void> {
      if (i === Math.floor(OPERATIONS * 0.4)) {
        // kill -9 process 1 while the other workers' requests are in flight (some on it), and
        // bring it back on the same port a moment later.
        up[1] = false;
        await processes[1]?.crash();
        restarted = (async () => {
          await pause(1500);
          processes[1] = await serve(1);
          up[1] = true;
        })();
        return;
      }
      // Until the kill, every fourth request goes to process 1 on purpose.
      await load.operation(i, up[1] && i % 4 === 0 ? 1 : undefined);
    }

    let next = 0;
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (next < OPERATIONS) await operation(next++);
      }),
    );
    await restarted;
    // The restarted process serves the same session.
    const me = await call("GET", "/api/auth/me", undefined, { to: 1 });
    expect(me.status, me.text).toBe(200);

    // Wait for at least one cron run, then for every due timer and every SLA timer to be done (each process polls every second).
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const deadline = Date.now() + 120_000;
      const timers = async () =>
        (
          await db.query<{ kind: string; done: string; due: string; open: string }>(
            `SELECT kind, count(*) FILTER (WHERE done_at IS NOT NULL) AS done,
                    count(*) FILTER (WHERE done_at IS NULL AND due_at <= $1) AS due,
                    count(*) FILTER (WHERE done_at IS NULL) AS open
             FROM timers GROUP BY kind`,
            [new Date().toISOString()],
          )
        ).rows;
      for (;;) {
        const rows = await timers();
        const cronDone = Number(rows.find((r) => r.kind === "automation.cron")?.done ?? 0);
        const due = rows.reduce((n, r) => n + Number(r.due), 0);
        // A cron run may end while the load still runs (it is slow on a busy machine): the SLA
        // timers of the last submits are then not yet due, and are waited for too.
        const slaOpen = Number(rows.find((r) => r.kind === "approval.tick")?.open ?? 0);
        if (cronDone >= 1 && due === 0 && slaOpen === 0) break;
        if (Date.now() > deadline) throw new Error(`timers did not settle: ${JSON.stringify(rows)}`);
        await pause(500);
      }

      // 1. Every acknowledged write is present; 2. no fund went negative (the load ran it dry:
      // some requests were refused), and the rollup agrees with the ledger.
      const { ledger } = await checkLedgerLoad(call, load);
      expect(load.refused.count).toBeGreaterThan(0);

      // 3. Each timer fired exactly once: one task per cron deal per completed cron timer, no
      // failed timer, and at most one reminder per approval.
      const cronRuns = Number(
        (
          await db.query<{ n: string }>(
            "SELECT count(*) AS n FROM timers WHERE kind = 'automation.cron' AND done_at IS NOT NULL",
          )
        ).rows[0]?.n,
      );
      expect(cronRuns).toBeGreaterThanOrEqual(1);
      const tasks = await allRecords(call, "task");
      for (const name of CRON_DEALS)
        expect(
          tasks.filter((t) => t.title === name),
          name,
        ).toHaveLength(cronRuns);
      expect(tasks).toHaveLength(CRON_DEALS.length * cronRuns);
      const failed = await db.query("SELECT seq FROM audit WHERE action = 'timer.failed'");
      expect(failed.rows).toEqual([]);
      // SLA timers: every request still pending was reminded and escalated, each exactly once.
      const approvals = await db.query<{ state: string }>("SELECT state FROM approvals WHERE status = 'pending'");
      let reminded = 0;
      for (const row of approvals.rows) {
        const timeline = (JSON.parse(row.state) as { timeline: Array<{ type: string }> }).timeline;
        expect(timeline.filter((t) => t.type === "reminded")).toHaveLength(1);
        expect(timeline.filter((t) => t.type === "escalated")).toHaveLength(1);
        reminded++;
      }
      const ticks = await db.query("SELECT id FROM timers WHERE kind = 'approval.tick' AND done_at IS NULL");
      expect(ticks.rows).toEqual([]);
      console.info(
        `scale-out: ${OPERATIONS} operations on 3 processes (one killed -9 and restarted): ` +
          `${load.acked.deals.size} deals, ${load.acked.imported.size} imported rows, ${load.acked.entries.size} ledger entries, ` +
          `${load.acked.submitted.size} submits, ${load.acked.approved.size} approvals acknowledged; ${load.refused.count} refused ` +
          `for want of budget; ${load.unanswered.count} requests cut off by the kill; ${cronRuns} cron run(s), ` +
          `${reminded} requests reminded and escalated by their SLA timers; fund left ${ledger}`,
      );
    } finally {
      await db.end();
    }

    // 4. The audit chain verifies.
    const runtime = createRuntime();
    const storage = createPostgresStorage({ url, functions: runtime.functions });
    try {
      const verification = await verifyAuditChain(storage);
      expect(verification.ok, JSON.stringify(verification)).toBe(true);
      expect(verification.rows).toBeGreaterThan(OPERATIONS / 2);
    } finally {
      await storage.close();
    }
  }, 300_000);
});

describe.skipIf(Boolean(pgUrl))("three plinth serve processes over one PostgreSQL (skipped)", () => {
  it.skip("PLINTH_TEST_PG_URL is not set: pnpm test:pg runs this", () => undefined);
});
