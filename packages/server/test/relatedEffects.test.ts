import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, type Server, testServer } from "./support/server.js";

const label = (en: string) => ({ en, "zh-CN": en });
const f = (id: string, kind: string, extra: Record<string, unknown> = {}) => ({ id, kind, label: label(id), ...extra });
const keepAmount = (kind: string) => ({
  id: `amount_on_${kind}`,
  entity: "item",
  trigger: { kind },
  actions: [{ kind: "setFields", relation: "deal", values: { amount: "deal.line_total" } }],
});

/** Deals whose amount follows their line items: setFields on the related record (relation). */
function app() {
  return {
    schemaVersion: 1,
    id: "lines",
    version: "1.0.0",
    label: label("Lines"),
    entities: [
      {
        id: "deal",
        label: label("Deal"),
        fields: [
          f("name", "text"),
          f("amount", "number"),
          f("line_total", "rollup", { from: "item", via: "deal", aggregate: "sum", field: "total" }),
        ],
      },
      {
        id: "item",
        label: label("Item"),
        fields: [
          f("deal", "relation", { target: "deal", onDelete: "cascade" }),
          f("quantity", "number"),
          f("price", "number"),
          f("total", "formula", { expression: "quantity * price", resultType: "number" }),
        ],
      },
    ],
    automations: [keepAmount("create"), keepAmount("update"), keepAmount("delete")],
  };
}

describe("setFields on a related record (relation): line items keep their deal's amount", () => {
  let server: Server;
  let admin: Client;
  beforeAll(async () => {
    server = await testServer({ demo: false });
    admin = await server.login("admin");
    expect((await admin.request("POST", "/api/apps", { body: { app: app() } })).statusCode).toBe(201);
    const published = await admin.request("POST", "/api/apps/lines/publish");
    expect(published.statusCode, published.body).toBe(200);
  });
  afterAll(() => server.close());

  const post = async (entity: string, body: Record<string, unknown>) => {
    const res = await admin.request("POST", `/api/apps/lines/data/${entity}`, { body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; version: number }>();
  };
  const amount = async (id: string) =>
    (await admin.request("GET", `/api/apps/lines/data/deal/${id}`)).json<{ amount: number | null }>().amount;

  it("sets the deal's amount to its lines' total on create, update and delete", async () => {
    const deal = await post("deal", { name: "Acme" });
    const a = await post("item", { deal: deal.id, quantity: 2, price: 100 });
    expect(await amount(deal.id)).toBe(200);
    await post("item", { deal: deal.id, quantity: 1, price: 50 });
    expect(await amount(deal.id)).toBe(250);
    const updated = await admin.request("PATCH", `/api/apps/lines/data/item/${a.id}`, {
      body: { quantity: 3 },
      headers: { "if-match": String(a.version) },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(await amount(deal.id)).toBe(350);
    expect((await admin.request("DELETE", `/api/apps/lines/data/item/${a.id}`)).statusCode).toBe(204);
    expect(await amount(deal.id)).toBe(50);
  });

  it("validateApp checks the relation and the related entity's fields", () => {
    const bad = app();
    (bad.automations[0] as { actions: unknown[] }).actions = [
      { kind: "setFields", relation: "deal", values: { amout: "1" } },
      { kind: "setFields", relation: "quantity", values: { amount: "1" } },
    ];
    const paths = server.ctx.runtime.validateApp(bad).issues.map((i) => i.path);
    expect(paths).toContain("/automations/0/actions/0/values/amout");
    expect(paths).toContain("/automations/0/actions/1/relation");
    expect(server.ctx.runtime.validateApp(app()).issues).toEqual([]);
  });
});
