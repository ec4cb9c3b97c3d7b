import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "../src/storage/types.js";
import { type Client, type Server, testServer } from "./support/server.js";

/**
 * Import jobs live in the database, written with the rows they count: a write transaction that
 * runs twice (as PostgreSQL's retry of a transaction that lost a race with another process does)
 * neither loses rows nor counts them twice, and a job whose process stopped reads as interrupted.
 */
describe("CSV import jobs", () => {
  let server: Server;
  let admin: Client;
  let accountId: string;

  beforeAll(async () => {
    server = await testServer();
    admin = await server.login("admin");
    const res = await admin.request("GET", "/api/apps/starter/data/account?limit=1&filter=region%20%3D%20'east'");
    accountId = res.json().records[0].id;
  });
  afterAll(() => server.close());

  const count = async (prefix: string) => {
    const res = await admin.request("POST", "/api/apps/starter/query", {
      body: {
        entity: "opportunity",
        filter: `CONTAINS(name, '${prefix}')`,
        measures: [{ id: "n", aggregate: "count" }],
      },
    });
    return res.json().rows[0]?.n as number;
  };

  /** Every write runs its callback once and rolls it back (a lost race), then once for real. */
  function retryEveryWrite(storage: Storage): () => void {
    const write = storage.write;
    const mutable = storage as { write: Storage["write"] };
    class LostRace extends Error {}
    mutable.write = async (fn, options) => {
      await write((tx) => fn(tx).then(() => Promise.reject(new LostRace())), options).catch((error: unknown) => {
        if (!(error instanceof LostRace)) throw error;
      });
      return write(fn, options);
    };
    return () => {
      mutable.write = write;
    };
  }

  for (const mode of ["skip", "all"] as const) {
    it(`imports every row once when each transaction runs twice (mode=${mode})`, async () => {
      const prefix = `Retried ${mode}`;
      const rows = Array.from({ length: 7 }, (_, i) => `${prefix} ${i},${accountId},east,1000,prospecting,2026-12-01`);
      const csv = ["name,account,region,amount,stage,close_date", ...rows].join("\n");
      const restore = retryEveryWrite(server.ctx.storage);
      let res: Awaited<ReturnType<Client["request"]>>;
      try {
        res = await admin.request("POST", `/api/apps/starter/data/opportunity/import?mode=${mode}&wait=1`, {
          body: csv,
          headers: { "content-type": "text/csv" },
        });
      } finally {
        restore();
      }
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: "done", processed: 7, imported: 7, errors: [] });
      expect(await count(prefix)).toBe(7);
      const stored = await admin.request("GET", `/api/apps/starter/imports/${res.json().id}`);
      expect(stored.json()).toMatchObject({ status: "done", processed: 7, imported: 7 });
    });
  }

  it("reports a job stored as running whose process stopped as interrupted, with what it kept", async () => {
    const startedAt = new Date(server.clock.now().getTime() - 3_600_000).toISOString();
    const job = {
      id: "orphan-job",
      app: "starter",
      entity: "opportunity",
      mode: "skip",
      userId: admin.userId,
      status: "running",
      processed: 1000,
      imported: 990,
      errors: [],
      startedAt,
      updatedAt: startedAt,
    };
    await server.ctx.storage.write((tx) => tx.platform.setMeta("import:orphan-job", JSON.stringify(job)));
    const res = await admin.request("GET", "/api/apps/starter/imports/orphan-job");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "failed", imported: 990, failure: { code: "import.interrupted" } });
    expect(res.json().failure.message["zh-CN"]).toContain("990");
  });
});
