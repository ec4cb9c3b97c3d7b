import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { createScheduler } from "../src/scheduler/scheduler.js";
import type { TimerRow } from "../src/storage/types.js";
import { crmApp, type Harness, publish, startHarness } from "./automationHarness.js";
import { testClock, testDatabase } from "./support/context.js";
import { ADMIN_PASSWORD } from "./support/server.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const schedulerModule = fileURLToPath(new URL("../src/scheduler/scheduler.ts", import.meta.url));
const storageModule = fileURLToPath(new URL("../src/storage/sqlite/index.ts", import.meta.url));
const runtimeModule = fileURLToPath(new URL("../../runtime/src/index.ts", import.meta.url));

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A handler that leaves one audit row per run, inside the timer's transaction. */
const recordRun: Parameters<ReturnType<typeof createScheduler>["register"]>[1] = async (_ctx, tx, timer) => {
  await tx.platform.appendAudit({
    at: timer.doneAt ?? "",
    userId: null,
    requestId: null,
    action: "test.ran",
    appId: null,
    entity: null,
    recordId: timer.id,
    diff: {},
  });
};

function timer(id: string, dueAt: string, kind = "test.once"): TimerRow {
  return { id, kind, dueAt, payload: { key: id }, doneAt: null };
}

/** Run one scheduler pass in another process on the same database file (a second server). */
function runDueElsewhere(file: string, now: string): Promise<number> {
  const code = `
    const { createRuntime } = await import(${JSON.stringify(runtimeModule)});
    const { createSqliteStorage } = await import(${JSON.stringify(storageModule)});
    const { createScheduler } = await import(${JSON.stringify(schedulerModule)});
    const runtime = createRuntime();
    const storage = createSqliteStorage({ file: ${JSON.stringify(file)}, durability: "normal", functions: runtime.functions });
    const ctx = { storage, runtime, clock: { now: () => new Date(${JSON.stringify(now)}) }, newId: () => crypto.randomUUID(), secureCookies: false, hooks: { afterWrite: [], beforeChange: [] } };
    const scheduler = createScheduler(ctx);
    scheduler.register("test.once", async (_ctx, tx, timer) => {
      await tx.platform.appendAudit({ at: timer.doneAt, userId: null, requestId: null, action: "test.ran", appId: null, entity: null, recordId: timer.id, diff: {} });
    });
    const ran = await scheduler.runDue(new Date(${JSON.stringify(now)}));
    await storage.close();
    process.stdout.write(String(ran));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx/esm", "--conditions=source", "--input-type=module", "-e", code],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    child.on("exit", (status) => (status === 0 ? resolve(Number(out)) : reject(new Error(err))));
  });
}

describe("the scheduler", () => {
  it("runs a due timer exactly once, however often it polls", async () => {
    h = await startHarness();
    const scheduler = h.automation.scheduler;
    scheduler.register("test.once", recordRun);
    expect(() => scheduler.register("test.once", recordRun)).toThrow(/already registered/);
    const now = h.clock.now();
    await h.ctx.storage.write(async (tx) => {
      await tx.platform.insertTimer(timer("t-due", now.toISOString()));
      await tx.platform.insertTimer(timer("t-later", new Date(now.getTime() + 60_000).toISOString()));
    });
    expect(await scheduler.runDue(now)).toBe(1);
    expect(await scheduler.runDue(now)).toBe(0);
    expect((await h.audit("test.ran")).map((r) => r.recordId)).toEqual(["t-due"]);
    expect(await scheduler.runDue(new Date(now.getTime() + 60_000))).toBe(1);
    expect((await h.audit("test.ran")).map((r) => r.recordId)).toEqual(["t-due", "t-later"]);
  });

  // The other server is a process over the SQLite file; on PostgreSQL, timers claimed across
  // processes (FOR UPDATE SKIP LOCKED) are the next part of the scale-out work.
  it.skipIf(testDatabase === "postgres")(
    "runs each timer once when two servers on the same database race",
    async () => {
      h = await startHarness();
      h.automation.scheduler.register("test.once", recordRun);
      const now = h.clock.now().toISOString();
      const ids = Array.from({ length: 40 }, (_, i) => `race-${String(i).padStart(2, "0")}`);
      await h.ctx.storage.write(async (tx) => {
        for (const id of ids) await tx.platform.insertTimer(timer(id, now));
      });
      const [here, there] = await Promise.all([
        h.automation.scheduler.runDue(new Date(now)),
        runDueElsewhere(h.ctx.file, now),
      ]);
      expect(here + there).toBe(ids.length);
      const ran = (await h.audit("test.ran")).map((r) => r.recordId).sort();
      expect(ran).toEqual(ids);
    },
    60_000,
  );

  it("completes a timer whose handler throws, with an audit row, and rolls back its effects", async () => {
    h = await startHarness();
    h.automation.scheduler.register("test.broken", async (ctx, tx, t) => {
      await recordRun(ctx, tx, t);
      throw new Error("boom");
    });
    await h.ctx.storage.write((tx) =>
      tx.platform.insertTimer(timer("t-broken", h?.clock.now().toISOString() ?? "", "test.broken")),
    );
    expect(await h.automation.scheduler.runDue(h.clock.now())).toBe(0);
    expect(await h.audit("test.ran")).toEqual([]);
    expect((await h.audit("timer.failed"))[0]?.diff).toMatchObject({ timer: "t-broken", error: "boom" });
    expect(await h.ctx.storage.read((tx) => tx.platform.dueTimers(h?.clock.now().toISOString() ?? "", 10))).toEqual([]);
  });

  it("polls right away on start, then on an interval, until stopped", async () => {
    h = await startHarness();
    h.automation.scheduler.register("test.once", recordRun);
    await h.ctx.storage.write((tx) => tx.platform.insertTimer(timer("t-start", h?.clock.now().toISOString() ?? "")));
    h.automation.scheduler.start(20);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await h.automation.scheduler.stop();
    expect((await h.audit("test.ran")).map((r) => r.recordId)).toEqual(["t-start"]);
  });
});

/** Titles of the tasks, signing in afresh (the test clock may have moved past the session). */
async function taskTitles(harness: Harness): Promise<string[]> {
  const admin = await harness.login("admin", ADMIN_PASSWORD);
  const res = await admin.request("GET", "/api/apps/crm/data/task?sort=title");
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ records: Array<{ title: string }> }>().records.map((t) => t.title);
}

describe("scheduled automations", () => {
  // Restarts a server process over the SQLite file.
  it.skipIf(testDatabase === "postgres")(
    "fire a cron automation that fell due while the server was down once after restart",
    async () => {
      const clock = testClock("2026-06-01T09:00:00.000Z");
      const first = await startHarness({ clock });
      await publish(
        first,
        crmApp([
          {
            id: "hourly",
            entity: "deal",
            trigger: { kind: "cron", expression: "0 * * * *" },
            condition: "amount > 0",
            actions: [{ kind: "createRecord", entity: "task", values: { title: "'Check ' & name" } }],
          },
        ]),
      );
      for (const body of [
        { name: "A", amount: 5 },
        { name: "B", amount: 0 },
      ])
        expect((await first.admin.request("POST", "/api/apps/crm/data/deal", { body })).statusCode).toBe(201);
      expect(await first.automation.scheduler.runDue(clock.now())).toBe(0); // seeds the 10:00 timer
      const file = first.ctx.file;
      await first.close({ keepFile: true });

      const later = testClock("2026-06-01T13:30:00.000Z");
      h = await startHarness({ file, clock: later });
      expect(await h.automation.scheduler.runDue(later.now())).toBe(1);
      expect(await h.automation.scheduler.runDue(later.now())).toBe(0);
      expect(await taskTitles(h)).toEqual(["Check A"]);
      const pending = await h.ctx.storage.read((tx) => tx.platform.dueTimers("2026-06-01T14:00:00.000Z", 10));
      expect(pending.map((t) => [t.kind, t.dueAt])).toEqual([["automation.cron", "2026-06-01T14:00:00.000Z"]]);
    },
  );

  it("run a dateOffset automation once per record and date, and a becomesTrue sweep once until it turns false", async () => {
    const clock = testClock("2026-06-01T09:00:00.000Z");
    h = await startHarness({ clock });
    await publish(
      h,
      crmApp([
        {
          id: "dayAfter",
          entity: "deal",
          trigger: { kind: "dateOffset", field: "due", days: 1, at: "09:00" },
          actions: [{ kind: "createRecord", entity: "task", values: { title: "'Late ' & name" } }],
        },
        {
          id: "overdue",
          entity: "deal",
          trigger: { kind: "becomesTrue", formula: "due < $today" },
          actions: [{ kind: "createRecord", entity: "task", values: { title: "'Overdue ' & name" } }],
        },
      ]),
    );
    const created = await h.admin.request("POST", "/api/apps/crm/data/deal", {
      body: { name: "D", due: "2026-06-03" },
    });
    expect(created.statusCode).toBe(201);
    await h.automation.scheduler.runDue(clock.now());
    expect(await taskTitles(h)).toEqual([]);
    clock.advance(3 * 86_400_000); // 2026-06-04T09:00: one day after the due date, and overdue
    await h.automation.scheduler.runDue(clock.now());
    await h.automation.scheduler.runDue(clock.now());
    clock.advance(86_400_000);
    await h.automation.scheduler.runDue(clock.now());
    expect(await taskTitles(h)).toEqual(["Late D", "Overdue D"]);
    const id = created.json<{ id: string }>().id;
    const marker = () => h?.ctx.storage.read((tx) => tx.platform.fired(`becomesTrue:crm:overdue:${id}`));
    expect(await marker()).toBe(true);
    // Moving the date out clears the marker; moving it back fires again, on the write itself.
    const admin = await h.login("admin", ADMIN_PASSWORD);
    for (const [due, version] of [
      ["2026-12-01", 1],
      ["2026-06-02", 2],
    ] as const) {
      const res = await admin.request("PATCH", `/api/apps/crm/data/deal/${id}`, {
        body: { due },
        headers: { "if-match": `"${version}"` },
      });
      expect(res.statusCode, res.body).toBe(200);
      if (version === 1) expect(await marker()).toBe(false);
    }
    expect(await taskTitles(h)).toEqual(["Late D", "Overdue D", "Overdue D"]);
  });
});
