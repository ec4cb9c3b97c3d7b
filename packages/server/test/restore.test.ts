import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crmApp } from "./automationHarness.js";
import { createAndPublish } from "./support/apps.js";
import { type Client, DEMO_PASSWORD, type Server, testServer } from "./support/server.js";

/**
 * `?restore=1` (plinth import): an administrator writes exported records back; they are validated
 * like any write, but automations do not react — the export already holds what they wrote.
 */
describe("restoring records", () => {
  let server: Server;
  let admin: Client;
  const onCreate = [
    {
      id: "follow_up",
      entity: "deal",
      trigger: { kind: "create" },
      actions: [{ kind: "createRecord", entity: "task", values: { title: "'Call about ' & name" } }],
    },
  ];
  const app = {
    ...crmApp(onCreate),
    // rep.east (a starter demo user) may create and import deals, as a rep would.
    permissions: [
      { role: "rep", entity: "deal", actions: ["read", "create", "update", "import"] },
      { role: "rep", entity: "task", actions: ["read"] },
    ],
  };
  const tasks = async () =>
    (await admin.request("GET", "/api/apps/crm/data/task?limit=500"))
      .json()
      .records.map((t: { title: string }) => t.title);

  beforeAll(async () => {
    server = await testServer();
    admin = await server.login("admin");
    await createAndPublish(admin, app);
    const rep = (await admin.request("GET", "/api/users"))
      .json()
      .users.find((u: { username: string }) => u.username === "rep.east");
    expect(
      (await admin.request("PUT", `/api/users/${rep.id}/roles/crm`, { body: { roles: ["rep"] } })).statusCode,
    ).toBe(200);
  });
  afterAll(() => server.close());

  it("skips automations on create, update and CSV import, and still validates", async () => {
    expect((await admin.request("POST", "/api/apps/crm/data/deal", { body: { name: "New" } })).statusCode).toBe(201);
    expect(await tasks()).toEqual(["Call about New"]);

    const restored = await admin.request("POST", "/api/apps/crm/data/deal?restore=1", { body: { name: "Old" } });
    expect(restored.statusCode, restored.body).toBe(201);
    const patched = await admin.request("PATCH", `/api/apps/crm/data/deal/${restored.json().id}?restore=1`, {
      body: { amount: 5 },
      headers: { "if-match": '"1"' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const csv = await admin.request("POST", "/api/apps/crm/data/deal/import?restore=1&wait=1", {
      body: "name\nFrom CSV\n",
      headers: { "content-type": "text/csv" },
    });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.json()).toMatchObject({ status: "done", imported: 1, restore: true });
    expect(await tasks()).toEqual(["Call about New"]);
    // Validation still applies.
    const invalid = await admin.request("POST", "/api/apps/crm/data/deal?restore=1", { body: { amount: "lots" } });
    expect(invalid.statusCode).toBe(422);
  });

  it("is for administrators only: a rep who may create and import deals gets 403 and writes nothing", async () => {
    const rep = await server.login("rep.east", DEMO_PASSWORD);
    const before = await tasks();
    expect((await rep.request("POST", "/api/apps/crm/data/deal", { body: { name: "Allowed" } })).statusCode).toBe(201);
    const refused = [
      await rep.request("POST", "/api/apps/crm/data/deal?restore=1", { body: { name: "Sneaky" } }),
      await rep.request("POST", "/api/apps/crm/data/deal/import?restore=1&wait=1", {
        body: "name\nSneaky\n",
        headers: { "content-type": "text/csv" },
      }),
    ];
    for (const res of refused) expect(res.statusCode, res.body).toBe(403);
    const names = (await admin.request("GET", "/api/apps/crm/data/deal?limit=500"))
      .json()
      .records.map((d: { name: string }) => d.name);
    expect(names).not.toContain("Sneaky");
    expect((await tasks()).sort()).toEqual([...before, "Call about Allowed"].sort());
  });
});
