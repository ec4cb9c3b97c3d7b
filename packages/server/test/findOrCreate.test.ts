import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, type Server, testServer } from "./support/server.js";

const label = (en: string) => ({ en, "zh-CN": en });
const f = (id: string, kind: string, extra: Record<string, unknown> = {}) => ({ id, kind, label: label(id), ...extra });

/**
 * Leads converted by a transition: the account is found by domain (then by name) or created,
 * the contact and the deal link to it, and the lead links to all three (effect `as` / `links`).
 */
function app() {
  return {
    schemaVersion: 1,
    id: "conv",
    version: "1.0.0",
    label: label("Conversion"),
    entities: [
      { id: "account", label: label("Account"), titleField: "name", fields: [f("name", "text"), f("domain", "text")] },
      {
        id: "contact",
        label: label("Contact"),
        fields: [f("email", "text"), f("account", "relation", { target: "account" })],
      },
      {
        id: "deal",
        label: label("Deal"),
        fields: [f("name", "text"), f("source", "text"), f("account", "relation", { target: "account" })],
      },
      {
        id: "lead",
        label: label("Lead"),
        fields: [
          f("email", "text"),
          f("company", "text"),
          f("source", "text"),
          f("status", "select", { options: [{ value: "new" }, { value: "converted" }] }),
          f("domain", "formula", { expression: "LOWER(RIGHT(email, LEN(email) - FIND('@', email)))" }),
          f("account", "relation", { target: "account" }),
          f("contact", "relation", { target: "contact" }),
          f("deal", "relation", { target: "deal" }),
        ],
      },
    ],
    workflows: [
      {
        kind: "stateMachine",
        id: "lead_flow",
        entity: "lead",
        field: "status",
        initial: "new",
        states: [{ id: "new" }, { id: "converted", final: true }],
        transitions: [
          {
            id: "convert",
            from: ["new"],
            to: "converted",
            effects: [
              {
                kind: "createRecord",
                entity: "account",
                as: "acct",
                values: { name: "company", domain: "domain" },
                findBy: [["domain"], ["name"]],
              },
              {
                kind: "createRecord",
                entity: "contact",
                as: "person",
                values: { email: "email" },
                links: { account: "acct" },
              },
              {
                kind: "createRecord",
                entity: "deal",
                as: "deal",
                values: { name: "company & ' deal'", source: "source" },
                links: { account: "acct" },
              },
              { kind: "setFields", values: {}, links: { account: "acct", contact: "person", deal: "deal" } },
            ],
          },
        ],
      },
    ],
    automations: [
      {
        id: "relink",
        entity: "lead",
        trigger: { kind: "update", fields: ["email"] },
        actions: [
          {
            kind: "createRecord",
            entity: "account",
            as: "acct",
            values: { domain: "domain" },
            findBy: [["domain"]],
            ifMissing: "skip",
          },
          { kind: "setFields", values: {}, links: { account: "acct" } },
        ],
      },
    ],
  };
}

describe("createRecord effects: find-or-create and links to earlier effects", () => {
  let server: Server;
  let admin: Client;
  beforeAll(async () => {
    server = await testServer({ demo: false });
    admin = await server.login("admin");
    const created = await admin.request("POST", "/api/apps", { body: { app: app() } });
    expect(created.statusCode, created.body).toBe(201);
    const published = await admin.request("POST", "/api/apps/conv/publish");
    expect(published.statusCode, published.body).toBe(200);
  });
  afterAll(() => server.close());

  const post = async (entity: string, body: Record<string, unknown>) => {
    const res = await admin.request("POST", `/api/apps/conv/data/${entity}`, { body });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const list = async (entity: string) =>
    ((await admin.request("GET", `/api/apps/conv/data/${entity}`)).json() as { records: Record<string, unknown>[] })
      .records;
  const convert = async (lead: string) => {
    const res = await admin.request("POST", `/api/apps/conv/data/lead/${lead}/actions/convert`);
    expect(res.statusCode, res.body).toBe(200);
    return (await admin.request("GET", `/api/apps/conv/data/lead/${lead}`)).json() as Record<string, unknown>;
  };

  it("finds the account by the first key set that matches, links the new contact, deal and the lead to it", async () => {
    const acme = await post("account", { name: "ACME Corp", domain: "acme.com" });
    const lead = await post("lead", { email: "li@Acme.com", company: "Acme (typo)", source: "web" });
    const after = await convert(lead);
    expect(after.account).toBe(acme);
    expect(await list("account")).toHaveLength(1);
    const [contact] = await list("contact");
    expect(contact).toMatchObject({ id: after.contact, email: "li@Acme.com", account: acme });
    const [deal] = await list("deal");
    expect(deal).toMatchObject({ id: after.deal, name: "Acme (typo) deal", source: "web", account: acme });
  });

  it("falls back to the next key set (name), and creates the record when none matches", async () => {
    const byName = await post("account", { name: "Globex", domain: "globex.example" });
    const one = await convert(await post("lead", { email: "x@globex.cn", company: "Globex" }));
    expect(one.account).toBe(byName);
    const two = await convert(await post("lead", { email: "y@initech.io", company: "Initech" }));
    const accounts = await list("account");
    expect(accounts).toHaveLength(3);
    expect(accounts.find((a) => a.id === two.account)).toMatchObject({ name: "Initech", domain: "initech.io" });
  });

  it("ifMissing skip only finds: a match links the record, no match clears the link and creates nothing", async () => {
    const globex = (await list("account")).find((a) => a.domain === "globex.example");
    const lead = await post("lead", { email: "a@nowhere.example", company: "Nobody" });
    const patch = async (email: string) => {
      const { version } = (await admin.request("GET", `/api/apps/conv/data/lead/${lead}`)).json() as {
        version: number;
      };
      const res = await admin.request("PATCH", `/api/apps/conv/data/lead/${lead}`, {
        body: { email },
        headers: { "if-match": String(version) },
      });
      expect(res.statusCode, res.body).toBe(200);
      return (await admin.request("GET", `/api/apps/conv/data/lead/${lead}`)).json() as Record<string, unknown>;
    };
    const before = (await list("account")).length;
    expect((await patch("b@globex.example")).account).toBe(globex?.id);
    expect((await patch("c@still-nowhere.example")).account ?? null).toBeNull();
    expect(await list("account")).toHaveLength(before);
  });

  it("validateApp refuses a link to a name no earlier effect gives", async () => {
    const bad = app();
    const effects = bad.workflows[0]?.transitions[0]?.effects as Array<Record<string, unknown>>;
    effects[1] = { ...effects[1], links: { account: "acount" } };
    const issues = server.ctx.runtime.validateApp(bad).issues.map((i) => i.path);
    expect(issues).toContain("/workflows/0/transitions/0/effects/1/links/account");
  });
});
