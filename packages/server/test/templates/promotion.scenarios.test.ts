import { thresholdColor } from "@plinth/runtime";
import { promotionTemplate } from "@plinth/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, type Server, testServer } from "../support/server.js";

/**
 * The acceptance scenarios of the regional promotion approval template (sales-domain §2.9),
 * each through the HTTP API on a real SQLite file, with the template installed at scale "test".
 */

const A = "/api/apps/promotion";
type Json = Record<string, unknown>;
interface StepState {
  id: string;
  status: string;
  decisions: Array<{ user: string; decision: string; comment: string | null }>;
}
interface ApprovalView {
  status: string;
  state: { round: number; steps: StepState[]; timeline: Array<{ type: string; comment?: string; step?: string }> };
}

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

async function call(
  username: string,
  method: string,
  url: string,
  body?: unknown,
  status = method === "POST" && url.endsWith("/query")
    ? 200
    : method === "POST" && !url.includes("/actions/")
      ? 201
      : 200,
): Promise<Json> {
  const res = await (await as(username)).request(method, url, body === undefined ? {} : { body });
  expect(res.statusCode, `${username} ${method} ${url}: ${res.body}`).toBe(status);
  return res.statusCode === 204 ? {} : (res.json() as Json);
}

async function one(username: string, entity: string, filter: string): Promise<Json> {
  const page = await call(username, "GET", `${A}/data/${entity}?filter=${encodeURIComponent(filter)}&limit=5`);
  const records = page.records as Json[];
  expect(records, `${entity} where ${filter}`).toHaveLength(1);
  return records[0] as Json;
}

const poolOf = (code: string) => one("tp.hq.finance", "budget_pool", `code = 'POOL-${code.toUpperCase()}-2026-Q3'`);
const regionOf = (code: string) => one("tp.hq.finance", "region", `code = '${code}'`);
const get = (username: string, entity: string, id: string) => call(username, "GET", `${A}/data/${entity}/${id}`);

async function ledgerOf(promotionId: string): Promise<Array<[string, number]>> {
  const page = await call(
    "tp.hq.finance",
    "GET",
    `${A}/data/fund_transaction?filter=${encodeURIComponent(`promotion = '${promotionId}'`)}&sort=entry_no&limit=100`,
  );
  return (page.records as Json[]).map((r) => [String(r.type), Number(r.amount)]);
}

async function approvalOf(username: string, promotionId: string): Promise<ApprovalView> {
  const body = await call(username, "GET", `${A}/data/promotion/${promotionId}/approvals`);
  return (body.approvals as ApprovalView[]).at(-1) as ApprovalView;
}

const act = (username: string, id: string, action: string, body: Json = {}, status = 200) =>
  call(username, "POST", `${A}/data/promotion/${id}/actions/${action}`, body, status);

/**
 * A request of the region's rep with one display line: `stores` × `perStore`, with units that
 * give a revenue ROI of about 2 (so HQ Finance joins only above the region's limit).
 */
async function request(
  code: string,
  stores: number,
  perStore: number,
  dates: { from: string; to: string; urgent?: boolean } = { from: "2026-07-01", to: "2026-07-20" },
): Promise<string> {
  const rep = `tp.${code}.rep`;
  const region = await regionOf(code);
  const pool = await poolOf(code);
  const created = await call(rep, "POST", `${A}/data/promotion`, {
    title: `${code} display ${stores}×${perStore}`,
    region: region.id,
    pool: pool.id,
    sell_in_from: dates.from,
    sell_in_to: dates.to,
    in_store_from: dates.from,
    in_store_to: dates.to,
    urgent: dates.urgent ?? false,
  });
  const spend = stores * perStore;
  await call(rep, "POST", `${A}/data/promotion_line`, {
    promotion: created.id,
    mechanic: "display",
    store_count: stores,
    lump_sum: perStore,
    promo_price: 10,
    baseline_units: 10_000,
    planned_units: 10_000 + (spend * 2) / 10,
  });
  return String(created.id);
}

/** Approve every step in order, each by the one person it waits for. */
async function approveAll(id: string, approvers: readonly string[]): Promise<void> {
  for (const who of approvers) await act(who, id, "approve");
}

