import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askEntity, availableField, entryEntity, label } from "./fixtures/ledger.js";
import { createAndPublish } from "./support/apps.js";
import { type Client, type Server, testServer } from "./support/server.js";

/**
 * Engine capabilities a budget ledger needs: append-only entities, guards and rules reading a
 * rollup through a relation inside the write transaction (so concurrent reservations cannot
 * overdraw), and an audit entry for a write a rule refuses when the rule asks for it.
 */

const ledgerApp = {
  schemaVersion: 1,
  id: "ledger",
  version: "1.0.0",
  label: label("Ledger"),
  entities: [
    {
      id: "fund",
      label: label("Fund"),
      titleField: "name",
      fields: [
        { id: "name", kind: "text", label: label("Name") },
        { id: "cap", kind: "number", label: label("Cap"), default: 1000 },
        { id: "limit", kind: "number", label: label("Limit") },
        {
          id: "stage",
          kind: "select",
          label: label("Stage"),
          options: ["open", "raised"].map((value) => ({ value, label: label(value) })),
          default: "open",
        },
        availableField,
      ],
      rules: [
        {
          id: "limit_under_cap",
          invalidWhen: "limit > cap",
          field: "limit",
          message: label("The limit may not exceed the cap"),
          auditRefusal: true,
        },
        { id: "named", invalidWhen: "ISBLANK(name)", field: "name", message: label("Name it") },
      ],
    },
    entryEntity,
    askEntity,
  ],
  roles: [{ id: "clerk", label: label("Clerk") }],
  permissions: [
    { role: "clerk", entity: "fund", actions: ["read"] },
    { role: "clerk", entity: "ask", actions: ["read", "create", "update"], rowScope: "fund.name = $user.region" },
  ],
  workflows: [
    {
      kind: "stateMachine",
      id: "fund_stage",
      entity: "fund",
      field: "stage",
      initial: "open",
      states: [{ id: "open" }, { id: "raised", final: true }],
      transitions: [
        {
          id: "raise",
          from: ["open"],
          to: "raised",
          effects: [{ kind: "setFields", values: { limit: "cap + 1" } }],
        },
      ],
    },
    {
      kind: "approval",
      id: "ask_approval",
      entity: "ask",
      entryCriteria: "fund.available >= amount",
      statusField: "status",
      allowRecall: true,
      steps: [{ id: "boss", approvers: { kind: "users", users: ["nobody"] } }],
      onSubmit: [
        { kind: "createRecord", entity: "entry", values: { fund: "fund", type: "'RESERVE'", amount: "amount" } },
      ],
      onRecall: [
        { kind: "createRecord", entity: "entry", values: { fund: "fund", type: "'UNRESERVE'", amount: "amount" } },
      ],
    },
  ],
};

let server: Server;
let admin: Client;
let fund: Record<string, unknown>;

const available = async () =>
  Number((await admin.request("GET", `/api/apps/ledger/data/fund/${fund.id}`)).json().available);

beforeAll(async () => {
  server = await testServer({ demo: false });
  admin = await server.login("admin");
  await createAndPublish(admin, ledgerApp);
  fund = (await admin.request("POST", "/api/apps/ledger/data/fund", { body: { name: "F", limit: 500 } })).json();
  const allocated = await admin.request("POST", "/api/apps/ledger/data/entry", {
    body: { fund: fund.id, type: "ALLOCATE", amount: 1000 },
  });
  expect(allocated.statusCode, allocated.body).toBe(201);
});

afterAll(async () => {
  await server.close();
});

