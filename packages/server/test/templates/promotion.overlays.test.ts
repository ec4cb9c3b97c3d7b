import type { App } from "@plinth/runtime";
import { promotionTemplate } from "@plinth/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { republish } from "../support/apps.js";
import { type Client, type Server, testServer } from "../support/server.js";

/**
 * The promotion template's regional overlays (East, Southwest): each publishes as a variant and
 * works with its own step and field; HQ's locks refuse an overlay that touches a red line; and a
 * template upgrade re-applies each overlay, reporting the node both changed instead of dropping
 * either side.
 */

type Json = Record<string, unknown>;
let server: Server;
const clients = new Map<string, Client>();

async function as(username: string): Promise<Client> {
  let client = clients.get(username);
  if (!client) {
    client = await server.login(username);
    clients.set(username, client);
  }
  return client;
}

async function call(username: string, method: string, url: string, body?: unknown, status?: number): Promise<Json> {
  const res = await (await as(username)).request(method, url, body === undefined ? {} : { body });
  const expected = status ?? (method === "POST" && !url.includes("/actions/") ? 201 : 200);
  expect(res.statusCode, `${username} ${method} ${url}: ${res.body}`).toBe(expected);
  return res.json() as Json;
}

/** A region, a pool with 500,000 allocated and a request of `amount` in a variant app; returns the request id. */
async function requestIn(app: string, code: string, amount: number, extra: Json = {}): Promise<string> {
  const A = `/api/apps/${app}`;
  const region = await call("admin", "POST", `${A}/data/region`, {
    code,
    name: code,
    single_request_limit: 60_000,
  });
  const pool = await call("admin", "POST", `${A}/data/budget_pool`, {
    code: `P-${code}`,
    region: region.id,
    period: "2026-Q3",
  });
  await call("admin", "POST", `${A}/data/fund_transaction`, { pool: pool.id, type: "ALLOCATE", amount: 500_000 });
  const created = await call(`tp.${code}.rep`, "POST", `${A}/data/promotion`, {
    title: `${code} variant request`,
    region: region.id,
    pool: pool.id,
    sell_in_from: "2026-07-01",
    sell_in_to: "2026-07-20",
    in_store_from: "2026-07-01",
    in_store_to: "2026-07-20",
    ...extra,
  });
  await call(`tp.${code}.rep`, "POST", `${A}/data/promotion_line`, {
    promotion: created.id,
    mechanic: "display",
    store_count: 1,
    lump_sum: amount,
    promo_price: 10,
    baseline_units: 10_000,
    planned_units: 10_000 + (amount * 2) / 10,
  });
  return String(created.id);
}

async function stepsOf(app: string, username: string, id: string): Promise<string[]> {
  const body = await call(username, "GET", `/api/apps/${app}/data/promotion/${id}/approvals`);
  const approvals = body.approvals as Array<{ state: { steps: Array<{ id: string }> } }>;
  return (approvals.at(-1)?.state.steps ?? []).map((s) => s.id);
}

