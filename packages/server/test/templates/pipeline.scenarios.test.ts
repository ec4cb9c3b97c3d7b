import type { Query, Widget } from "@plinth/runtime";
import { templates } from "@plinth/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, type Server, testServer } from "../support/server.js";

type Row = Record<string, unknown>;
type Issue = { code: string; path: string; params: Record<string, unknown>; message: { en: string; "zh-CN": string } };

const pipeline = templates.find((t) => t.app.id === "pipeline");
if (!pipeline) throw new Error("the pipeline template is not registered");
const API = "/api/apps/pipeline";
const DAY = 86_400_000;

/** A dashboard widget's query, as the player sends it. */
function widgetQuery(page: string, widget: string): Query {
  const found = pipeline?.app.pages?.find((p) => p.id === page);
  if (found?.kind !== "dashboard") throw new Error(`no dashboard ${page}`);
  const w = found.widgets.find((x: Widget) => x.id === widget);
  if (!w) throw new Error(`no widget ${widget}`);
  return w.query;
}

describe("Sales pipeline template: the acceptance scenarios of sales-domain §1.9, over HTTP", () => {
  let server: Server;
  const clients = new Map<string, Client>();

  beforeAll(async () => {
    server = await testServer({ templates: [pipeline], scale: "test", clockStart: "2026-06-15T09:00:00.000Z" });
  }, 120_000);
  afterAll(() => server.close());

  /** Signed-in clients; sessions end when the clock moves past them, so `fresh` signs in again. */
  async function as(username: string, fresh = false): Promise<Client> {
    const known = clients.get(username);
    if (known && !fresh) return known;
    const client = await server.login(username);
    clients.set(username, client);
    return client;
  }
  async function create(who: string, entity: string, body: Row): Promise<Row> {
    const res = await (await as(who)).request("POST", `${API}/data/${entity}`, { body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Row>();
  }
  async function get(who: string, entity: string, id: string): Promise<Row> {
    const res = await (await as(who)).request("GET", `${API}/data/${entity}/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Row>();
  }
  async function patch(who: string, entity: string, id: string, body: Row) {
    const { version } = await get("pl.revops", entity, id);
    return (await as(who)).request("PATCH", `${API}/data/${entity}/${id}`, {
      body,
      headers: { "if-match": String(version) },
    });
  }
  async function move(who: string, id: string, transition: string, entity = "opportunity") {
    return (await as(who)).request("POST", `${API}/data/${entity}/${id}/actions/${transition}`);
  }
  async function list(who: string, entity: string, filter: string): Promise<Row[]> {
    const res = await (await as(who)).request(
      "GET",
      `${API}/data/${entity}?filter=${encodeURIComponent(filter)}&limit=500`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ records: Row[] }>().records;
  }
  async function query(who: string, body: Query): Promise<Row[]> {
    const res = await (await as(who)).request("POST", `${API}/query`, { body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ rows: Row[] }>().rows;
  }
  const issuesOf = (res: { json: <T>() => T }) =>
    res.json<{ error: { details: { issues: Issue[] } } }>().error.details.issues;
  const ruleIds = (res: { json: <T>() => T }) =>
    issuesOf(res)
      .filter((i) => i.code === "record.rule")
      .map((i) => i.params.rule);

  /** An account, a contact and an opportunity in Prospecting owned by `rep`. */
  async function deal(rep: string, name: string, values: Row = {}) {
    const account = await create(rep, "account", {
      name: `${name} account`,
      domain: `${name.toLowerCase().replace(/\W+/g, "-")}.example`,
    });
    const contact = await create(rep, "contact", { last_name: "Li", email: "li@example.com", account: account.id });
    const opportunity = await create(rep, "opportunity", {
      name,
      account: account.id,
      amount: 120_000,
      close_date: "2026-07-31",
      lead_source: "web",
      budget_status: "allocated",
      ...values,
    });
    return { account: String(account.id), contact: String(contact.id), id: String(opportunity.id) };
  }
  async function role(rep: string, opportunity: string, contact: string, r: string) {
    await create(rep, "opportunity_contact_role", { opportunity, contact, role: r });
  }

  it("installs the template's seed at test scale through the services", async () => {
    const [counts] = await query("pl.exec", {
      entity: "opportunity",
      measures: [
        { id: "all", aggregate: "count" },
        { id: "won", aggregate: "count", filter: "stage = 'closed_won'" },
        { id: "lost", aggregate: "count", filter: "stage = 'closed_lost'" },
      ],
    });
    expect(Number(counts?.all)).toBeGreaterThanOrEqual(200);
    expect(Number(counts?.won)).toBeGreaterThan(0);
    expect(Number(counts?.lost)).toBeGreaterThan(0);
    const [history] = await query("pl.exec", { entity: "stage_history", measures: [{ id: "n", aggregate: "count" }] });
    expect(Number(history?.n)).toBeGreaterThan(200);
  });

  it("quota attainment and coverage (§1.7): closed won over quota, open pipeline over quota − closed, per rep and quarter; deals follow their close date to the owner's quota", async () => {
    const rep = await as("pl.rep01");
    // Seeded quotas checked against their deals: the one with the most closed won, the one with the most open pipeline.
    const widget = widgetQuery("forecast", "attainment");
    const all = await query("pl.exec", widget);
    const most = (key: string) => [...all].sort((a, b) => Number(b[key]) - Number(a[key]))[0] as Row;
    const sum = async (filter: string) =>
      Number(
        (
          await query("pl.exec", {
            entity: "opportunity",
            filter,
            measures: [{ id: "amount", aggregate: "sum", field: "amount" }],
          })
        )[0]?.amount,
      );
    for (const [key, row] of [
      ["closed", most("closed")],
      ["open_pipeline", most("open_pipeline")],
    ] as const) {
      const [year, q] = String(row.period).split("-Q").map(Number) as [number, number];
      const start = `DATE(${year}, ${q * 3 - 2}, 1)`;
      const inQuarter = `owner = '${row.owner}' AND close_date >= ${start} AND close_date < DATEADD(${start}, 3, 'month')`;
      const won = await sum(`${inQuarter} AND stage = 'closed_won'`);
      const open = await sum(`${inQuarter} AND NOT(stage IN ('closed_won', 'closed_lost'))`);
      expect(key === "closed" ? won : open).toBeGreaterThan(0);
      expect(row.closed).toBe(won);
      expect(row.attainment).toBe((won * 100) / Number(row.quota));
      // Coverage: open pipeline over what is left to close (quota − closed won).
      expect(row.open_pipeline).toBe(open);
      expect(row.remaining).toBe(Number(row.quota) - won);
      expect(row.coverage).toBe(Number(row.quota) === won ? null : open / (Number(row.quota) - won));
    }

    const [q3] = await list("pl.rep01", "quota", `owner = '${rep.userId}' AND period = '2026-Q3'`);
    const d = await deal("pl.rep01", "Wayne upgrade", { close_date: "2026-08-20" });
    expect((await get("pl.rep01", "opportunity", d.id)).quota).toBe(q3?.id);
    expect((await patch("pl.rep01", "opportunity", d.id, { close_date: "2027-02-01" })).statusCode).toBe(200);
    expect((await get("pl.rep01", "opportunity", d.id)).quota ?? null).toBeNull();
  });

  it("sales cycle (§1.7): mean and median days from creation to close over won deals, computed by the server", async () => {
    const won = await list("pl.exec", "opportunity", "stage = 'closed_won'");
    const days = won.map((o) => Number(o.cycle_days)).sort((a, b) => a - b);
    expect(days.length).toBeGreaterThan(10);
    const [row] = await query("pl.exec", widgetQuery("forecast", "cycle_length"));
    const mid = Math.floor(days.length / 2);
    const median = days.length % 2 === 1 ? days[mid] : ((days[mid - 1] as number) + (days[mid] as number)) / 2;
    expect(row?.median_days).toBe(median);
    expect(row?.mean_days).toBeCloseTo(days.reduce((a, b) => a + b, 0) / days.length, 9);
    // cycle_days is closed_at − createdAt in whole days.
    const [first] = won;
    expect(first?.cycle_days).toBe(
      Math.round(
        (Date.parse(String(first?.closed_at).slice(0, 10)) - Date.parse(String(first?.createdAt).slice(0, 10))) /
          86_400_000,
      ),
    );
  });

  it("sales velocity (§1.7): open deals × win rate × average deal size ÷ mean cycle days, per period, from the records", async () => {
    const widget = widgetQuery("forecast", "sales_velocity");
    const all = await list("pl.exec", "opportunity", "NOT(ISBLANK(stage))");
    const [count] = await query("pl.exec", { entity: "opportunity", measures: [{ id: "n", aggregate: "count" }] });
    expect(all.length).toBe(count?.n);
    // The whole book, and one quarter as the dashboard's close-date period filter narrows it.
    const q2 = (o: Row) => String(o.close_date) >= "2026-04-01" && String(o.close_date) < "2026-07-01";
    for (const [filter, deals] of [
      [undefined, all],
      ["close_date >= DATE(2026, 4, 1) AND close_date < DATE(2026, 7, 1)", all.filter(q2)],
    ] as const) {
      const open = deals.filter((o) => o.stage !== "closed_won" && o.stage !== "closed_lost");
      const won = deals.filter((o) => o.stage === "closed_won");
      const closed = won.length + deals.filter((o) => o.stage === "closed_lost").length;
      const wonAmount = won.reduce((a, o) => a + Number(o.amount ?? 0), 0);
      const cycle = won.reduce((a, o) => a + Number(o.cycle_days), 0) / won.length;
      expect([open.length, won.length].every((n) => n > 0)).toBe(true);
      const [row] = await query("pl.exec", filter ? { ...widget, filter } : widget);
      expect([row?.open_deals, row?.won, row?.closed]).toEqual([open.length, won.length, closed]);
      expect(row?.win_rate).toBe(won.length / closed);
      expect(row?.avg_deal).toBeCloseTo(wonAmount / won.length, 6);
      expect(row?.cycle_days).toBeCloseTo(cycle, 9);
      const velocity = (open.length * (won.length / closed) * (wonAmount / won.length)) / cycle;
      expect(row?.velocity).toBeCloseTo(velocity, 6);
      // Exactly the expression over the measures the server returned.
      expect(row?.velocity).toBe(
        (Number(row?.open_deals) * Number(row?.win_rate) * Number(row?.avg_deal)) / Number(row?.cycle_days),
      );
    }
  });

  it("forecast accuracy (§1.7): each begun period keeps its commit forecast at the start, and the widget compares it with closed won at the end", async () => {
    const today = "2026-06-15";
    const time = (v: unknown) => Date.parse(String(v));
    const quotas = await list("pl.exec", "quota", "NOT(ISBLANK(period))");
    const begun = quotas.filter((q) => String(q.period_start) <= today);
    expect(begun.length).toBeGreaterThan(0);
    expect(begun.length).toBeLessThan(quotas.length);
    // The seed wrote what the snapshot automation would have for periods begun before the install;
    // a later period waits for the scheduler.
    for (const q of quotas)
      expect(typeof q.commit_at_start, String(q.period)).toBe(String(q.period_start) <= today ? "number" : "object");
    // Each snapshot, from the records: the quota's deals that existed at 00:00 of the first day,
    // in the forecast category their last stage move before then gave them (Prospecting's before any).
    let nonZero = 0;
    for (const q of begun) {
      const moment = time(`${q.period_start}T00:00:00.000Z`);
      const deals = await list("pl.exec", "opportunity", `quota = '${q.id}'`);
      const history = await list("pl.exec", "stage_history", `opportunity.quota = '${q.id}'`);
      let expected = 0;
      for (const d of deals) {
        if (time(d.createdAt) >= moment) continue;
        const moves = history
          .filter((h) => h.opportunity === d.id && time(h.changed_at) < moment)
          .sort((a, b) => time(a.changed_at) - time(b.changed_at));
        const last = moves.at(-1);
        const category = last ? last.forecast_category : "pipeline";
        if (category === "commit" || category === "closed") expected += Number(last?.amount);
      }
      expect(q.commit_at_start, String(q.period)).toBe(expected);
      if (expected > 0) nonZero += 1;
    }
    expect(nonZero).toBeGreaterThan(0);

    // The widget: one row per ended period, 1 − |Σ commit at start − Σ closed won| ÷ Σ closed won.
    const rows = await query("pl.exec", widgetQuery("forecast", "forecast_accuracy"));
    const ended = begun.filter((q) => String(q.period_end) < today);
    const periods = [...new Set(ended.map((q) => String(q.period)))].sort().reverse();
    expect(rows.map((r) => r.period)).toEqual(periods);
    for (const row of rows) {
      const of = ended.filter((q) => q.period === row.period);
      const commit = of.reduce((a, q) => a + Number(q.commit_at_start), 0);
      const closed = of.reduce((a, q) => a + Number(q.won_amount ?? 0), 0);
      expect([row.commit_at_start, row.closed]).toEqual([commit, closed]);
      expect(row.accuracy).toBe(closed === 0 ? null : 1 - Math.abs(commit - closed) / closed);
    }
    expect(rows.some((r) => typeof r.accuracy === "number" && r.accuracy < 1)).toBe(true);
  });

  let acme: Awaited<ReturnType<typeof deal>>;

  it("1. Qualification → Needs Analysis without a Decision Maker contact role is blocked; the 422 names the missing guard", async () => {
    acme = await deal("pl.rep01", "Acme – 200 seats");
    await role("pl.rep01", acme.id, acme.contact, "champion");
    expect((await move("pl.rep01", acme.id, "to_qualification")).statusCode).toBe(200);
    const before = await get("pl.rep01", "opportunity", acme.id);
    expect(before).toMatchObject({ stage: "qualification", amount: 120_000, probability: 20 });

    const res = await move("pl.rep01", acme.id, "to_needs_analysis");
    expect(res.statusCode).toBe(422);
    const issues = issuesOf(res);
    expect(issues.map((i) => [i.code, i.params.exitGuard, i.message.en])).toEqual([
      ["workflow.guardFailed", "decision_maker", "Qualification exit: add a contact role 'Decision Maker'"],
    ]);
    expect(issues[0]?.message["zh-CN"]).toBe("离开资格确认阶段：请添加角色为“决策者”的联系人");
    // The error's own message is that guard's, in the caller's language.
    expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: "workflow.guardFailed",
      message: "Qualification exit: add a contact role 'Decision Maker'",
    });
    const zh = await (await as("pl.rep01")).request(
      "POST",
      `${API}/data/opportunity/${acme.id}/actions/to_needs_analysis`,
      {
        headers: { "accept-language": "zh-CN" },
      },
    );
    expect(zh.json<{ error: { message: string } }>().error.message).toBe(
      "离开资格确认阶段：请添加角色为“决策者”的联系人",
    );
    expect((await get("pl.rep01", "opportunity", acme.id)).stage).toBe("qualification");
  });

  it("2. Once the guards hold, moving to Proposal sets probability 60, expected revenue 72,000, Best Case, and writes one StageHistory row", async () => {
    await role("pl.rep01", acme.id, acme.contact, "decision_maker");
    expect(
      (await patch("pl.rep01", "opportunity", acme.id, { need_summary: "200 seats", next_step: "Send the proposal" }))
        .statusCode,
    ).toBe(200);
    const res = await move("pl.rep01", acme.id, "to_proposal");
    expect(res.statusCode, res.body).toBe(200);
    const after = await get("pl.rep01", "opportunity", acme.id);
    expect(after).toMatchObject({
      stage: "proposal",
      probability: 60,
      expected_revenue: 72_000,
      forecast_category: "best_case",
    });
    const rows = await list("pl.mgr1", "stage_history", `opportunity = '${acme.id}' AND to_stage = 'proposal'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      from_stage: "qualification",
      to_stage: "proposal",
      amount: 120_000,
      prev_amount: 120_000,
      close_date: "2026-07-31",
      probability: 60,
      forecast_category: "best_case",
      changed_by: (await as("pl.rep01")).userId,
      is_backward: false,
    });
    // One row per move: Prospecting → Qualification and Qualification → Proposal.
    expect(await list("pl.mgr1", "stage_history", `opportunity = '${acme.id}'`)).toHaveLength(2);
  });

  it("3. Closed Lost needs a loss reason (V5); with 'Price': probability 0, Omitted, closed_at now, locked for the rep (V6) but not the manager", async () => {
    const refused = await move("pl.rep01", acme.id, "close_lost");
    expect(refused.statusCode).toBe(422);
    expect(ruleIds(refused)).toEqual(["V5"]);
    expect(issuesOf(refused)[0]?.message.en).toBe("Loss reason required");

    expect((await patch("pl.rep01", "opportunity", acme.id, { lost_reason: "price" })).statusCode).toBe(200);
    expect((await move("pl.rep01", acme.id, "close_lost")).statusCode).toBe(200);
    const closed = await get("pl.rep01", "opportunity", acme.id);
    expect(closed).toMatchObject({
      stage: "closed_lost",
      lost_reason: "price",
      probability: 0,
      forecast_category: "omitted",
      closed_at: "2026-06-15T09:00:00.000Z",
    });

    const repEdit = await patch("pl.rep01", "opportunity", acme.id, { amount: 90_000 });
    expect(repEdit.statusCode).toBe(422);
    expect(ruleIds(repEdit)).toEqual(["V6"]);
    expect(issuesOf(repEdit)[0]?.message.en).toBe(
      "Closed opportunities are locked — only notes can change; ask your manager to reopen it",
    );
    expect(
      (await patch("pl.rep01", "opportunity", acme.id, { notes: "Lost on price to a local vendor." })).statusCode,
    ).toBe(200);
    const managerEdit = await patch("pl.mgr1", "opportunity", acme.id, { amount: 90_000 });
    expect(managerEdit.statusCode, managerEdit.body).toBe(200);
    expect((await get("pl.mgr1", "opportunity", acme.id)).amount).toBe(90_000);
  });

  it("the stage machine: back moves are free and logged, Closed Lost from any open stage, Closed Won only late, reopen for managers with a reason", async () => {
    const rep = "pl.rep01";
    const d = await deal(rep, "Hooli platform");
    await role(rep, d.id, d.contact, "decision_maker");
    expect((await move(rep, d.id, "to_qualification")).statusCode).toBe(200);
    expect((await move(rep, d.id, "to_prospecting")).statusCode).toBe(200);
    const [back] = await list("pl.mgr1", "stage_history", `opportunity = '${d.id}' AND to_stage = 'prospecting'`);
    expect(back).toMatchObject({ from_stage: "qualification", is_backward: true, probability: 10 });
    // Skipping stages checks every stage's exit guards on the way: Needs Analysis has no need summary yet.
    const skip = await move(rep, d.id, "to_proposal");
    expect(skip.statusCode).toBe(422);
    expect(issuesOf(skip).map((i) => i.params.exitGuard)).toEqual(["need_summary", "next_step"]);
    const early = await move(rep, d.id, "close_won");
    expect(early.statusCode).toBe(422);
    expect(issuesOf(early)[0]).toMatchObject({
      code: "workflow.notFromHere",
      params: { from: ["proposal", "negotiation"] },
    });
    expect((await patch(rep, "opportunity", d.id, { lost_reason: "timing" })).statusCode).toBe(200);
    expect((await move(rep, d.id, "close_lost")).statusCode).toBe(200);

    const byRep = await move(rep, d.id, "reopen");
    expect(byRep.statusCode).toBe(422);
    expect(issuesOf(byRep).map((i) => i.code)).toEqual(["workflow.roleRequired", "workflow.missingFields"]);
    const noReason = await move("pl.mgr1", d.id, "reopen");
    expect(issuesOf(noReason).map((i) => i.code)).toEqual(["workflow.missingFields"]);
    expect((await patch("pl.mgr1", "opportunity", d.id, { reopen_reason: "Budget came back" })).statusCode).toBe(200);
    expect((await move("pl.mgr1", d.id, "reopen")).statusCode).toBe(200);
    expect(await get(rep, "opportunity", d.id)).toMatchObject({
      stage: "negotiation",
      probability: 80,
      forecast_category: "commit",
    });
    expect((await get(rep, "opportunity", d.id)).closed_at ?? null).toBeNull();

    // No way around the machine: no stage change in an edit, no deal created in a later stage.
    const edit = await patch(rep, "opportunity", d.id, { stage: "closed_won" });
    expect(edit.statusCode).toBe(422);
    expect(edit.json<{ error: { code: string } }>().error.code).toBe("workflow.managedField");
    const created = await (await as(rep)).request("POST", `${API}/data/opportunity`, {
      body: { name: "Shortcut", account: d.account, amount: 5000, close_date: "2026-12-01", stage: "closed_won" },
    });
    expect(created.statusCode).toBe(422);
    expect(ruleIds(created)).toContain("S1");
  });

  it("V7: with line items the amount is their total, recomputed on every change; a closed deal's lines are locked for the rep", async () => {
    const rep = "pl.rep01";
    const d = await deal(rep, "Soylent rollout");
    await create(rep, "opportunity_line_item", { opportunity: d.id, product: "Seat", quantity: 10, list_price: 1200 });
    expect((await get(rep, "opportunity", d.id)).amount).toBe(12_000);
    const training = await create(rep, "opportunity_line_item", {
      opportunity: d.id,
      product: "Training day",
      quantity: 2,
      list_price: 6000,
      discount_pct: 25,
    });
    expect((await get(rep, "opportunity", d.id)).amount).toBe(21_000);
    expect((await patch(rep, "opportunity_line_item", String(training.id), { quantity: 4 })).statusCode).toBe(200);
    expect((await get(rep, "opportunity", d.id)).amount).toBe(30_000);
    expect(
      (await (await as(rep)).request("DELETE", `${API}/data/opportunity_line_item/${training.id}`)).statusCode,
    ).toBe(204);
    expect((await get(rep, "opportunity", d.id)).amount).toBe(12_000);

    expect((await patch(rep, "opportunity", d.id, { lost_reason: "product_gap" })).statusCode).toBe(200);
    expect((await move(rep, d.id, "close_lost")).statusCode).toBe(200);
    const locked = await (await as(rep)).request("POST", `${API}/data/opportunity_line_item`, {
      body: { opportunity: d.id, product: "Seat", quantity: 1, list_price: 1200 },
    });
    expect(locked.statusCode).toBe(403);
    expect((await get(rep, "opportunity", d.id)).amount).toBe(12_000);
  });

  it("the §1.8 matrix: reps own, managers their team, executives read all, finance won only, marketing leads", async () => {
    const rep1 = await as("pl.rep01");
    const ids = async (who: string, filter: string) =>
      (await query(who, { entity: "opportunity", filter, measures: [{ id: "n", aggregate: "count" }] }))[0]?.n;
    const all = await ids("pl.exec", "TRUE");
    expect(await ids("pl.rep01", "TRUE")).toBe(await ids("pl.exec", `owner = '${rep1.userId}'`));
    expect(await ids("pl.mgr1", "TRUE")).toBe(await ids("pl.exec", "team = 'east-1'"));
    expect(await ids("pl.mgr2", "TRUE")).toBe(await ids("pl.exec", "team = 'east-2'"));
    expect(await ids("pl.finance", "TRUE")).toBe(await ids("pl.exec", "stage = 'closed_won'"));
    expect(await ids("pl.marketing", "TRUE")).toBe(all);
    expect(Number(await ids("pl.rep01", "TRUE"))).toBeLessThan(Number(all));

    const account = (await list("pl.rep01", "account", `owner = '${rep1.userId}'`))[0];
    const body = { name: "Read only", account: account?.id, close_date: "2026-12-01", amount: 1000 };
    for (const who of ["pl.exec", "pl.finance", "pl.marketing"])
      expect((await (await as(who)).request("POST", `${API}/data/opportunity`, { body })).statusCode, who).toBe(403);
    const lead = await create("pl.marketing", "lead", {
      last_name: "Queue",
      company: "Queue Co",
      email: "q@queue.example",
    });
    expect((await (await as("pl.marketing")).request("DELETE", `${API}/data/lead/${lead.id}`)).statusCode).toBe(403);
    // Unassigned: in every rep's queue; a rep claims it by taking ownership.
    expect(lead.owner).toBe((await as("pl.marketing")).userId);
    expect((await patch("pl.revops", "lead", String(lead.id), { owner: null })).statusCode).toBe(200);
    expect(
      (await patch("pl.rep02", "lead", String(lead.id), { owner: (await as("pl.rep02")).userId })).statusCode,
    ).toBe(200);
    expect((await (await as("pl.rep01")).request("GET", `${API}/data/lead/${lead.id}`)).statusCode).toBe(404);
  });

  it("4. A rep setting forecast category Commit on a Prospecting opportunity gets V3", async () => {
    const { id } = await deal("pl.rep01", "Initech pilot");
    const res = await patch("pl.rep01", "opportunity", id, { forecast_category: "commit" });
    expect(res.statusCode).toBe(422);
    expect(ruleIds(res)).toEqual(["V3"]);
    expect(issuesOf(res)[0]?.message).toEqual({
      en: "Commit only allowed from Proposal onward",
      "zh-CN": "方案报价阶段及之后才能归入“承诺”",
    });
    expect((await get("pl.rep01", "opportunity", id)).forecast_category).toBe("pipeline");
  });

  it("5. Q2 closed 12 won and 18 lost: the server computes a count win rate of 40.0 %", async () => {
    const rep = "pl.rep03";
    for (let i = 0; i < 30; i++) {
      const won = i < 12;
      const d = await deal(
        rep,
        `Q2 deal ${i + 1}`,
        won ? { need_summary: "x", next_step: "y", quote_status: "accepted" } : {},
      );
      if (won) {
        await role(rep, d.id, d.contact, "decision_maker");
        await create(rep, "opportunity_line_item", {
          opportunity: d.id,
          product: "Seat",
          quantity: 100,
          list_price: 1200,
        });
        expect((await move(rep, d.id, "to_negotiation")).statusCode).toBe(200);
        expect((await move(rep, d.id, "close_won")).statusCode).toBe(200);
      } else {
        expect((await patch(rep, "opportunity", d.id, { lost_reason: "no_budget" })).statusCode).toBe(200);
        expect((await move(rep, d.id, "close_lost")).statusCode).toBe(200);
      }
    }
    const owner = (await as(rep)).userId;
    const q2 = `owner = '${owner}' AND close_date >= DATE(2026, 4, 1) AND close_date <= DATE(2026, 6, 30)`;
    const [rate] = await query("pl.exec", {
      entity: "opportunity",
      filter: `${q2} AND stage IN ('closed_won', 'closed_lost')`,
      measures: [
        { id: "won", aggregate: "count", filter: "stage = 'closed_won'" },
        { id: "closed", aggregate: "count" },
        { id: "win_rate", aggregate: "count", filter: "stage = 'closed_won'", divideBy: "closed", percent: true },
      ],
    });
    expect(rate).toEqual({ won: 12, closed: 30, win_rate: 40 });
    expect(Number(rate?.win_rate ?? Number.NaN).toFixed(1)).toBe("40.0");

    // The forecast dashboard's widget, with the period and owner filters the player adds.
    const widget = widgetQuery("forecast", "win_rate");
    const [shown] = await query("pl.exec", { ...widget, filter: `(${widget.filter}) AND ${q2}` });
    expect(shown).toEqual({ win_rate: 0.4, closed: 30 });
  });

  it("6. Converting a lead whose email domain matches an account attaches a contact to it, opens a Prospecting deal with the lead's source; the lead is Qualified and read-only", async () => {
    const rep = await as("pl.rep01");
    const globex = await create("pl.revops", "account", {
      name: "Globex Scenario",
      domain: "globex-scenario.com",
      owner: rep.userId,
      team: "east-1",
    });
    const lead = await create("pl.marketing", "lead", {
      first_name: "Jane",
      last_name: "Doe",
      company: "Globex Subsidiary Ltd",
      email: "jane.doe@Globex-Scenario.com",
      lead_source: "event",
      owner: rep.userId,
      team: "east-1",
    });
    expect(lead.email_domain).toBe("globex-scenario.com");
    expect((await move("pl.rep01", String(lead.id), "work", "lead")).statusCode).toBe(200);
    const converted = await move("pl.rep01", String(lead.id), "convert", "lead");
    expect(converted.statusCode, converted.body).toBe(200);

    const after = await get("pl.rep01", "lead", String(lead.id));
    expect(after).toMatchObject({ status: "qualified", converted_account: globex.id });
    const accounts = await query("pl.exec", {
      entity: "account",
      filter: "domain = 'globex-scenario.com' OR name = 'Globex Subsidiary Ltd'",
      measures: [{ id: "n", aggregate: "count" }],
    });
    expect(accounts).toEqual([{ n: 1 }]);
    const contact = await get("pl.rep01", "contact", String(after.converted_contact));
    expect(contact).toMatchObject({
      first_name: "Jane",
      last_name: "Doe",
      email: "jane.doe@Globex-Scenario.com",
      account: globex.id,
    });
    const opportunity = await get("pl.rep01", "opportunity", String(after.converted_opportunity));
    expect(opportunity).toMatchObject({
      stage: "prospecting",
      lead_source: "event",
      account: globex.id,
      owner: rep.userId,
      probability: 10,
      forecast_category: "pipeline",
      close_date: "2026-09-13",
    });
    expect(await list("pl.rep01", "opportunity_contact_role", `opportunity = '${opportunity.id}'`)).toMatchObject([
      { contact: contact.id, role: "champion" },
    ]);
    // Read-only: neither the owner nor marketing may change it any more, and it cannot move.
    for (const who of ["pl.rep01", "pl.marketing", "pl.revops"]) {
      const edit = await patch(who, "lead", String(lead.id), { title: "CTO" });
      expect(edit.statusCode, `${who}: ${edit.body}`).toBe(403);
    }
    expect((await move("pl.rep01", String(lead.id), "work", "lead")).statusCode).toBe(404);
  });

  it("7. 31 days in Negotiation (max 30): is_stale and a task for the owner; the manager is notified 3 days later while still stale", async () => {
    const rep = "pl.rep01";
    const d = await deal(rep, "Umbrella renewal", {
      need_summary: "Renewal",
      next_step: "Negotiate terms",
      quote_status: "presented",
      po_reference: "PO-77",
      close_date: "2026-12-31",
    });
    await role(rep, d.id, d.contact, "decision_maker");
    await create(rep, "opportunity_line_item", { opportunity: d.id, product: "Seat", quantity: 100, list_price: 1200 });
    expect((await move(rep, d.id, "to_negotiation")).statusCode).toBe(200);
    const scheduler = server.app.automation.scheduler;
    const tasks = () => list("pl.revops", "activity", `opportunity = '${d.id}' AND type = 'task'`);
    const managerInbox = async () => {
      const res = await (await as("pl.mgr1", true)).request("GET", `${API}/inbox`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ notifications: Array<{ recordId: string; message: { en: string } }> }>();
      return body.notifications.filter((n) => n.recordId === d.id);
    };

    server.clock.advance(30 * DAY);
    await scheduler.runDue(server.clock.now());
    clients.clear();
    expect((await get("pl.revops", "opportunity", d.id)).is_stale).toBe(false);
    expect(await tasks()).toEqual([]);

    server.clock.advance(1 * DAY); // day 31
    await scheduler.runDue(server.clock.now());
    clients.clear();
    expect((await get("pl.revops", "opportunity", d.id)).is_stale).toBe(true);
    const [task] = await tasks();
    expect(task).toMatchObject({ owner: (await as(rep)).userId, status: "open", due_date: "2026-07-16" });
    expect(await tasks()).toHaveLength(1);
    expect(await managerInbox()).toEqual([]);

    server.clock.advance(2 * DAY); // day 33: stale for 2 more days, no notice yet
    await scheduler.runDue(server.clock.now());
    expect(await managerInbox()).toEqual([]);

    server.clock.advance(1 * DAY); // day 34: 3 days after it turned stale
    await scheduler.runDue(server.clock.now());
    clients.clear();
    const notices = await managerInbox();
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message.en).toBe(
      "A deal of your team has been stale for more than 3 days: move it or close it.",
    );
    expect(await tasks()).toHaveLength(1);
  });

  it("8. An open opportunity saved with yesterday's close date gets V1; the manager's past-due widget lists open deals whose close date is before today", async () => {
    clients.clear();
    const today = server.clock.now().toISOString().slice(0, 10);
    const yesterday = new Date(server.clock.now().getTime() - DAY).toISOString().slice(0, 10);
    const tomorrow = new Date(server.clock.now().getTime() + DAY).toISOString().slice(0, 10);
    const d = await deal("pl.rep01", "Stark expansion", { close_date: tomorrow });
    const res = await patch("pl.rep01", "opportunity", d.id, { close_date: yesterday });
    expect(res.statusCode).toBe(422);
    expect(ruleIds(res)).toEqual(["V1"]);
    expect(issuesOf(res)[0]?.message.en).toBe("Close date is in the past — update it or close the deal");

    // Two days on, the deal is past due without anyone saving it: the widget lists it.
    server.clock.advance(2 * DAY);
    clients.clear();
    const rows = await query("pl.mgr1", widgetQuery("team_health", "past_due"));
    const mine = rows.filter((r) => r.name === "Stark expansion");
    expect(mine).toEqual([
      { name: "Stark expansion", owner: (await as("pl.rep01")).userId, close_date: tomorrow, amount: 120_000 },
    ]);
    const now = server.clock.now().toISOString().slice(0, 10);
    expect(today < now && String(mine[0]?.close_date) < now).toBe(true);
    expect(rows.every((r) => String(r.close_date) < now)).toBe(true);
    // The manager sees exactly the team's past-due open deals (east-1), by the same rule in SQL.
    const [team] = await query("pl.exec", {
      entity: "opportunity",
      filter: "team = 'east-1' AND NOT(stage IN ('closed_won', 'closed_lost')) AND close_date < TODAY()",
      measures: [{ id: "n", aggregate: "count" }],
    });
    expect(rows.length).toBe(Number(team?.n));
    expect(rows.length).toBeGreaterThan(1);
  });

  it("forecast accuracy (§1.7): when a quota period starts, the scheduler keeps its commit forecast (closed won + open in Commit) as it stood", async () => {
    clients.clear();
    // The scheduler has run (it fires only for period starts after its first run, never for history).
    const scheduler = server.app.automation.scheduler;
    await scheduler.runDue(server.clock.now());

    const rep = await as("pl.rep01");
    const quota = await create("pl.revops", "quota", {
      owner: rep.userId,
      team: "east-1",
      period: "2026-Q4",
      period_start: "2026-10-01",
      period_end: "2026-12-31",
      amount: 3_000_000,
    });
    const d = await deal("pl.rep01", "Umbrella rollout", {
      close_date: "2026-11-20",
      need_summary: "300 seats",
      next_step: "Send the proposal",
    });
    await role("pl.rep01", d.id, d.contact, "decision_maker");
    expect((await move("pl.rep01", d.id, "to_proposal")).statusCode).toBe(200);
    expect((await patch("pl.rep01", "opportunity", d.id, { forecast_category: "commit" })).statusCode).toBe(200);
    const before = await get("pl.revops", "quota", String(quota.id));
    expect([before.won_amount, before.commit_open, before.commit_at_start ?? null]).toEqual([0, 120_000, null]);

    server.clock.advance(Date.parse("2026-10-01T00:01:00.000Z") - server.clock.now().getTime());
    await scheduler.runDue(server.clock.now());
    clients.clear();
    expect((await get("pl.revops", "quota", String(quota.id))).commit_at_start).toBe(120_000);
    // Moves after the start change the live forecast, not the snapshot.
    expect((await patch("pl.rep01", "opportunity", d.id, { forecast_category: "best_case" })).statusCode).toBe(200);
    const after = await get("pl.revops", "quota", String(quota.id));
    expect([after.commit_open, after.commit_at_start]).toEqual([0, 120_000]);
  });

  it("slippage (§1.7): edits of the close date write history rows; the widget counts the deals whose close date left the quarter during it, and their amount", async () => {
    clients.clear();
    const now = server.clock.now().toISOString();
    expect(now.slice(0, 7)).toBe("2026-10");
    const rep = "pl.rep02";
    const slips = await deal(rep, "Initech slip", { close_date: "2026-11-15", amount: 90_000 });
    const within = await deal(rep, "Initech within", { close_date: "2026-11-01", amount: 40_000 });
    const later = await deal(rep, "Initech later", { close_date: "2027-01-10", amount: 70_000 });
    const rows = async (id: string) => list("pl.exec", "stage_history", `opportunity = '${id}'`);
    expect(await rows(slips.id)).toEqual([]);
    // Out of Q4 during Q4; then on within Q1 2027 (already out, so not again).
    expect((await patch(rep, "opportunity", slips.id, { close_date: "2027-01-20" })).statusCode).toBe(200);
    expect((await patch(rep, "opportunity", slips.id, { close_date: "2027-02-10" })).statusCode).toBe(200);
    // Within the quarter; an amount edit; a deal that was not in this quarter to begin with.
    expect((await patch(rep, "opportunity", within.id, { close_date: "2026-12-20" })).statusCode).toBe(200);
    expect((await patch(rep, "opportunity", within.id, { amount: 45_000 })).statusCode).toBe(200);
    expect((await patch(rep, "opportunity", later.id, { close_date: "2027-04-15" })).statusCode).toBe(200);
    const history = await rows(slips.id);
    expect(history.map((h) => [h.from_stage, h.to_stage, h.prev_close_date, h.close_date, h.slipped_out])).toEqual(
      expect.arrayContaining([
        ["prospecting", "prospecting", "2026-11-15", "2027-01-20", true],
        ["prospecting", "prospecting", "2027-01-20", "2027-02-10", false],
      ]),
    );
    expect(history).toHaveLength(2);
    expect((await rows(within.id)).map((h) => h.slipped_out)).toEqual([false, false]);
    expect((await rows(later.id)).map((h) => h.slipped_out)).toEqual([false]);
    // Closing moves the close date to today: the move writes its one row, not a second for the edit.
    expect((await patch(rep, "opportunity", within.id, { lost_reason: "timing" })).statusCode).toBe(200);
    expect((await move(rep, within.id, "close_lost")).statusCode).toBe(200);
    const closed = await rows(within.id);
    expect(closed).toHaveLength(3);
    expect(closed.filter((h) => h.to_stage === "closed_lost")).toMatchObject([
      { from_stage: "prospecting", prev_close_date: "2026-12-20", close_date: now.slice(0, 10), slipped_out: false },
    ]);

    // The widget, from the history records: per quarter of the change, the distinct deals and the
    // amount of the rows whose previous close date was in that quarter and the new one later.
    const quarter = (v: unknown) => {
      const s = String(v);
      return `${s.slice(0, 4)}-Q${Math.floor((Number(s.slice(5, 7)) - 1) / 3) + 1}`;
    };
    const all = await list(
      "pl.exec",
      "stage_history",
      "NOT(ISBLANK(prev_close_date)) AND close_date > prev_close_date",
    );
    const slipped = all.filter(
      (h) => quarter(h.prev_close_date) === quarter(h.changed_at) && quarter(h.close_date) > quarter(h.prev_close_date),
    );
    expect(slipped.map((h) => h.id).sort()).toEqual(
      all
        .filter((h) => h.slipped_out)
        .map((h) => h.id)
        .sort(),
    );
    const widget = await query("pl.exec", widgetQuery("forecast", "slippage"));
    const periods = [...new Set(slipped.map((h) => quarter(h.changed_at)))].sort().reverse();
    expect(widget.map((r) => r.changed_at)).toEqual(periods);
    for (const row of widget) {
      const of = slipped.filter((h) => quarter(h.changed_at) === row.changed_at);
      expect([row.deals, row.amount]).toEqual([
        new Set(of.map((h) => h.opportunity)).size,
        of.reduce((a, h) => a + Number(h.amount), 0),
      ]);
    }
    expect(widget[0]).toMatchObject({ changed_at: "2026-Q4" });
    // The seed's slips fill the earlier quarters.
    expect(widget.length).toBeGreaterThan(2);
    expect(slipped.some((h) => h.opportunity === slips.id && h.amount === 90_000)).toBe(true);
  });
});