beforeAll(async () => {
  server = await testServer({
    templates: [promotionTemplate],
    scale: "test",
    clockStart: "2026-06-15T09:00:00.000Z",
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("regional promotion approval (sales-domain §2.9)", () => {
  it("installs 23 regions with limits, pools and a seeded ledger", async () => {
    const regions = await call("tp.hq.finance", "GET", `${A}/data/region?limit=100`);
    expect((regions.records as Json[]).length).toBe(23);
    const east = await poolOf("east");
    expect(east.allocated).toBe(2_000_000);
    expect((await regionOf("east")).single_request_limit).toBe(100_000);
    // The seed went through the real workflow: every status is there and the ledger agrees with it.
    const byStatus = await call("tp.hq.finance", "POST", `${A}/query`, {
      entity: "promotion",
      groupBy: [{ field: "status" }],
      measures: [
        { id: "n", aggregate: "count" },
        { id: "reserved", aggregate: "sum", field: "reserved_open" },
        { id: "planned", aggregate: "sum", field: "planned_spend" },
        { id: "committed", aggregate: "sum", field: "committed_open" },
        { id: "actual", aggregate: "sum", field: "actual_spend" },
      ],
    });
    const rows = new Map((byStatus.rows as Json[]).map((r) => [String(r.status), r]));
    expect([...rows.keys()].sort()).toEqual([
      "approved",
      "cancelled",
      "claim_submitted",
      "closed",
      "draft",
      "ended",
      "expired",
      "in_execution",
      "pending",
      "settled",
    ]);
    expect(rows.get("pending")?.reserved).toBe(rows.get("pending")?.planned);
    for (const status of ["draft", "cancelled", "expired", "settled", "closed"]) {
      expect([status, rows.get(status)?.reserved, rows.get(status)?.committed]).toEqual([status, 0, 0]);
    }
    for (const status of ["approved", "in_execution", "ended", "claim_submitted"]) {
      expect([status, rows.get(status)?.committed]).toEqual([status, rows.get(status)?.planned]);
    }
    expect(Number(rows.get("closed")?.actual)).toBeGreaterThan(0);
  });

  it("every label and message of the app and its overlays has English and Chinese", () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}/${i}`));
      else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          const texty = ["label", "pluralLabel", "message", "guardMessage", "entryMessage", "helpText", "reason"];
          if (key === "values") continue; // effect formulas (a `reason` there is a field of the ledger)
          if (texty.includes(key)) {
            const v = value as Record<string, unknown>;
            if (typeof v !== "object" || !v.en || !v["zh-CN"]) missing.push(`${path}/${key}`);
          } else walk(value, `${path}/${key}`);
        }
      }
    };
    walk(promotionTemplate.app, "");
    for (const variant of promotionTemplate.variants ?? []) walk(variant.app, `variant:${variant.app.id}`);
    expect(missing).toEqual([]);
  });

  it("every dashboard widget runs for HQ, a region and a requester", async () => {
    const pages = (promotionTemplate.app.pages ?? []) as unknown as Array<{
      kind: string;
      id: string;
      widgets?: Array<{ id: string; query: Json }>;
    }>;
    const dashboards = pages.filter((p) => p.kind === "dashboard");
    expect(dashboards.map((d) => d.id)).toEqual(["hq_dashboard", "region_dashboard", "my_requests"]);
    for (const who of ["tp.hq.finance", "tp.east.manager", "tp.east.rep"]) {
      for (const dashboard of dashboards) {
        for (const widget of dashboard.widgets ?? []) {
          const res = await (await as(who)).request("POST", `${A}/query`, { body: widget.query });
          expect(res.statusCode, `${who} ${dashboard.id}/${widget.id}: ${res.body}`).toBe(200);
        }
      }
    }
    // Revenue and profit ROI per region over the settled promotions, as the HQ table computes them.
    const roi = dashboards[0]?.widgets?.find((w) => w.id === "region_roi");
    const hqRows = (await call("tp.hq.finance", "POST", `${A}/query`, roi?.query)).rows as Json[];
    expect(hqRows.length).toBeGreaterThan(0);
    for (const row of hqRows) {
      const spend = Number(row.spend);
      const settled = await call("tp.hq.finance", "POST", `${A}/query`, {
        entity: "promotion",
        filter: `status IN ('settled', 'closed') AND region = '${row.region}'`,
        measures: [
          { id: "revenue", aggregate: "sum", field: "actual_incremental_revenue" },
          { id: "margin", aggregate: "sum", field: "actual_incremental_margin" },
        ],
      });
      const totals = (settled.rows as Json[])[0] as Json;
      expect(row.roi_revenue).toBeCloseTo(Number(totals.revenue) / spend, 9);
      expect(row.roi_profit).toBeCloseTo((Number(totals.margin) - spend) / spend, 9);
    }
    // Top and bottom 10 by profit ROI: sorted, at most 10 each.
    for (const [id, sign] of [
      ["top_roi", -1],
      ["bottom_roi", 1],
    ] as const) {
      const widget = dashboards[0]?.widgets?.find((w) => w.id === id);
      const ranked = ((await call("tp.hq.finance", "POST", `${A}/query`, widget?.query)).rows as Json[]).map((r) =>
        Number(r.roi_profit),
      );
      expect(ranked.length).toBeGreaterThan(0);
      expect(ranked.length).toBeLessThanOrEqual(10);
      expect(ranked).toEqual([...ranked].sort((a, b) => sign * (a - b)));
    }
    // Approval cycle by region: median and p90 of the approved requests' cycle days.
    const cycle = dashboards[0]?.widgets?.find((w) => w.id === "approval_cycle");
    const cycleRows = (await call("tp.hq.finance", "POST", `${A}/query`, cycle?.query)).rows as Json[];
    expect(cycleRows.length).toBeGreaterThan(1);
    const approved = (
      await call(
        "tp.hq.finance",
        "GET",
        `${A}/data/promotion?filter=${encodeURIComponent("NOT(ISBLANK(approved_at))")}&fields=region,approval_cycle_days&limit=500`,
      )
    ).records as Json[];
    const inc = (xs: number[], p: number) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const h = ((sorted.length - 1) * p) / 100;
      const lo = sorted[Math.floor(h)] as number;
      return lo + ((sorted[Math.ceil(h)] as number) - lo) * (h - Math.floor(h));
    };
    for (const row of cycleRows) {
      const days = approved.filter((r) => r.region === row.region).map((r) => Number(r.approval_cycle_days));
      expect([row.approved, row.median]).toEqual([days.length, inc(days, 50)]);
      expect(row.p90).toBeCloseTo(inc(days, 90), 9);
    }
    const mine = await call("tp.east.rep", "POST", `${A}/query`, dashboards[2]?.widgets?.[0]?.query);
    expect((mine.rows as Json[]).reduce((n, r) => n + Number(r.count), 0)).toBe(2);
  });

  it("expense ratio vs target (§2.7): HQ's region table colours each region green up to its target, amber up to the target × 1.1, red above, from the records", async () => {
    const hq = (promotionTemplate.app.pages ?? []).find((p) => p.id === "hq_dashboard");
    if (hq?.kind !== "dashboard") throw new Error("no HQ dashboard");
    const roi = hq.widgets.find((w) => w.id === "region_roi");
    if (!roi) throw new Error("no region_roi widget");
    const rows = (await call("tp.hq.finance", "POST", `${A}/query`, roi.query)).rows as Json[];
    const settled = (
      await call(
        "tp.hq.finance",
        "GET",
        `${A}/data/promotion?filter=${encodeURIComponent("status IN ('settled', 'closed')")}&limit=500`,
      )
    ).records as Json[];
    expect(rows.length).toBeGreaterThan(0);
    const colours: string[] = [];
    for (const row of rows) {
      const mine = settled.filter((p) => p.region === row.region);
      const spend = mine.reduce((a, p) => a + Number(p.actual_spend ?? 0), 0);
      const sales = mine.reduce((a, p) => a + Number(p.actual_net_sales ?? 0), 0);
      const region = await get("tp.hq.finance", "region", String(row.region));
      const target = region.expense_ratio_target as number | null;
      expect(row.expense_ratio).toBe(sales === 0 ? null : (spend * 100) / sales);
      expect(row.target ?? null).toBe(target);
      const ratio = row.expense_ratio as number | null;
      const expected =
        ratio === null || target === null
          ? undefined
          : ratio <= target
            ? "green"
            : ratio <= target * 1.1
              ? "amber"
              : "red";
      const colour = thresholdColor(roi, "expense_ratio", row);
      expect(colour, String(row.region)).toBe(expected);
      if (colour) colours.push(colour);
      // Only the expense ratio is coloured.
      expect(thresholdColor(roi, "spend", row)).toBeUndefined();
    }
    // The test seed has regions on target, near it and over it.
    expect(new Set(colours)).toEqual(new Set(["green", "amber", "red"]));
  });

  it("promotion calendar (§2.7): HQ's heat-map counts each SKU in every week its approved promotions are in store, cell by cell as the records say, and flags overlaps (2+ promotions) red", async () => {
    const hq = (promotionTemplate.app.pages ?? []).find((p) => p.id === "hq_dashboard");
    if (hq?.kind !== "dashboard") throw new Error("no HQ dashboard");
    const calendar = hq.widgets.find((w) => w.id === "calendar");
    if (!calendar) throw new Error("no calendar widget");
    expect(calendar.type).toBe("heatmap");
    const all = async (entity: string, filter?: string): Promise<Json[]> => {
      const out: Json[] = [];
      let cursor: string | undefined;
      do {
        const q = `${filter ? `filter=${encodeURIComponent(filter)}&` : ""}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const page = await call("tp.hq.finance", "GET", `${A}/data/${entity}?${q}`);
        out.push(...(page.records as Json[]));
        cursor = page.next as string | undefined;
      } while (cursor);
      return out;
    };
    const running = "status IN ('approved', 'in_execution', 'ended', 'claim_submitted', 'settled', 'closed')";
    const promotions = new Map((await all("promotion", running)).map((p) => [p.id as string, p]));
    const skus = new Map((await all("sku")).map((k) => [k.id as string, k.code as string]));
    // SQLite's %W week, written out here: weeks from Monday, days before the year's first Monday in 00.
    const week = (ms: number) => {
      const d = new Date(ms);
      const y = d.getUTCFullYear();
      const yday = Math.round((ms - Date.UTC(y, 0, 1)) / 86_400_000);
      return `${y}-W${String(Math.floor((yday + 7 - ((d.getUTCDay() + 6) % 7)) / 7)).padStart(2, "0")}`;
    };
    const expected = new Map<string, Set<string>>();
    for (const line of await all("promotion_line")) {
      const promotion = promotions.get(line.promotion as string);
      if (!promotion) continue;
      const day = (v: unknown) => Date.parse(`${String(v).slice(0, 10)}T00:00:00Z`);
      const [from, to] = [day(promotion.in_store_from), day(promotion.in_store_to)];
      for (let t = from; t <= Math.max(from, to); t += 86_400_000) {
        const key = JSON.stringify([line.sku ? (skus.get(line.sku as string) ?? null) : null, week(t)]);
        expected.set(key, (expected.get(key) ?? new Set()).add(promotion.id as string));
      }
    }
    const rows = (await call("tp.hq.finance", "POST", `${A}/query`, calendar.query)).rows as Json[];
    const cells = new Map(
      rows.map((r) => [JSON.stringify([r["sku.code"], r["promotion.in_store_from"]]), r.promotions as number]),
    );
    expect(cells).toEqual(new Map([...expected].map(([key, ids]) => [key, ids.size])));
    expect(rows.length).toBeGreaterThan(10);
    // Overlaps are the cells of 2+ promotions, and only those are red.
    const flagged = rows.filter((r) => thresholdColor(calendar, "promotions", r) === "red");
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged).toEqual(rows.filter((r) => Number(r.promotions) >= 2));
    expect(rows.every((r) => thresholdColor(calendar, "promotions", r) !== "amber")).toBe(true);
  });

  it("1: East 180,000 routes Manager → Director → Region Finance → HQ Trade → HQ Finance; HQ Finance rejects: Draft v2, comment kept, reservation released, the resubmission restarts the chain", async () => {
    const before = Number((await poolOf("east")).available);
    const id = await request("east", 10, 18_000);
    expect((await get("tp.east.rep", "promotion", id)).planned_spend).toBe(180_000);
    await act("tp.east.rep", id, "submit");
    expect(Number((await poolOf("east")).available)).toBe(before - 180_000);
    const pending = await approvalOf("tp.east.rep", id);
    expect(pending.state.steps.map((s) => s.id)).toEqual([
      "manager",
      "director",
      "region_finance",
      "hq_trade",
      "hq_finance",
    ]);
    await approveAll(id, ["tp.east.manager", "tp.east.director", "tp.east.finance", "tp.hq.trade"]);
    await act("tp.hq.finance", id, "reject", { comment: "ROI below 1.0, cut display fee" });

    const record = await get("tp.east.rep", "promotion", id);
    expect([record.status, record.version_no, record.approval_status]).toEqual(["draft", 2, "rejected"]);
    const rejected = await approvalOf("tp.east.rep", id);
    expect(rejected.state.timeline.filter((e) => e.type === "rejected")).toEqual([
      expect.objectContaining({ step: "hq_finance", comment: "ROI below 1.0, cut display fee" }),
    ]);
    expect(record.last_comment).toBe("ROI below 1.0, cut display fee");
    expect(Number((await poolOf("east")).available)).toBe(before);
    expect(await ledgerOf(id)).toEqual([
      ["RESERVE", 180_000],
      ["UNRESERVE", 180_000],
    ]);

    // Resubmitted: a new round, every step waiting again, no decision carried over.
    await act("tp.east.rep", id, "submit");
    const again = await approvalOf("tp.east.rep", id);
    expect(again.state.round).toBe(2);
    expect(again.state.steps.map((s) => [s.id, s.status, s.decisions.length])).toEqual([
      ["manager", "active", 0],
      ["director", "waiting", 0],
      ["region_finance", "waiting", 0],
      ["hq_trade", "waiting", 0],
      ["hq_finance", "waiting", 0],
    ]);
    // The director's earlier approval does not count: only the manager may act now.
    await act("tp.east.director", id, "approve", {}, 422);
    expect(Number((await poolOf("east")).available)).toBe(before - 180_000);
    await act("tp.east.rep", id, "recall");
  });

  it("2: South 60,000 needs Manager, Director, Region Finance only; final approval writes UNRESERVE + COMMIT 60,000 and available drops by 60,000", async () => {
    const before = Number((await poolOf("south")).available);
    const id = await request("south", 6, 10_000);
    await act("tp.south.rep", id, "submit");
    expect((await approvalOf("tp.south.rep", id)).state.steps.map((s) => s.id)).toEqual([
      "manager",
      "director",
      "region_finance",
    ]);
    await approveAll(id, ["tp.south.manager", "tp.south.director", "tp.south.finance"]);
    const record = await get("tp.south.rep", "promotion", id);
    expect([record.status, record.approval_status, record.committed_open, record.reserved_open]).toEqual([
      "approved",
      "approved",
      60_000,
      0,
    ]);
    expect(await ledgerOf(id)).toEqual([
      ["RESERVE", 60_000],
      ["UNRESERVE", 60_000],
      ["COMMIT", 60_000],
    ]);
    const pool = await poolOf("south");
    expect(Number(pool.available)).toBe(before - 60_000);
    // Approved money does not move by editing: lines and dates are frozen after submission.
    const lines = await call(
      "tp.south.rep",
      "GET",
      `${A}/data/promotion_line?filter=${encodeURIComponent(`promotion = '${id}'`)}`,
    );
    const line = (lines.records as Json[])[0] as Json;
    const rep = await as("tp.south.rep");
    const edited = await rep.request("PATCH", `${A}/data/promotion_line/${line.id}`, {
      body: { lump_sum: 20_000 },
      headers: { "if-match": `"${line.version}"` },
    });
    expect([edited.statusCode, edited.json().error.code]).toEqual([422, "record.rule"]);
    const redated = await rep.request("PATCH", `${A}/data/promotion/${id}`, {
      body: { in_store_to: "2026-08-31" },
      headers: { "if-match": `"${record.version}"` },
    });
    expect([redated.statusCode, redated.json().error.code]).toEqual([422, "record.rule"]);
  });

  it("3: display fee committed 20,000 (10 stores × 2,000), evidence complete for 9 stores: verified 18,000 → ACTUAL 18,000 + RELEASE 2,000, Settled, Closed after payment", async () => {
    const before = Number((await poolOf("north")).available);
    // Outside the submission window (it started already): an Urgent request, which adds the director.
    const id = await request("north", 10, 2_000, { from: "2026-06-01", to: "2026-06-10", urgent: true });
    await act("tp.north.rep", id, "submit");
    expect((await approvalOf("tp.north.rep", id)).state.steps.map((s) => s.id)).toEqual([
      "manager",
      "director",
      "region_finance",
    ]);
    await approveAll(id, ["tp.north.manager", "tp.north.director", "tp.north.finance"]);
    expect((await get("tp.north.rep", "promotion", id)).committed_open).toBe(20_000);
    const transition = (who: string, entity: string, recordId: string, name: string, status = 200) =>
      call(who, "POST", `${A}/data/${entity}/${recordId}/actions/${name}`, {}, status);
    await transition("tp.hq.admin", "promotion", id, "start");
    await transition("tp.hq.admin", "promotion", id, "end");

    const region = await regionOf("north");
    const claim = await call("tp.north.rep", "POST", `${A}/data/claim`, {
      promotion: id,
      region: region.id,
      claimed_amount: 20_000,
      payment_method: "credit_note",
    });
    const stores = (
      await call(
        "tp.north.rep",
        "GET",
        `${A}/data/store?filter=${encodeURIComponent("region.code = 'north'")}&limit=10`,
      )
    ).records as Json[];
    expect(stores).toHaveLength(6);
    // The rep uploads the signed agreement and, per store, the on-site photos: 3 each for 9 stores,
    // none for the tenth.
    const rep = await as("tp.north.rep");
    const upload = async (entity: string, name: string, type: string) => {
      const res = await rep.request("POST", `${A}/files/${entity}/file?name=${encodeURIComponent(name)}`, {
        body: Buffer.from(`the bytes of ${name}`),
        headers: { "content-type": type },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as Json;
    };
    const agreement = await upload("claim_document", "display-agreement.pdf", "application/pdf");
    await call("tp.north.rep", "POST", `${A}/data/claim_document`, {
      claim: claim.id,
      type: "agreement",
      file: [agreement],
    });
    let firstPhoto: Json | undefined;
    for (let i = 0; i < 10; i++) {
      const evidence = await call("tp.north.rep", "POST", `${A}/data/claim_evidence`, {
        claim: claim.id,
        store: stores[i % stores.length]?.id,
        amount: 2_000,
      });
      for (let p = 0; p < (i === 9 ? 0 : 3); p++) {
        const photo = await upload("evidence_photo", `store-${i}-${p}.jpg`, "image/jpeg");
        const row = await call("tp.north.rep", "POST", `${A}/data/evidence_photo`, {
          evidence: evidence.id,
          claim: claim.id,
          file: [photo],
        });
        firstPhoto ??= row;
      }
      expect((await get("tp.north.rep", "claim_evidence", String(evidence.id))).photo_count).toBe(i === 9 ? 0 : 3);
    }
    // Whether a photo shows the surroundings is Region Finance's call, not the claimant's.
    const selfCheck = await rep.request("PATCH", `${A}/data/evidence_photo/${firstPhoto?.id}`, {
      body: { shows_surroundings: true },
      headers: { "if-match": '"1"' },
    });
    expect(selfCheck.statusCode).toBe(403);
    const finance = await as("tp.north.finance");
    const judge = async (value: boolean, version: number) => {
      const res = await finance.request("PATCH", `${A}/data/evidence_photo/${firstPhoto?.id}`, {
        body: { shows_surroundings: value },
        headers: { "if-match": `"${version}"` },
      });
      expect(res.statusCode, res.body).toBe(200);
      return Number((await get("tp.north.finance", "claim", String(claim.id))).eligible_amount);
    };
    expect(await judge(false, 1)).toBe(16_000); // a store with 2 good photos drops out
    expect(await judge(true, 2)).toBe(18_000);
    await transition("tp.north.rep", "promotion", id, "submit_claim");
    expect((await get("tp.north.rep", "claim", String(claim.id))).eligible_amount).toBe(18_000);
    // Settling before the claim is verified is refused.
    await transition("tp.north.finance", "promotion", id, "settle", 422);
    await transition("tp.north.finance", "claim", String(claim.id), "verify");
    const verified = await get("tp.north.finance", "claim", String(claim.id));
    expect([verified.status, verified.verified_amount]).toEqual(["verified", 18_000]);
    await transition("tp.north.finance", "promotion", id, "settle");
    expect(await ledgerOf(id)).toEqual([
      ["RESERVE", 20_000],
      ["UNRESERVE", 20_000],
      ["COMMIT", 20_000],
      ["ACTUAL", 18_000],
      ["RELEASE", 2_000],
    ]);
    const settled = await get("tp.north.finance", "promotion", id);
    expect([settled.status, settled.actual_spend, settled.committed_open]).toEqual(["settled", 18_000, 0]);
    expect(Number((await poolOf("north")).available)).toBe(before - 18_000);
    // Closing needs the payment.
    await transition("tp.north.finance", "promotion", id, "close", 422);
    await call("tp.north.finance", "POST", `${A}/data/payment`, {
      claim: claim.id,
      promotion: id,
      amount: 18_000,
      method: "credit_note",
      reference: "CN-2026-0001",
      paid_at: "2026-06-15T09:00:00.000Z",
    });
    await transition("tp.north.finance", "promotion", id, "close");
    expect((await get("tp.north.finance", "promotion", id)).status).toBe("closed");
  });

  it("4: an East Regional Manager cannot open a North request (404); HQ Finance sees all 23 regions in one report", async () => {
    const north = await call(
      "tp.hq.finance",
      "GET",
      `${A}/data/promotion?filter=${encodeURIComponent("region.code = 'north'")}&limit=1`,
    );
    const northId = String((north.records as Json[])[0]?.id);
    const denied = await (await as("tp.east.manager")).request("GET", `${A}/data/promotion/${northId}`);
    expect(denied.statusCode).toBe(404);
    expect((await (await as("tp.north.manager")).request("GET", `${A}/data/promotion/${northId}`)).statusCode).toBe(
      200,
    );
    const report = {
      entity: "promotion",
      groupBy: [{ field: "region" }],
      measures: [
        { id: "requests", aggregate: "count" },
        { id: "spend", aggregate: "sum", field: "planned_spend" },
      ],
    };
    const hq = await call("tp.hq.finance", "POST", `${A}/query`, report);
    expect((hq.rows as Json[]).length).toBe(23);
    const eastOnly = await call("tp.east.manager", "POST", `${A}/query`, report);
    expect(eastOnly.rows as Json[]).toHaveLength(1);
    // The HQ dashboard's balance table, as shipped: one row per region (and the HQ reserve, which has
    // none), each with the pool's balances and its utilization.
    const pages = (promotionTemplate.app.pages ?? []) as unknown as Array<{
      id: string;
      widgets?: Array<{ id: string; query: Json }>;
    }>;
    const widget = pages.find((p) => p.id === "hq_dashboard")?.widgets?.find((w) => w.id === "region_balances");
    const balances = await call("tp.hq.finance", "POST", `${A}/query`, widget?.query);
    const rows = balances.rows as Json[];
    expect(rows.filter((r) => r.region !== null)).toHaveLength(23);
    expect(rows.find((r) => r.region === null)?.allocated).toBe(1_000_000);
    const eastRegion = await regionOf("east");
    const eastPool = await poolOf("east");
    const east = rows.find((r) => r.region === eastRegion.id) as Json;
    expect([east.allocated, east.available, east.committed]).toEqual([
      2_000_000,
      eastPool.available,
      eastPool.committed,
    ]);
    expect(east.utilization).toBeCloseTo(((Number(eastPool.committed) + Number(eastPool.actual)) * 100) / 2_000_000, 6);
    // A regional manager running the same report sees only the region's own row.
    const own = await call("tp.east.manager", "POST", `${A}/query`, widget?.query);
    expect((own.rows as Json[]).map((r) => r.region)).toEqual([eastRegion.id]);
  });

  it("5: an approved promotion cancelled 5 days before in_store_from releases the full commit; after the start only 'terminate early' is offered", async () => {
    const before = Number((await poolOf("beijing")).available);
    const id = await request("beijing", 3, 10_000, { from: "2026-06-20", to: "2026-07-05", urgent: true });
    await act("tp.beijing.rep", id, "submit");
    await approveAll(id, ["tp.beijing.manager", "tp.beijing.director", "tp.beijing.finance"]);
    expect(Number((await poolOf("beijing")).available)).toBe(before - 30_000);
    await call("tp.beijing.rep", "POST", `${A}/data/promotion/${id}/actions/cancel`, {});
    expect((await get("tp.beijing.rep", "promotion", id)).status).toBe("cancelled");
    expect(await ledgerOf(id)).toEqual([
      ["RESERVE", 30_000],
      ["UNRESERVE", 30_000],
      ["COMMIT", 30_000],
      ["RELEASE", 30_000],
    ]);
    expect(Number((await poolOf("beijing")).available)).toBe(before);

    const started = await request("beijing", 2, 10_000, { from: "2026-06-12", to: "2026-07-05", urgent: true });
    await act("tp.beijing.rep", started, "submit");
    await approveAll(started, ["tp.beijing.manager", "tp.beijing.director", "tp.beijing.finance"]);
    // Approved but past its start: the guard refuses a cancel.
    await call("tp.beijing.rep", "POST", `${A}/data/promotion/${started}/actions/cancel`, {}, 422);
    await call("tp.hq.admin", "POST", `${A}/data/promotion/${started}/actions/start`, {});
    const offered = await call("tp.beijing.rep", "GET", `${A}/data/promotion/${started}/actions`);
    expect((offered.transitions as Json[]).map((t) => t.id)).toEqual(["terminate"]);
    await call("tp.beijing.rep", "POST", `${A}/data/promotion/${started}/actions/cancel`, {}, 422);
    await call("tp.beijing.rep", "POST", `${A}/data/promotion/${started}/actions/terminate`, {});
    const ended = await get("tp.beijing.rep", "promotion", started);
    expect([ended.status, ended.terminated_on, ended.committed_open]).toEqual(["ended", "2026-06-15", 20_000]);
  });

  it("7: the East regional admin cannot raise East's limit to 150,000 over the HQ cap of 120,000; the attempt is audited", async () => {
    const east = await regionOf("east");
    expect(east.hq_limit_cap).toBe(120_000);
    const admin = await as("tp.east.admin");
    const refused = await admin.request("PATCH", `${A}/data/region/${east.id}`, {
      body: { single_request_limit: 150_000 },
      headers: { "if-match": `"${east.version}"` },
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({ code: "record.rule", path: "/single_request_limit" });
    expect((await regionOf("east")).single_request_limit).toBe(100_000);
    const audit = await call("tp.auditor", "GET", `/api/apps/promotion/audit?entity=region&record=${east.id}`);
    const attempts = (audit.entries as Json[]).filter((e) => e.action === "record.refused");
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({
      userId: admin.userId,
      diff: { rules: ["limit_within_hq_cap"], attempted: { single_request_limit: 150_000 } },
    });
    // The cap itself is HQ's: the regional admin may not touch it; lowering the limit is fine.
    const cap = await admin.request("PATCH", `${A}/data/region/${east.id}`, {
      body: { hq_limit_cap: 200_000 },
      headers: { "if-match": `"${east.version}"` },
    });
    expect(cap.statusCode).toBe(403);
    const lowered = await admin.request("PATCH", `${A}/data/region/${east.id}`, {
      body: { single_request_limit: 90_000 },
      headers: { "if-match": `"${east.version}"` },
    });
    expect(lowered.statusCode, lowered.body).toBe(200);
    const restored = await admin.request("PATCH", `${A}/data/region/${east.id}`, {
      body: { single_request_limit: 100_000 },
      headers: { "if-match": `"${lowered.json().version}"` },
    });
    expect(restored.statusCode, restored.body).toBe(200);
  });

  it("8: the submitter recalls before the first decision: Draft, unreserved, no version bump", async () => {
    const before = Number((await poolOf("southwest")).available);
    const id = await request("southwest", 1, 15_000);
    await act("tp.southwest.rep", id, "submit");
    expect(Number((await poolOf("southwest")).available)).toBe(before - 15_000);
    await act("tp.southwest.rep", id, "recall");
    const record = await get("tp.southwest.rep", "promotion", id);
    expect([record.status, record.approval_status, record.version_no]).toEqual(["draft", "recalled", 1]);
    expect(await ledgerOf(id)).toEqual([
      ["RESERVE", 15_000],
      ["UNRESERVE", 15_000],
    ]);
    expect(Number((await poolOf("southwest")).available)).toBe(before);
    // After the first decision the submitter can no longer recall.
    await act("tp.southwest.rep", id, "submit");
    await act("tp.southwest.manager", id, "approve");
    await act("tp.southwest.rep", id, "recall", {}, 422);
    // Nobody moves a pending request to Approved by hand (the ledger moves only with the approval).
    await call("tp.hq.admin", "POST", `${A}/data/promotion/${id}/actions/to_approved`, {}, 422);
  });

  it("two concurrent submits that together exceed the pool: exactly one succeeds and available never goes below zero", async () => {
    const available = Number((await poolOf("xinjiang")).available);
    const amount = Math.ceil((available * 0.6) / 100) * 100;
    const first = await request("xinjiang", 1, amount);
    const second = await request("xinjiang", 1, amount);
    const rep = await as("tp.xinjiang.rep");
    const answers = await Promise.all(
      [first, second].map((id) => rep.request("POST", `${A}/data/promotion/${id}/actions/submit`, { body: {} })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 422]);
    const refused = answers.find((a) => a.statusCode === 422);
    expect(refused?.json().error.code).toBe("approval.entryFailed");
    expect(Number((await poolOf("xinjiang")).available)).toBe(available - amount);
    // The ledger itself refuses a reservation beyond what is available, whoever writes it.
    const pool = await poolOf("xinjiang");
    const direct = await (await as("tp.hq.finance")).request("POST", `${A}/data/fund_transaction`, {
      body: { pool: pool.id, type: "RESERVE", amount: available - amount + 1 },
    });
    expect(direct.statusCode).toBe(422);
    expect(direct.json().error.details.issues[0].params.rule).toBe("never_negative");
  });

  it("line costs follow the mechanic formulas of §2.2", async () => {
    const id = await request("guangdong", 1, 1_000);
    const cases: Array<[Json, number]> = [
      [{ mechanic: "tpr", regular_price: 10, promo_price: 8, planned_units: 1_000 }, 2_000],
      [{ mechanic: "off_invoice", list_price: 20, discount_pct: 5, planned_units: 1_000 }, 1_000],
      [{ mechanic: "scan_back", rate_per_unit: 0.8, planned_units: 2_500 }, 2_000],
      [{ mechanic: "bogo", free_units: 300, unit_cost: 3.5 }, 1_050],
      [{ mechanic: "display", lump_sum: 2_000, store_count: 10 }, 20_000],
      [{ mechanic: "listing", lump_sum: 15_000 }, 15_000],
      [{ mechanic: "promoter", persons: 2, days: 15, daily_rate: 250 }, 7_500],
      [{ mechanic: "dm", lump_sum: 4_000 }, 4_000],
      [{ mechanic: "posm", qty: 500, unit_cost: 6 }, 3_000],
    ];
    for (const [values, cost] of cases) {
      const line = await call("tp.guangdong.rep", "POST", `${A}/data/promotion_line`, { promotion: id, ...values });
      expect([values.mechanic, line.planned_cost]).toEqual([values.mechanic, cost]);
    }
    const tpr = await call(
      "tp.guangdong.rep",
      "GET",
      `${A}/data/promotion_line?filter=${encodeURIComponent(`promotion = '${id}' AND mechanic = 'tpr'`)}`,
    );
    expect((tpr.records as Json[])[0]).toMatchObject({
      discount_depth: 20,
      evidence_required: expect.stringContaining("price-difference"),
    });
    expect((await get("tp.guangdong.rep", "promotion", id)).planned_spend).toBe(1_000 + 55_550);
  });

  it("the matrix adds HQ Finance for a revenue ROI below 1 under the limit, HQ Pricing for a discount above 30 %, the GM above 500,000 and the KA department for a new customer's listing fee", async () => {
    const steps = async (id: string) => (await approvalOf("tp.jiangsu.rep", id)).state.steps.map((s) => s.id);
    // 10,000 of display fee with no incremental units: ROI 0.
    const lowRoi = await request("jiangsu", 1, 10_000);
    const lines = await call(
      "tp.jiangsu.rep",
      "GET",
      `${A}/data/promotion_line?filter=${encodeURIComponent(`promotion = '${lowRoi}'`)}`,
    );
    const line = (lines.records as Json[])[0] as Json;
    await (await as("tp.jiangsu.rep")).request("PATCH", `${A}/data/promotion_line/${line.id}`, {
      body: { planned_units: 10_000 },
      headers: { "if-match": `"${line.version}"` },
    });
    await act("tp.jiangsu.rep", lowRoi, "submit");
    expect(await steps(lowRoi)).toEqual(["manager", "region_finance", "hq_finance"]);

    const deep = await request("jiangsu", 1, 1_000);
    await call("tp.jiangsu.rep", "POST", `${A}/data/promotion_line`, {
      promotion: deep,
      mechanic: "tpr",
      regular_price: 10,
      promo_price: 6,
      baseline_units: 0,
      planned_units: 2_000,
    });
    await act("tp.jiangsu.rep", deep, "submit");
    expect(await steps(deep)).toEqual(["manager", "region_finance", "hq_pricing"]);

    const big = await request("jiangsu", 1, 520_000);
    await act("tp.jiangsu.rep", big, "submit");
    expect(await steps(big)).toEqual(["manager", "director", "region_finance", "hq_trade", "hq_finance", "gm"]);

    const region = await regionOf("jiangsu");
    const fresh = await call("tp.hq.admin", "POST", `${A}/data/customer`, {
      code: "C-R09-NEW",
      name: "New chain",
      type: "chain",
      region: region.id,
      is_new: true,
    });
    const listing = await request("jiangsu", 1, 1_000);
    const header = await get("tp.jiangsu.rep", "promotion", listing);
    await (await as("tp.jiangsu.rep")).request("PATCH", `${A}/data/promotion/${listing}`, {
      body: { customer: fresh.id },
      headers: { "if-match": `"${header.version}"` },
    });
    await call("tp.jiangsu.rep", "POST", `${A}/data/promotion_line`, {
      promotion: listing,
      mechanic: "listing",
      lump_sum: 5_000,
      promo_price: 10,
      baseline_units: 0,
      planned_units: 2_000,
    });
    await act("tp.jiangsu.rep", listing, "submit");
    expect(await steps(listing)).toEqual(["manager", "region_finance", "hq_ka"]);
  });

  it("local autonomy inside HQ's guardrails: a region lowers its director threshold (data the matrix reads) but cannot lower the ROI floor", async () => {
    const region = await regionOf("shandong");
    expect([region.director_threshold, region.roi_floor]).toEqual([20_000, 1]);
    const admin = await as("tp.shandong.admin");
    const lowered = await admin.request("PATCH", `${A}/data/region/${region.id}`, {
      body: { director_threshold: 10_000 },
      headers: { "if-match": `"${region.version}"` },
    });
    expect(lowered.statusCode, lowered.body).toBe(200);
    const id = await request("shandong", 1, 15_000);
    await act("tp.shandong.rep", id, "submit");
    expect((await approvalOf("tp.shandong.rep", id)).state.steps.map((s) => s.id)).toEqual([
      "manager",
      "director",
      "region_finance",
    ]);
    for (const body of [{ roi_floor: 0.8 }, { director_threshold: 25_000 }]) {
      const refused = await admin.request("PATCH", `${A}/data/region/${region.id}`, {
        body,
        headers: { "if-match": `"${lowered.json().version}"` },
      });
      expect([refused.statusCode, refused.json().error.code]).toEqual([422, "record.rule"]);
    }
    const audit = await call("tp.auditor", "GET", `/api/apps/promotion/audit?entity=region&record=${region.id}`);
    const attempts = (audit.entries as Json[]).filter((e) => e.action === "record.refused");
    expect(attempts.map((e) => (e.diff as Json).attempted)).toEqual([
      { director_threshold: 25_000 },
      { roi_floor: 0.8 },
    ]);
  });

  it("an approved promotion's money changes only through a change request: +10,000 commits, −5,000 releases, each through the matrix", async () => {
    const id = await request("henan", 3, 10_000);
    await act("tp.henan.rep", id, "submit");
    await approveAll(id, ["tp.henan.manager", "tp.henan.director", "tp.henan.finance"]);
    const before = Number((await poolOf("henan")).available);
    const change = async (delta: number, approvers: string[]) => {
      const cr = await call("tp.henan.rep", "POST", `${A}/data/change_request`, {
        promotion: id,
        delta_amount: delta,
        reason: delta > 0 ? "Two more end caps" : "One store closed",
      });
      const url = `${A}/data/change_request/${cr.id}`;
      await call("tp.henan.rep", "POST", `${url}/actions/submit`, {});
      const approvals = (await call("tp.henan.rep", "GET", `${url}/approvals`)).approvals as ApprovalView[];
      expect(approvals.at(-1)?.state.steps.map((s) => s.id)).toEqual(["manager", "region_finance"]);
      for (const who of approvers) await call(who, "POST", `${url}/actions/approve`, {});
      expect((await get("tp.henan.rep", "change_request", String(cr.id))).status).toBe("approved");
    };
    await change(10_000, ["tp.henan.manager", "tp.henan.finance"]);
    await change(-5_000, ["tp.henan.manager", "tp.henan.finance"]);
    expect((await ledgerOf(id)).slice(3)).toEqual([
      ["COMMIT", 10_000],
      ["RELEASE", 5_000],
    ]);
    expect((await get("tp.henan.rep", "promotion", id)).committed_open).toBe(35_000);
    expect(Number((await poolOf("henan")).available)).toBe(before - 5_000);
  });

  it("a return for information sends the request back to Draft, unreserved, at the same version", async () => {
    const before = Number((await poolOf("fujian")).available);
    const id = await request("fujian", 1, 12_000);
    await act("tp.fujian.rep", id, "submit");
    await act("tp.fujian.manager", id, "return", { comment: "Which stores exactly?" });
    const record = await get("tp.fujian.rep", "promotion", id);
    expect([record.status, record.approval_status, record.version_no]).toEqual(["draft", "returned", 1]);
    expect(await ledgerOf(id)).toEqual([
      ["RESERVE", 12_000],
      ["UNRESERVE", 12_000],
    ]);
    expect(Number((await poolOf("fujian")).available)).toBe(before);
  });

  it("the submission window: on the 1st–15th for next month, otherwise only as Urgent (which adds the director)", async () => {
    const id = await request("hubei", 1, 8_000, { from: "2026-06-25", to: "2026-07-10" });
    const refused = await (await as("tp.hubei.rep")).request("POST", `${A}/data/promotion/${id}/actions/submit`, {
      body: {},
    });
    expect([refused.statusCode, refused.json().error.code]).toEqual([422, "approval.entryFailed"]);
    const record = await get("tp.hubei.rep", "promotion", id);
    const patched = await (await as("tp.hubei.rep")).request("PATCH", `${A}/data/promotion/${id}`, {
      body: { urgent: true },
      headers: { "if-match": `"${record.version}"` },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    await act("tp.hubei.rep", id, "submit");
    expect((await approvalOf("tp.hubei.rep", id)).state.steps.map((s) => s.id)).toEqual([
      "manager",
      "director",
      "region_finance",
    ]);
  });

  it("a transfer from the HQ reserve, approved by HQ Finance, writes TRANSFER_OUT and TRANSFER_IN", async () => {
    const reserve = await one("tp.hq.finance", "budget_pool", "code = 'POOL-HQ-RESERVE-2026-Q3'");
    const yunnan = await poolOf("yunnan");
    const transfer = await call("tp.yunnan.finance", "POST", `${A}/data/budget_transfer`, {
      from_pool: reserve.id,
      to_pool: yunnan.id,
      amount: 50_000,
      reason: "New KA listings in Kunming",
    });
    const url = `${A}/data/budget_transfer/${transfer.id}/actions`;
    await call("tp.yunnan.finance", "POST", `${url}/submit`, {});
    await call("tp.hq.finance", "POST", `${url}/approve`, {});
    expect(Number((await poolOf("yunnan")).available)).toBe(Number(yunnan.available) + 50_000);
    expect(Number((await poolOf("yunnan")).transferred_in)).toBe(50_000);
    const after = await one("tp.hq.finance", "budget_pool", "code = 'POOL-HQ-RESERVE-2026-Q3'");
    expect([after.available, after.transferred_out]).toEqual([Number(reserve.available) - 50_000, 50_000]);
    // More than the reserve holds cannot even be submitted.
    const tooMuch = await call("tp.yunnan.finance", "POST", `${A}/data/budget_transfer`, {
      from_pool: reserve.id,
      to_pool: yunnan.id,
      amount: 2_000_000,
      reason: "Everything",
    });
    const refused = await (await as("tp.yunnan.finance")).request(
      "POST",
      `${A}/data/budget_transfer/${tooMuch.id}/actions/submit`,
      { body: {} },
    );
    expect([refused.statusCode, refused.json().error.code]).toEqual([422, "approval.entryFailed"]);
  });

  it("the ledger is append-only: nobody updates or deletes a fund transaction, not even an administrator", async () => {
    const admin = await as("admin");
    const page = await call("admin", "GET", `${A}/data/fund_transaction?limit=1`);
    const row = (page.records as Json[])[0] as Json;
    const patched = await admin.request("PATCH", `${A}/data/fund_transaction/${row.id}`, {
      body: { amount: 1 },
      headers: { "if-match": `"${row.version}"` },
    });
    expect([patched.statusCode, patched.json().error.code]).toEqual([409, "http.appendOnly"]);
    const deleted = await admin.request("DELETE", `${A}/data/fund_transaction/${row.id}`);
    expect([deleted.statusCode, deleted.json().error.code]).toEqual([409, "http.appendOnly"]);
  });

  it("6: a claim 95 days after in_store_to finds the promotion Expired (timed automation) with its commit released; an HQ Finance exception reopens it, logged", async () => {
    const scheduler = server.app.automation.scheduler;
    // The server's scheduler is running: its first poll schedules the timed automations.
    await scheduler.runDue(server.clock.now());
    const id = await request("chongqing", 1, 10_000, { from: "2026-06-16", to: "2026-06-30", urgent: true });
    await act("tp.chongqing.rep", id, "submit");
    await approveAll(id, ["tp.chongqing.manager", "tp.chongqing.director", "tp.chongqing.finance"]);
    const statusAfter = async (iso: string) => {
      server.clock.advance(Date.parse(iso) - server.clock.now().getTime());
      clients.clear(); // sessions expire over months
      await scheduler.runDue(server.clock.now());
      await scheduler.runDue(server.clock.now());
      return (await get("tp.chongqing.rep", "promotion", id)).status;
    };
    expect(await statusAfter("2026-06-16T01:00:00.000Z")).toBe("in_execution");
    expect(await statusAfter("2026-07-01T01:00:00.000Z")).toBe("ended");
    expect(await statusAfter("2026-09-28T01:00:00.000Z")).toBe("ended");
    const before = Number((await poolOf("chongqing")).available);
    expect(await statusAfter("2026-09-29T01:00:00.000Z")).toBe("expired");
    expect(await ledgerOf(id)).toEqual([
      ["RESERVE", 10_000],
      ["UNRESERVE", 10_000],
      ["COMMIT", 10_000],
      ["RELEASE", 10_000],
    ]);
    expect(Number((await poolOf("chongqing")).available)).toBe(before + 10_000);

    // 95 days after in_store_to (2026-10-03) the claim is refused: the promotion expired.
    server.clock.advance(Date.parse("2026-10-03T09:00:00.000Z") - server.clock.now().getTime());
    clients.clear();
    const region = await regionOf("chongqing");
    const claim = { promotion: id, region: region.id, claimed_amount: 10_000 };
    const refused = await (await as("tp.chongqing.rep")).request("POST", `${A}/data/claim`, { body: claim });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: "record.rule", path: "/promotion" });
    // Only HQ Finance may reopen it, with a reason; the exception is in the history and the audit log.
    await call("tp.chongqing.rep", "POST", `${A}/data/promotion/${id}/actions/reopen`, {}, 422);
    const record = await get("tp.hq.finance", "promotion", id);
    const reason = await (await as("tp.hq.finance")).request("PATCH", `${A}/data/promotion/${id}`, {
      body: { exception_reason: "Retailer audit delayed the evidence; approved by CFO" },
      headers: { "if-match": `"${record.version}"` },
    });
    expect(reason.statusCode, reason.body).toBe(200);
    await call("tp.hq.finance", "POST", `${A}/data/promotion/${id}/actions/reopen`, {});
    expect((await get("tp.chongqing.rep", "promotion", id)).status).toBe("ended");
    expect((await ledgerOf(id)).at(-1)).toEqual(["COMMIT", 10_000]);
    const history = await call("tp.chongqing.rep", "GET", `${A}/data/promotion/${id}/history`);
    const reopened = (history.history as Json[]).find((h) => h.transition === "reopen") as Json;
    expect(reopened).toMatchObject({
      from: "expired",
      to: "ended",
      snapshot: { exception_reason: "Retailer audit delayed the evidence; approved by CFO" },
    });
    const audit = await call("tp.auditor", "GET", `/api/apps/promotion/audit?entity=promotion&record=${id}`);
    const hqFinance = (await as("tp.hq.finance")).userId;
    expect((audit.entries as Json[]).some((e) => e.action === "record.transition" && e.userId === hqFinance)).toBe(
      true,
    );
    await call("tp.chongqing.rep", "POST", `${A}/data/claim`, claim);
  });
});