describe("append-only entities, ledger guards, audited refusals", () => {
  it("refuses every update and delete of an append-only record, an administrator's too (409 http.appendOnly)", async () => {
    const rows = (await admin.request("GET", "/api/apps/ledger/data/entry")).json().records as Array<{
      id: string;
      version: number;
    }>;
    const row = rows[0] as { id: string; version: number };
    const patched = await admin.request("PATCH", `/api/apps/ledger/data/entry/${row.id}`, {
      body: { amount: 5 },
      headers: { "if-match": `"${row.version}"` },
    });
    expect([patched.statusCode, patched.json().error.code]).toEqual([409, "http.appendOnly"]);
    expect(patched.json().error.message).toContain("append-only");
    const deleted = await admin.request("DELETE", `/api/apps/ledger/data/entry/${row.id}`);
    expect([deleted.statusCode, deleted.json().error.code]).toEqual([409, "http.appendOnly"]);
    expect(await available()).toBe(1000);
  });

  it("a rule reads a rollup through a relation as it is in the write transaction", async () => {
    const over = await admin.request("POST", "/api/apps/ledger/data/entry", {
      body: { fund: fund.id, type: "RESERVE", amount: 1001 },
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.details.issues[0].params.rule).toBe("covered");
  });

  it("two concurrent submits whose reservations together exceed the fund: exactly one passes the entry guard", async () => {
    const asks = [];
    for (const title of ["a", "b"]) {
      const res = await admin.request("POST", "/api/apps/ledger/data/ask", {
        body: { title, fund: fund.id, amount: 600 },
      });
      asks.push(res.json().id as string);
    }
    const answers = await Promise.all(
      asks.map((id) => admin.request("POST", `/api/apps/ledger/data/ask/${id}/actions/submit`, { body: {} })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 422]);
    expect(answers.find((a) => a.statusCode === 422)?.json().error.code).toBe("approval.entryFailed");
    expect(await available()).toBe(400);
    const submitted = asks[answers.findIndex((a) => a.statusCode === 200)];
    await admin.request("POST", `/api/apps/ledger/data/ask/${submitted}/actions/recall`, { body: {} });
    expect(await available()).toBe(1000);
  });

  it("row scopes that follow a relation hold on create and update, for the stored and the new values", async () => {
    const created = await admin.request("POST", "/api/users", {
      body: { username: "clerk_f", displayName: "Clerk F", password: "clerk-password-1", attributes: { region: "F" } },
    });
    expect(created.statusCode, created.body).toBe(201);
    await admin.request("PUT", `/api/users/${created.json().id}/roles/ledger`, { body: { roles: ["clerk"] } });
    const clerk = await server.login("clerk_f", "clerk-password-1");
    const other = (
      await admin.request("POST", "/api/apps/ledger/data/fund", { body: { name: "G", limit: 10 } })
    ).json();
    const mine = await clerk.request("POST", "/api/apps/ledger/data/ask", {
      body: { title: "x", fund: fund.id, amount: 1 },
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const outside = await clerk.request("POST", "/api/apps/ledger/data/ask", {
      body: { title: "y", fund: other.id, amount: 1 },
    });
    expect(outside.statusCode).toBe(403);
    const edited = await clerk.request("PATCH", `/api/apps/ledger/data/ask/${mine.json().id}`, {
      body: { title: "x2" },
      headers: { "if-match": '"1"' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const moved = await clerk.request("PATCH", `/api/apps/ledger/data/ask/${mine.json().id}`, {
      body: { fund: other.id },
      headers: { "if-match": '"2"' },
    });
    expect(moved.statusCode).toBe(403);
  });

  it("writes a refused attempt to the audit log when the refusing rule says auditRefusal, and only then", async () => {
    const current = (await admin.request("GET", `/api/apps/ledger/data/fund/${fund.id}`)).json();
    const refused = await admin.request("PATCH", `/api/apps/ledger/data/fund/${fund.id}`, {
      body: { limit: 1500 },
      headers: { "if-match": `"${current.version}"` },
    });
    expect([refused.statusCode, refused.json().error.code]).toEqual([422, "record.rule"]);
    const other = await admin.request("PATCH", `/api/apps/ledger/data/fund/${fund.id}`, {
      body: { name: "" },
      headers: { "if-match": `"${current.version}"` },
    });
    expect(other.statusCode).toBe(422);
    const created = await admin.request("POST", "/api/apps/ledger/data/fund", { body: { name: "G", limit: 2000 } });
    expect(created.statusCode).toBe(422);
    const audit = (await admin.request("GET", "/api/apps/ledger/audit?entity=fund")).json().entries as Array<{
      action: string;
      recordId: string | null;
      userId: string;
      diff: unknown;
    }>;
    const refusals = audit.filter((e) => e.action === "record.refused");
    expect(refusals.map((e) => [e.recordId, e.userId, e.diff])).toEqual([
      [null, admin.userId, { rules: ["limit_under_cap"], attempted: { name: "G", limit: 2000 } }],
      [fund.id, admin.userId, { rules: ["limit_under_cap"], attempted: { limit: 1500 } }],
    ]);
    expect((await admin.request("GET", `/api/apps/ledger/data/fund/${fund.id}`)).json().limit).toBe(500);
  });

  it("audits a refusal caused by a workflow action's effects as well", async () => {
    const raised = await admin.request("POST", `/api/apps/ledger/data/fund/${fund.id}/actions/raise`, { body: {} });
    expect([raised.statusCode, raised.json().error.code]).toEqual([422, "record.rule"]);
    const audit = (await admin.request("GET", `/api/apps/ledger/audit?entity=fund&record=${fund.id}`)).json()
      .entries as Array<{ action: string; diff: { rules?: string[]; attempted?: Record<string, unknown> } }>;
    expect(audit[0]).toMatchObject({
      action: "record.refused",
      diff: { rules: ["limit_under_cap"], attempted: { limit: 1001 } },
    });
    expect((await admin.request("GET", `/api/apps/ledger/data/fund/${fund.id}`)).json().stage).toBe("open");
  });
});
