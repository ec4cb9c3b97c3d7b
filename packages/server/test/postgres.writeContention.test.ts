import { createRuntime } from "@plinth/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../src/audit/verify.js";
import type { Storage } from "../src/storage/types.js";
import { testPostgresStorage } from "./support/context.js";

/**
 * Writers in several processes that all touch one row (the audit chain's head, an autonumber
 * counter) conflict on every overlap. A write that keeps losing the race must still finish:
 * after its first retries it runs alone. The storages here allow a single retry, so without
 * that turn alone most of these writes would fail with a serialization error (40001).
 */
const url = process.env.PLINTH_TEST_PG_URL;
const reason = "PLINTH_TEST_PG_URL is not set: the PostgreSQL write-contention tests are skipped";
if (!url) console.warn(reason);

const PROCESSES = 3;
const WRITES = 25;

describe.skipIf(!url)("PostgreSQL: writes from several processes on one hot row", () => {
  const storages: Storage[] = [];
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(() => {
    const functions = createRuntime().functions;
    const first = testPostgresStorage(functions, "/tmp/plinth-pg-contention", undefined, { retries: 1 });
    drop = first.drop;
    storages.push(first.storage);
    for (let i = 1; i < PROCESSES; i++) {
      storages.push(testPostgresStorage(functions, "/tmp/plinth-pg-contention", first.schema, { retries: 1 }).storage);
    }
  });

  afterAll(async () => {
    for (const storage of storages) await storage.close();
    await drop();
  });

  it("every read-then-append on the audit head commits, and the chain stays whole", async () => {
    const results = await Promise.allSettled(
      storages.flatMap((storage, p) =>
        Array.from({ length: WRITES }, (_, i) =>
          storage.write(async (tx) => {
            // A read first: the transaction's snapshot predates the other processes' appends.
            const [head] = await tx.platform.audit({ limit: 1 });
            await tx.platform.appendAudit({
              at: "2026-06-01T09:00:00.000Z",
              userId: `p${p}`,
              requestId: `p${p}-w${i}`,
              action: "record.update",
              appId: "contention",
              entity: "counter",
              recordId: "c1",
              diff: { seen: { before: head?.seq ?? 0, after: i } },
            });
          }),
        ),
      ),
    );
    const failed = results.filter((r) => r.status === "rejected");
    expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(await verifyAuditChain(storages[0] as Storage)).toEqual({ ok: true, rows: PROCESSES * WRITES });
  });
});

describe.skipIf(Boolean(url))("PostgreSQL: writes from several processes on one hot row (skipped)", () => {
  it.skip(reason, () => undefined);
});
