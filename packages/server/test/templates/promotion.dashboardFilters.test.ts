import { type DashboardFilterValues, dashboardQuery, type Query } from "@plinth/runtime";
import { promotionTemplate } from "@plinth/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, type Server, testServer } from "../support/server.js";

/**
 * HQ's dashboard filters reach the promotion calendar (§2.7). The calendar is a heat-map over the
 * promotion lines (SKU × in-store week); the region filter is a field of the promotion. The
 * player ANDs a chosen filter into each widget's query with the core's `dashboardQuery`; this
 * test does the same, posts the query to /query on a real SQLite file over HTTP, and checks every
 * cell against the records: only the chosen region's promotions, and for a period only the
 * promotions in store during it (one that started before it and runs into it too).
 */

const A = "/api/apps/promotion";
const HQ = "tp.hq.finance";
type Json = Record<string, unknown>;

let server: Server;
let client: Client;

async function call(method: string, url: string, body?: unknown): Promise<Json> {
  const res = await client.request(method, url, body === undefined ? {} : { body });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(200);
  return res.json() as Json;
}

async function all(entity: string, filter?: string): Promise<Json[]> {
  const out: Json[] = [];
  let cursor: string | undefined;
  do {
    const q = `${filter ? `filter=${encodeURIComponent(filter)}&` : ""}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page = await call("GET", `${A}/data/${entity}?${q}`);
    out.push(...(page.records as Json[]));
    cursor = page.next as string | undefined;
  } while (cursor);
  return out;
}

const hq = (promotionTemplate.app.pages ?? []).find((p) => p.id === "hq_dashboard");
if (hq?.kind !== "dashboard") throw new Error("no HQ dashboard");
const calendar = hq.widgets.find((w) => w.id === "calendar");
if (!calendar) throw new Error("no calendar widget");
const filters = hq.filters ?? [];

/** The widget's query with the viewer's choices, as the player builds it, answered by the server. */
async function run(query: Query, chosen: DashboardFilterValues, today = new Date(2026, 5, 15)): Promise<Json[]> {
  return (await call("POST", `${A}/query`, dashboardQuery(promotionTemplate.app, query, filters, chosen, today)))
    .rows as Json[];
}

const DAY = 86_400_000;
const dayOf = (v: unknown) => Date.parse(`${String(v).slice(0, 10)}T00:00:00Z`);
/** SQLite's %W week: weeks from Monday, the days before the year's first Monday in week 00. */
const week = (ms: number) => {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const yday = Math.round((ms - Date.UTC(y, 0, 1)) / DAY);
  return `${y}-W${String(Math.floor((yday + 7 - ((d.getUTCDay() + 6) % 7)) / 7)).padStart(2, "0")}`;
};
const cellsOf = (rows: readonly Json[]) =>
  new Map(rows.map((r) => [JSON.stringify([r["sku.code"], r["promotion.in_store_from"]]), r.promotions]));

let running: Json[];
let lines: Json[];
let skus: Map<string, string>;

/** The calendar's cells as the records say, over the running promotions `keep` keeps. */
function expectedCells(keep: (promotion: Json) => boolean): Map<string, number> {
  const byId = new Map(running.filter(keep).map((p) => [p.id as string, p]));
  const cells = new Map<string, Set<string>>();
  for (const line of lines) {
    const promotion = byId.get(line.promotion as string);
    if (!promotion) continue;
    const [from, to] = [dayOf(promotion.in_store_from), dayOf(promotion.in_store_to)];
    for (let t = from; t <= Math.max(from, to); t += DAY) {
      const key = JSON.stringify([line.sku ? (skus.get(line.sku as string) ?? null) : null, week(t)]);
      cells.set(key, (cells.get(key) ?? new Set()).add(promotion.id as string));
    }
  }
  return new Map([...cells].map(([key, ids]) => [key, ids.size]));
}

beforeAll(async () => {
  server = await testServer({ templates: [promotionTemplate], scale: "test", clockStart: "2026-06-15T09:00:00.000Z" });
  client = await server.login(HQ);
  running = await all(
    "promotion",
    "status IN ('approved', 'in_execution', 'ended', 'claim_submitted', 'settled', 'closed')",
  );
  lines = await all("promotion_line");
  skus = new Map((await all("sku")).map((k) => [k.id as string, k.code as string]));
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("HQ dashboard: the promotion calendar follows the shared filters", () => {
  it("the region filter narrows the calendar to that region's promotions, cell by cell", async () => {
    // The region with the most promotions in store (the test seed runs them in a few regions).
    const count = new Map<string, number>();
    for (const p of running) count.set(p.region as string, (count.get(p.region as string) ?? 0) + 1);
    const [region] = [...count].sort((a, b) => b[1] - a[1])[0] ?? [];
    if (!region) throw new Error("no promotion in store");
    const everywhere = expectedCells(() => true);
    const inRegion = expectedCells((p) => p.region === region);
    // The test means something: the region runs promotions, and not all of them.
    expect(inRegion.size).toBeGreaterThan(0);
    expect(inRegion.size).toBeLessThan(everywhere.size);

    expect(cellsOf(await run(calendar.query, { period: "all", values: {} }))).toEqual(everywhere);
    expect(cellsOf(await run(calendar.query, { period: "all", values: { region } }))).toEqual(inRegion);
  });

  it("the period keeps the promotions in store during it, one that started before it and runs into it too", async () => {
    // The last 12 months start the day after `today` a year earlier: put that start inside a
    // running promotion's span, so the promotion starts before the period and ends in it.
    const straddling = running.find((p) => dayOf(p.in_store_to) - dayOf(p.in_store_from) >= 2 * DAY);
    if (!straddling) throw new Error("no promotion in store for 3+ days");
    const start = new Date(dayOf(straddling.in_store_from) + DAY);
    const today = new Date(start.getUTCFullYear() + 1, start.getUTCMonth(), start.getUTCDate() - 1);
    const [from, to] = [start.getTime(), Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())];
    const during = (p: Json) => {
      const [s, e] = [dayOf(p.in_store_from), dayOf(p.in_store_to)];
      return s <= to && Math.max(s, Number.isNaN(e) ? s : e) >= from;
    };
    const expected = expectedCells(during);
    const cells = cellsOf(await run(calendar.query, { period: "last12", values: {} }, today));
    expect(cells).toEqual(expected);
    // The straddling promotion's first week, before the period, is on the calendar.
    expect(cells.size).toBeGreaterThan(0);
    const firstWeek = week(dayOf(straddling.in_store_from));
    expect([...cells.keys()].some((k) => k.endsWith(`,"${firstWeek}"]`))).toBe(true);
  });

  it("every HQ widget still runs with a region chosen", async () => {
    const east = (await all("region", "code = 'east'"))[0]?.id as string;
    for (const widget of hq.widgets) {
      const rows = await run(widget.query, { period: "year", values: { region: east } });
      expect(Array.isArray(rows), widget.id).toBe(true);
    }
  });
});
