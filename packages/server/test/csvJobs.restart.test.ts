import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "./support/context.js";
import { type Client, type Server, testServer } from "./support/server.js";

/**
 * An import cut off by a kill -9 (found by the soak run, soak.test.ts): its job stays stored as
 * running. On SQLite one process serves the file, so once a new process serves it, the job reads
 * as interrupted at once rather than after the staleness window (10 minutes for `skip`, 6 hours
 * for `all`) that PostgreSQL needs, where another process may still be running it.
 */
describe("an import job another process started and never finished", () => {
  let server: Server;
  let admin: Client;

  beforeAll(async () => {
    server = await testServer({ demo: false });
    admin = await server.login("admin");
    await admin.request("POST", "/api/apps", {
      body: {
        app: {
          schemaVersion: 1,
          id: "crm",
          version: "1.0.0",
          label: { en: "CRM", "zh-CN": "CRM" },
          entities: [
            {
              id: "contact",
              label: { en: "Contact", "zh-CN": "联系人" },
              fields: [{ id: "name", kind: "text", label: { en: "Name", "zh-CN": "名称" } }],
            },
          ],
        },
      },
    });
    expect((await admin.request("POST", "/api/apps/crm/publish", { body: {} })).statusCode).toBe(200);
  });
  afterAll(() => server.close());

  it(
    testDatabase === "sqlite"
      ? "reads as interrupted at once on SQLite, even when it moved a moment ago"
      : "still reads as running on PostgreSQL until it has not moved for the staleness window",
    async () => {
      for (const mode of ["all", "skip"] as const) {
        const now = server.clock.now().toISOString();
        const job = {
          id: `cut-off-${mode}`,
          app: "crm",
          entity: "contact",
          mode,
          userId: admin.userId,
          status: "running",
          processed: 40,
          imported: 30,
          errors: [],
          startedAt: now,
          updatedAt: now,
          runner: "a process that was killed",
        };
        await server.ctx.storage.write((tx) => tx.platform.setMeta(`import:${job.id}`, JSON.stringify(job)));
        const res = await admin.request("GET", `/api/apps/crm/imports/${job.id}`);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).not.toHaveProperty("runner");
        if (testDatabase === "sqlite")
          expect(res.json()).toMatchObject({
            status: "failed",
            imported: mode === "skip" ? 30 : 0,
            failure: { code: "import.interrupted" },
          });
        else expect(res.json()).toMatchObject({ status: "running", imported: 30 });
      }
    },
  );

  it("reads as done when this process finished it", async () => {
    const res = await admin.request("POST", "/api/apps/crm/data/contact/import?mode=skip&wait=1", {
      body: "name\nAda\n",
      headers: { "content-type": "text/csv" },
    });
    expect(res.statusCode, res.body).toBe(200);
    const stored = await admin.request("GET", `/api/apps/crm/imports/${res.json().id}`);
    expect(stored.json()).toMatchObject({ status: "done", imported: 1 });
    expect(stored.json()).not.toHaveProperty("runner");
  });
});
