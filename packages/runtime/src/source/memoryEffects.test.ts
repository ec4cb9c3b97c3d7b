import { describe, expect, it } from "vitest";
import type { App } from "../schema/types.js";
import { createMemorySource } from "./memory.js";

const NOW = "2026-06-01T09:00:00.000Z";
const label = (en: string) => ({ en, "zh-CN": en });
const f = (id: string, kind: string, extra: Record<string, unknown> = {}) => ({ id, kind, label: label(id), ...extra });

/** Leads converted by a transition that finds or creates the account and links a contact to it. */
const app = {
  schemaVersion: 1,
  id: "conv",
  version: "1.0.0",
  label: label("Conversion"),
  entities: [
    { id: "account", label: label("Account"), fields: [f("name", "text"), f("domain", "text")] },
    {
      id: "contact",
      label: label("Contact"),
      fields: [f("email", "text"), f("account", "relation", { target: "account" })],
    },
    {
      id: "lead",
      label: label("Lead"),
      fields: [
        f("email", "text"),
        f("company", "text"),
        f("status", "select", { options: [{ value: "new" }, { value: "converted" }] }),
        f("domain", "formula", {
          expression: "LOWER(RIGHT(email, LEN(email) - FIND('@', email)))",
          resultType: "text",
        }),
        f("account", "relation", { target: "account" }),
        f("contact", "relation", { target: "contact" }),
      ],
    },
  ],
  workflows: [
    {
      kind: "stateMachine",
      id: "flow",
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
            { kind: "setFields", values: {}, links: { account: "acct", contact: "person" } },
          ],
        },
      ],
    },
  ],
} as unknown as App;

describe("memory source: createRecord find-or-create and links, as the server", () => {
  it("attaches to the account found by domain, creates one when none matches, and links the lead", async () => {
    let n = 0;
    const admin = { id: "admin", username: "admin", roles: [], attributes: {}, isAdmin: true };
    const source = createMemorySource({
      app,
      user: admin,
      users: [admin],
      clock: () => NOW,
      newId: () => `id${++n}`,
      records: {
        account: [{ id: "acme", version: 1, name: "ACME", domain: "acme.com", createdAt: NOW, updatedAt: NOW }],
      },
    });
    const lead = await source.create("lead", { email: "li@Acme.com", company: "Acme China" });
    await source.action("lead", String(lead.id), "convert");
    const after = await source.get("lead", String(lead.id));
    expect(after).toMatchObject({ status: "converted", account: "acme" });
    expect(await source.get("contact", String(after.contact))).toMatchObject({ email: "li@Acme.com", account: "acme" });

    const other = await source.create("lead", { email: "x@initech.io", company: "Initech" });
    await source.action("lead", String(other.id), "convert");
    const created = await source.get("lead", String(other.id));
    expect(created.account).not.toBe("acme");
    expect(await source.get("account", String(created.account))).toMatchObject({
      name: "Initech",
      domain: "initech.io",
    });

    // Ratio and difference measures, as the server computes them.
    const { rows } = await source.query({
      entity: "lead",
      measures: [
        { id: "all", aggregate: "count" },
        { id: "converted", aggregate: "count", filter: "status = 'converted'", divideBy: "all", percent: true },
        { id: "open", aggregate: "count", minus: "all" },
        { id: "none", aggregate: "count", filter: "status = 'new'", divideBy: "open" },
      ],
    });
    expect(rows).toEqual([{ all: 2, converted: 100, open: 0, none: null }]);
  });
});
