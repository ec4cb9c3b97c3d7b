import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRuntime } from "@plinth/runtime";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../src/audit/verify.js";
import { createSqliteStorage } from "../src/storage/sqlite/index.js";
import { type ServeProcess, startServe } from "./support/serveProcess.js";

/** `plinth serve --demo` over a SQLite data folder, as a real process. */
function startServer(data: string): Promise<ServeProcess> {
  // The templates' demo volumes take longer to seed than this test needs; it writes to the starter app.
  return startServe(["--demo", "--demo-scale", "test", "--data", data, "--durability", "full"], 0, {
    PLINTH_DEMO_PASSWORD: "crash-test-pw",
  });
}

async function token(url: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: "crash-test-pw" }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({ name: "crash test" }),
  });
  return ((await res.json()) as { token: string }).token;
}

describe("kill -9 during a stream of writes", () => {
  const data = mkdtempSync(join(tmpdir(), "plinth-crash-"));
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it("keeps every acknowledged write, a sound database and an intact audit chain", { timeout: 180_000 }, async () => {
    const first = await startServer(data);
    const bearer = await token(first.baseUrl);
    const accountsRes = await fetch(`${first.baseUrl}/api/apps/starter/data/account?limit=1`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    const account = ((await accountsRes.json()) as { records: Array<{ id: string; region: string }> }).records[0];
    expect(account).toBeDefined();

    const acknowledged: string[] = [];
    const failures: string[] = [];
    let stop = false;
    const writer = async (n: number) => {
      for (let i = 0; !stop && i < 400; i++) {
        try {
          const res = await fetch(`${first.baseUrl}/api/apps/starter/data/opportunity`, {
            method: "POST",
            headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
            body: JSON.stringify({
              name: `crash ${n}-${i}`,
              account: account?.id,
              region: account?.region,
              amount: 1000 + i,
              close_date: "2026-12-31",
            }),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
          else failures.push(`${res.status} ${await res.text()}`);
        } catch {
          return; // the server is gone
        }
      }
    };
    let finished = 0;
    const writers = [writer(1), writer(2), writer(3)].map((w) => w.finally(() => (finished += 1)));
    // Kill the process once a fair number of writes were acknowledged.
    while (acknowledged.length < 60 && finished < writers.length) await new Promise((r) => setTimeout(r, 20));
    expect(failures.slice(0, 3)).toEqual([]);
    const killed = first.crash();
    stop = true;
    await Promise.all(writers);
    await killed;

    const second = await startServer(data);
    const ids = new Set<string>();
    let cursor: string | undefined;
    do {
      const res = await fetch(
        `${second.baseUrl}/api/apps/starter/data/opportunity?limit=500&filter=${encodeURIComponent("CONTAINS(name, 'crash')")}${cursor ? `&cursor=${cursor}` : ""}`,
        {
          headers: { authorization: `Bearer ${bearer}` },
        },
      );
      const page = (await res.json()) as { records: Array<{ id: string }>; next?: string };
      for (const r of page.records) ids.add(r.id);
      cursor = page.next;
    } while (cursor);
    await second.stop();

    const missing = acknowledged.filter((id) => !ids.has(id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);
    expect(missing).toEqual([]);
    const db = new Database(join(data, "plinth.sqlite"));
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
    const storage = createSqliteStorage({
      file: join(data, "plinth.sqlite"),
      durability: "full",
      functions: createRuntime().functions,
    });
    const verification = await verifyAuditChain(storage);
    await storage.close();
    expect(verification.ok).toBe(true);
  });
});
