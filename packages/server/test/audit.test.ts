import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain, verifyAuditFile } from "../src/audit/verify.js";
import { auditHash } from "../src/storage/auditHash.js";
import type { AuditEntry } from "../src/storage/types.js";
import { testContext, testDatabase } from "./support/context.js";

type Ctx = ReturnType<typeof testContext>;
let ctx: Ctx;

/** Append `n` entries through the storage layer, as the server does. */
async function appendEntries(storage: Ctx["storage"], n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    await storage.write((tx) =>
      tx.platform.appendAudit({
        at: new Date(Date.UTC(2026, 5, 1, 9, 0, i)).toISOString(),
        userId: i % 3 === 0 ? null : `user${i % 2}`,
        requestId: `req${i}`,
        action: "record.update",
        appId: "sales",
        entity: "opportunity",
        recordId: `opp${i % 5}`,
        diff: { amount: { before: i * 100, after: i * 100 + 1 }, tags: ["a", "b"] },
      }),
    );
  }
}

/** A raw connection to the database file: what an attacker with file access has. */
function tamper<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(ctx.file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

beforeEach(async () => {
  ctx = testContext();
  await appendEntries(ctx.storage, 50);
});

afterEach(async () => {
  await ctx.cleanup();
});

describe("verifyAuditChain", () => {
  it("accepts an intact chain of 50 rows", async () => {
    expect(await verifyAuditChain(ctx.storage)).toEqual({ ok: true, rows: 50 });
    expect(await verifyAuditChain(ctx.storage, 7)).toEqual({ ok: true, rows: 50 });
  });

  it("accepts an empty log", async () => {
    const empty = testContext();
    try {
      expect(await verifyAuditChain(empty.storage)).toEqual({ ok: true, rows: 0 });
    } finally {
      await empty.cleanup();
    }
  });

  // These tamper with the SQLite file directly; postgres.audit.test.ts does the same on PostgreSQL.
  it.skipIf(testDatabase === "postgres")("is protected by triggers against a plain UPDATE or DELETE", () => {
    tamper((db) => {
      expect(() => db.prepare("UPDATE audit SET diff = '{}' WHERE seq = 17").run()).toThrow(/append-only/);
      expect(() => db.prepare("DELETE FROM audit WHERE seq = 30").run()).toThrow(/append-only/);
    });
  });

  it.skipIf(testDatabase === "postgres")("finds a modified diff at its seq once the trigger is dropped", async () => {
    tamper((db) => {
      db.exec("DROP TRIGGER audit_no_update");
      db.prepare("UPDATE audit SET diff = ? WHERE seq = 17").run(
        JSON.stringify({ amount: { before: 1700, after: 1 } }),
      );
    });
    const result = await verifyAuditChain(ctx.storage);
    expect(result).toMatchObject({ ok: false, rows: 16, firstBad: { seq: 17, problem: "modified" } });
    expect(result.firstBad?.message.en).toContain("Audit row 17 was changed");
    expect(result.firstBad?.message["zh-CN"]).toContain("第 17 行");
    // Page boundaries do not hide it.
    expect((await verifyAuditChain(ctx.storage, 5)).firstBad).toMatchObject({ seq: 17, problem: "modified" });
  });

  it.skipIf(testDatabase === "postgres")("finds a deleted middle row once the trigger is dropped", async () => {
    tamper((db) => {
      db.exec("DROP TRIGGER audit_no_delete");
      db.prepare("DELETE FROM audit WHERE seq = 30").run();
    });
    const result = await verifyAuditChain(ctx.storage, 10);
    expect(result).toMatchObject({ ok: false, rows: 29, firstBad: { seq: 30, problem: "deleted" } });
    expect(result.firstBad?.message.en).toContain("jumps from row 29 to row 31");
  });

  it.skipIf(testDatabase === "postgres")(
    "finds a row that was modified and re-hashed by the broken link after it",
    async () => {
      tamper((db) => {
        db.exec("DROP TRIGGER audit_no_update");
        const row = db.prepare("SELECT * FROM audit WHERE seq = 10").get() as Record<string, string | null>;
        const diff = { amount: { before: 0, after: 0 } };
        const entry = {
          at: String(row.at),
          userId: row.user_id ?? null,
          requestId: row.request_id ?? null,
          action: String(row.action),
          appId: row.app_id ?? null,
          entity: row.entity ?? null,
          recordId: row.record_id ?? null,
          diff,
        } satisfies AuditEntry;
        const hash = auditHash(String(row.prev_hash), 10, entry);
        db.prepare("UPDATE audit SET diff = ?, hash = ? WHERE seq = 10").run(JSON.stringify(diff), hash);
      });
      expect(await verifyAuditChain(ctx.storage)).toMatchObject({
        ok: false,
        rows: 10,
        firstBad: { seq: 11, problem: "broken-link" },
      });
    },
  );

  it.skipIf(testDatabase === "postgres")(
    "reports a row whose stored diff is no longer JSON as modified instead of failing",
    async () => {
      tamper((db) => {
        db.exec("DROP TRIGGER audit_no_update");
        db.prepare("UPDATE audit SET diff = 'not json' WHERE seq = 23").run();
      });
      expect(await verifyAuditChain(ctx.storage, 10)).toMatchObject({
        ok: false,
        rows: 22,
        firstBad: { seq: 23, problem: "modified" },
      });
    },
  );
});

// `plinth audit verify` reads a SQLite data folder.
describe.skipIf(testDatabase === "postgres")("verifyAuditFile", () => {
  it("verifies a database file", async () => {
    expect(await verifyAuditFile(ctx.file)).toEqual({ status: "verified", verification: { ok: true, rows: 50 } });
  });

  it("reports a missing file without creating it", async () => {
    const missing = join(ctx.dir, "nope", "plinth.sqlite");
    const result = await verifyAuditFile(missing);
    expect(result).toMatchObject({ status: "unreadable", code: "audit.fileMissing" });
    expect(await verifyAuditFile(missing)).toMatchObject({ code: "audit.fileMissing" });
  });

  it("reports a file that is not a database", async () => {
    const junk = join(ctx.dir, "junk.sqlite");
    await writeFile(junk, "this is not a database, just some text that is long enough to have a header".repeat(10));
    expect(await verifyAuditFile(junk)).toMatchObject({ status: "unreadable", code: "audit.fileUnreadable" });
  });
});