beforeAll(async () => {
  server = await testServer({ templates: [promotionTemplate], scale: "test", clockStart: "2026-06-15T09:00:00.000Z" });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("promotion template overlays", () => {
  it("East: lower limit cap, lower director threshold, an East marketing step, a store-cluster field, its own label", async () => {
    const published = await call("admin", "GET", "/api/apps/promotion_east");
    const app = published.app as App;
    const promotion = app.entities?.find((e) => e.id === "promotion");
    expect(promotion?.label).toEqual({ en: "East promotion request", "zh-CN": "华东促销申请" });
    expect(promotion?.fields.some((f) => f.id === "east_store_cluster")).toBe(true);
    // The region limit may not exceed East's tightened cap of 100,000 (HQ allows 500,000).
    await call(
      "admin",
      "POST",
      "/api/apps/promotion_east/data/region",
      {
        code: "too_high",
        name: "x",
        single_request_limit: 110_000,
      },
      422,
    );

    const id = await requestIn("promotion_east", "east", 55_000, { east_store_cluster: "Hangzhou A" });
    await call("tp.east.rep", "POST", `/api/apps/promotion_east/data/promotion/${id}/actions/submit`, {});
    expect(await stepsOf("promotion_east", "tp.east.rep", id)).toEqual([
      "manager",
      "director",
      "region_finance",
      "east_marketing",
    ]);
    for (const who of ["tp.east.manager", "tp.east.director", "tp.east.finance"])
      await call(who, "POST", `/api/apps/promotion_east/data/promotion/${id}/actions/approve`, {});
    expect((await call("tp.east.rep", "GET", `/api/apps/promotion_east/data/promotion/${id}`)).status).toBe("pending");
    await call("tp.east.marketing", "POST", `/api/apps/promotion_east/data/promotion/${id}/actions/approve`, {});
    const record = await call("tp.east.rep", "GET", `/api/apps/promotion_east/data/promotion/${id}`);
    expect([record.status, record.committed_open, record.east_store_cluster]).toEqual([
      "approved",
      55_000,
      "Hangzhou A",
    ]);
  });

  it("Southwest: a mountain-county request goes through the logistics step; Region Finance has its own label", async () => {
    const published = (await call("admin", "GET", "/api/apps/promotion_southwest")).app as App;
    const approval = published.workflows?.find((w) => w.id === "promotion_approval");
    const finance = approval?.kind === "approval" ? approval.steps.find((s) => s.id === "region_finance") : undefined;
    expect(finance?.label).toEqual({ en: "Southwest finance & evidence check", "zh-CN": "西南财务与凭证审核" });
    const id = await requestIn("promotion_southwest", "southwest", 15_000, { mountain_county: true });
    await call("tp.southwest.rep", "POST", `/api/apps/promotion_southwest/data/promotion/${id}/actions/submit`, {});
    expect(await stepsOf("promotion_southwest", "tp.southwest.rep", id)).toEqual([
      "manager",
      "region_finance",
      "sw_logistics",
    ]);
    for (const who of ["tp.southwest.manager", "tp.southwest.finance", "tp.southwest.logistics"])
      await call(who, "POST", `/api/apps/promotion_southwest/data/promotion/${id}/actions/approve`, {});
    expect((await call("tp.southwest.rep", "GET", `/api/apps/promotion_southwest/data/promotion/${id}`)).status).toBe(
      "approved",
    );
  });

  it("refuses an overlay that touches HQ's red lines, naming each operation's path", async () => {
    const variant = {
      schemaVersion: 1,
      id: "promotion_rogue",
      version: "1.0.0",
      label: { en: "Rogue", "zh-CN": "违规" },
      extends: { app: "promotion", version: "^1.0.0" },
      overlay: [
        { op: "remove", target: "/workflows/promotion_approval/steps/hq_finance" },
        { op: "set", target: "/entities/region/fields/single_request_limit/max", value: 900_000 },
        { op: "set", target: "/entities/fund_transaction/fields/amount/label", value: { en: "Sum", "zh-CN": "金额" } },
        {
          op: "set",
          target: "/workflows/promotion_approval/steps/manager/label",
          value: { en: "Area manager", "zh-CN": "片区经理" },
        },
      ],
    };
    await call("admin", "POST", "/api/apps", { app: variant });
    const refused = await (await as("admin")).request("POST", "/api/apps/promotion_rogue/publish", { body: {} });
    expect(refused.statusCode).toBe(422);
    const issues = refused.json().error.details.issues as Array<{ code: string; path: string }>;
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["overlay.locked", "/overlay/0"],
      ["overlay.notTighter", "/overlay/1"],
      ["overlay.locked", "/overlay/2"],
    ]);
  });

  it("a template upgrade (1.1.0) re-applies both overlays and reports the node both changed instead of dropping either side", async () => {
    const base = (await call("admin", "GET", "/api/apps/promotion")).app as Record<string, unknown> & App;
    const upgraded = structuredClone(base) as App & { version: string };
    upgraded.version = "1.1.0";
    const promotion = upgraded.entities?.find((e) => e.id === "promotion");
    promotion?.fields.push({ id: "promo_theme", kind: "text", label: { en: "Theme", "zh-CN": "主题" } } as never);
    const approval = upgraded.workflows?.find((w) => w.id === "promotion_approval");
    if (approval?.kind !== "approval") throw new Error("no approval");
    const director = approval.steps.find((s) => s.id === "director") as { condition?: string };
    director.condition = "planned_spend > 30000 OR urgent"; // East sets this condition too: a conflict
    const upgrade = await republish(await as("admin"), upgraded);
    expect(upgrade.statusCode, upgrade.body).toBe(200);

    const first = await call("admin", "POST", "/api/apps/promotion/variants/publish", {}, 200);
    const byApp = new Map((first.variants as Json[]).map((v) => [v.app, v]));
    // Southwest touches nothing the upgrade changed: published on 1.1.0 with the new field.
    expect(byApp.get("promotion_southwest")).toMatchObject({ published: true, conflicts: [] });
    // East collides on the director condition: not published, the conflict named with its path.
    expect(byApp.get("promotion_east")).toMatchObject({
      published: false,
      error: { code: "http.overlayConflict" },
      conflicts: [
        {
          code: "overlay.conflict",
          path: "/overlay/1",
          params: { target: "/workflows/promotion_approval/steps/director/condition" },
        },
      ],
    });
    const southwest = (await call("admin", "GET", "/api/apps/promotion_southwest")).app as App;
    const swFields = southwest.entities?.find((e) => e.id === "promotion")?.fields.map((f) => f.id) ?? [];
    expect(swFields).toContain("promo_theme");
    expect(swFields).toContain("mountain_county");

    // Confirmed: East keeps its own value on the conflicting node and gets the rest of the upgrade.
    const confirmed = await call("admin", "POST", "/api/apps/promotion/variants/publish", { confirm: true }, 200);
    const east = (confirmed.variants as Json[]).find((v) => v.app === "promotion_east");
    expect(east).toMatchObject({ published: true, version: 2 });
    expect(((east?.conflicts ?? []) as Json[]).map((c) => (c.params as Json).target)).toEqual([
      "/workflows/promotion_approval/steps/director/condition",
    ]);
    const eastApp = (await call("admin", "GET", "/api/apps/promotion_east")).app as App;
    const eastApproval = eastApp.workflows?.find((w) => w.id === "promotion_approval");
    if (eastApproval?.kind !== "approval") throw new Error("no approval");
    expect(eastApproval.steps.find((s) => s.id === "director")?.condition).toBe("planned_spend > 10000 OR urgent");
    expect(eastApp.entities?.find((e) => e.id === "promotion")?.fields.some((f) => f.id === "promo_theme")).toBe(true);
    // The next publish of East (template unchanged) has nothing to report.
    const again = await call("admin", "POST", "/api/apps/promotion/variants/publish", {}, 200);
    const shipped = (again.variants as Json[]).filter((v) => v.app !== "promotion_rogue");
    expect(shipped.map((v) => [v.app, v.published, (v.conflicts as Json[]).length])).toEqual([
      ["promotion_east", true, 0],
      ["promotion_southwest", true, 0],
    ]);
    // The rogue overlay is still refused by the locks, whatever the template version.
    expect((again.variants as Json[]).find((v) => v.app === "promotion_rogue")).toMatchObject({
      published: false,
      error: { code: "http.invalid" },
    });
  });
});
