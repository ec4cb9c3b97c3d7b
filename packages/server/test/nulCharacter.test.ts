import {
  type App,
  createMemorySource,
  createRestSource,
  type DataSource,
  DataSourceError,
  type SourceRecord,
} from "@plinth/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAndPublish } from "./support/apps.js";
import { expectError } from "./support/http.js";
import { type Client, type Server, testServer } from "./support/server.js";
import { type Inspector, inspect } from "./support/sqlite.js";

/**
 * U+0000 where a write reads the database before the core validates the record: a formula
 * that follows a relation (`account.name`) looks the related record up with the text sent,
 * and PostgreSQL fails on U+0000 there (and aborts the transaction). The answer must be the
 * core's field issue on both databases, for the API and for CSV imports alike.
 */

const label = (en: string, zh: string) => ({ en, "zh-CN": zh });
const NUL = "\u0000";

const dealsApp = {
  schemaVersion: 1,
  id: "deals",
  version: "1.0.0",
  label: label("Deals", "交易"),
  entities: [
    {
      id: "account",
      label: label("Account", "客户"),
      titleField: "name",
      fields: [{ id: "name", kind: "text", label: label("Name", "名称"), required: true }],
    },
    {
      id: "deal",
      label: label("Deal", "交易"),
      titleField: "title",
      fields: [
        { id: "title", kind: "text", label: label("Title", "标题"), required: true },
        { id: "account", kind: "relation", label: label("Account", "客户"), target: "account", required: true },
        { id: "amount", kind: "number", label: label("Amount", "金额") },
        { id: "account_name", kind: "formula", label: label("Account name", "客户名称"), expression: "account.name" },
      ],
      rules: [
        {
          id: "small",
          invalidWhen: "amount > 100",
          field: "amount",
          message: label("At most 100", "最多 100"),
          auditRefusal: true,
        },
      ],
    },
  ],
};

let server: Server;
let admin: Client;
let db: Inspector;
let account: string;

beforeAll(async () => {
  server = await testServer({ demo: false });
  db = inspect(server.ctx.file);
  admin = await server.login("admin");
  await createAndPublish(admin, dealsApp);
  const created = await admin.request("POST", "/api/apps/deals/data/account", { body: { name: "Acme" } });
  expect(created.statusCode, created.body).toBe(201);
  account = created.json<{ id: string }>().id;
});

afterAll(async () => {
  db.close();
  await server.close();
});

type Job = {
  status: string;
  imported: number;
  errors: Array<{
    row: number;
    issues: Array<{ code: string; path: string; message: { en: string; "zh-CN": string } }>;
  }>;
};

const importCsv = (mode: "all" | "skip", csv: string) =>
  admin.request("POST", `/api/apps/deals/data/deal/import?mode=${mode}&wait=1`, {
    body: csv,
    headers: { "content-type": "text/csv" },
  });

