import { createRuntime } from "@plinth/runtime";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../src/audit/verify.js";
import type { Storage } from "../src/storage/types.js";
import { testPostgresStorage } from "./support/context.js";

/**
 * The audit log's protections on PostgreSQL (audit.test.ts tampers with the SQLite file): a
 * trigger refuses UPDATE, DELETE and TRUNCATE, and once someone with the rights disables it,
 * the hash chain still finds the changed row.
 */
const url = process.env.PLINTH_TEST_PG_URL;
const reason = "PLINTH_TEST_PG_URL is not set: the PostgreSQL audit tests are skipped";
if (!url) console.warn(reason);

describe.skipIf(!url)("PostgreSQL audit log", () => {
  let storage: Storage;
  let schema: string;
  let drop: () => Promise<void>;
  let client: pg.Client;

  beforeAll(async () => {
    const made = testPostgresStorage(createRuntime().functions, "/tmp/plinth-pg-audit-files");
    ({ storage, schema, drop } = made);
    for (let i = 1; i <= 30; i++) {
      await storage.write((tx) =>
        tx.platform.appendAudit({
          at: `2026-06-01T09:00:${String(i % 60).padStart(2, "0")}.000Z`,
          userId: "u1",
          requestId: `req${i}`,
          action: "record.update",
          appId: "sales",
          entity: "opportunity",
          recordId: `opp${i % 5}`,
          diff: { amount: { before: i * 100, after: i * 100 + 1 } },
        }),
      );
    }
    client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await storage?.close();
    await drop?.();
  });

  it("keeps an intact chain, appended by concurrent writers in order", async () => {
    expect(await verifyAuditChain(storage)).toEqual({ ok: true, rows: 30 });
  });

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    await expect(client.query("UPDATE audit SET diff = '{}' WHERE seq = 17")).rejects.toThrow(/append-only/);
    await expect(client.query("DELETE FROM audit WHERE seq = 3")).rejects.toThrow(/append-only/);
    await expect(client.query("TRUNCATE audit")).rejects.toThrow(/append-only/);
  });

  it("finds a modified row at its seq once the trigger is disabled", async () => {
    await client.query("ALTER TABLE audit DISABLE TRIGGER audit_no_update");
    await client.query("UPDATE audit SET diff = $1 WHERE seq = 17", [
      JSON.stringify({ amount: { before: 1, after: 2 } }),
    ]);
    const result = await verifyAuditChain(storage, 7);
    expect(result).toMatchObject({ ok: false, rows: 16, firstBad: { seq: 17, problem: "modified" } });
  });
});

describe.skipIf(Boolean(url))("PostgreSQL audit log (skipped)", () => {
  it.skip(reason, () => undefined);
});