describe("U+0000 in a relation that formulas follow", () => {
  it("answers a record write with 422 record.nulCharacter, and audits no refusal", async () => {
    const before = db.counts();
    for (const body of [
      { title: "T", account: `${account}${NUL}` },
      // A rule that audits its refusals also fails here: the NUL is refused first, nothing is written.
      { title: "T", account: `${account}${NUL}`, amount: 500 },
      { title: `T${NUL}`, account, amount: 500 },
    ]) {
      const res = await admin.request("POST", "/api/apps/deals/data/deal", { body });
      const error = expectError(res, 422, "record.nulCharacter");
      expect(error.path).toBe(body.title === "T" ? "/account" : "/title");
    }
    expect(db.counts()).toEqual(before);
  });

  it("reports it as a row issue of a CSV import with the field's label; skip mode imports the other rows", async () => {
    const table = db.table("deals", "deal");
    const rowsBefore = db.counts()[table] ?? 0;
    const csv = ["title,account,amount", `Bad,${account}${NUL},1`, `Good,${account},2`].join("\n");

    const all = await importCsv("all", csv);
    expect(all.statusCode, all.body).toBe(422);
    const rolledBack = all.json<Job>();
    expect(rolledBack.imported).toBe(0);
    expect(rolledBack.errors.map((e) => [e.row, e.issues.map((i) => `${i.code} ${i.path}`)])).toEqual([
      [2, ["record.nulCharacter /account"]],
    ]);
    expect(rolledBack.errors[0]?.issues[0]?.message.en).toMatch(/^Account contains a NUL character \(U\+0000\)/);
    expect(rolledBack.errors[0]?.issues[0]?.message["zh-CN"]).toMatch(/^客户包含 NUL 字符/);
    expect(db.counts()[table] ?? 0).toBe(rowsBefore);

    const skip = await importCsv("skip", csv);
    expect(skip.statusCode, skip.body).toBe(200);
    const skipped = skip.json<Job>();
    expect([skipped.status, skipped.imported]).toEqual(["done", 1]);
    expect(skipped.errors.map((e) => [e.row, e.issues[0]?.code])).toEqual([[2, "record.nulCharacter"]]);
    expect(db.counts()[table] ?? 0).toBe(rowsBefore + 1);
    const stored = db.db.prepare(`SELECT title, account FROM "${table}" ORDER BY title`).all();
    expect(stored).toEqual([{ title: "Good", account }]);
  });
});

describe("the memory data source refuses U+0000 as the server does", () => {
  const outcome = async (run: () => Promise<unknown>) => {
    try {
      await run();
      return "ok";
    } catch (error) {
      if (!(error instanceof DataSourceError)) throw error;
      return { status: error.status, code: error.code, path: error.path, message: error.messages };
    }
  };

  it("gives the same status, code, path and message from memory and over REST", async () => {
    await server.app.listen({ port: 0, host: "127.0.0.1" });
    const address = server.app.server.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: "admin-password-1" }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const { csrfToken, user } = (await login.json()) as { csrfToken: string; user: { id: string } };
    const rest = createRestSource({
      baseUrl: base,
      app: "deals",
      fetch: (url, init) => fetch(url, { ...init, headers: { ...init.headers, cookie } }),
      csrfToken: () => csrfToken,
    });
    const app: App = await rest.app();
    const accounts = (await rest.list("account")).records;
    const deals = (await rest.list("deal")).records;
    const memory = createMemorySource({
      app,
      user: { id: user.id, username: "admin", roles: [], isAdmin: true },
      records: { account: accounts, deal: deals },
      clock: () => server.clock.now().toISOString(),
      newId: () => "mem",
    });
    const deal = deals[0] as SourceRecord;
    const calls: Array<(s: DataSource) => Promise<unknown>> = [
      (s) => s.list("deal", { filter: `title = 'a${NUL}'` }),
      (s) => s.list("deal", { sort: [{ field: `title${NUL}`, direction: "asc" }] }),
      (s) => s.get("deal", `x${NUL}`),
      (s) => s.create("deal", { title: `T${NUL}`, account }),
      (s) => s.create("deal", { title: "T", account: `${account}${NUL}` }),
      (s) => s.update("deal", String(deal.id), Number(deal.version), { [`ti${NUL}tle`]: "x" }),
      (s) => s.update(`deal${NUL}`, String(deal.id), Number(deal.version), { title: "x" }),
      (s) => s.query({ entity: "deal", filter: `title = '${NUL}'` }),
      (s) => s.action("deal", String(deal.id), "approve", { comment: `ok ${NUL}` }),
      (s) => s.people({ search: `a${NUL}` }),
      (s) => s.upload("deal", "title", { name: `a${NUL}.txt`, contentType: "text/plain", size: 1, body: "x" }),
    ];
    for (const [n, call] of calls.entries()) {
      const fromRest = await outcome(() => call(rest));
      expect(fromRest, `call ${n}`).not.toBe("ok");
      expect(await outcome(() => call(memory)), `call ${n}`).toEqual(fromRest);
    }
  });
});
