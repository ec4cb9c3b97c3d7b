import { validateApp } from "@plinth/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cviTemplate } from "../../../templates/src/cvi/index.js";
import { type Client, type Server, testServer } from "../support/server.js";

/**
 * The acceptance scenarios of sales-domain §3.9, through HTTP on the installed template (test
 * scale). Each scenario builds its own period with its own people, so peer groups and pools are
 * exactly the ones the numbers below are computed from.
 */

type Json = Record<string, unknown> & { id: string; version: number };
type Raw = Partial<Record<"d1" | "d2" | "d3" | "d4" | "d5", number[]>>;

let server: Server;
let hr: Client;
let exec: Client;
const defs = new Map<string, string>();
let codes = 0;

async function ok(res: { statusCode: number; body: string; json: <T>() => T }, status = 200): Promise<Json> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<Json>();
}

/** The error's message in both languages (`{ error: { code, message, details: { messages } } }`). */
function messages(res: { json: <T>() => T }): { en: string; "zh-CN": string } {
  return res.json<{ error: { details: { messages: { en: string; "zh-CN": string } } } }>().error.details.messages;
}

const url = (entity: string, id?: string) => `/api/apps/cvi/data/${entity}${id ? `/${id}` : ""}`;
const create = async (as: Client, entity: string, body: Record<string, unknown>) =>
  ok(await as.request("POST", url(entity), { body }), 201);
const read = async (as: Client, entity: string, id: string) => ok(await as.request("GET", url(entity, id)));
async function update(as: Client, entity: string, id: string, body: Record<string, unknown>) {
  const current = await read(as, entity, id);
  return as.request("PATCH", url(entity, id), { body, headers: { "if-match": String(current.version) } });
}
const act = (as: Client, entity: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  as.request("POST", `${url(entity, id)}/actions/${action}`, { body });
async function list(as: Client, entity: string, filter: string): Promise<Json[]> {
  const res = await as.request("GET", `${url(entity)}?limit=500&filter=${encodeURIComponent(filter)}`);
  return (await ok(res)).records as Json[];
}

interface PersonSpec {
  role?: string;
  region?: string;
  track?: string;
  targetBonus?: number;
  manager?: string;
  hired?: string;
  user?: string;
  raw: Raw;
  kpi?: { score: number; bonus: number };
}

/** A Draft period with an approved 25/20/15/20/20 scheme, opened, with people, scores and snapshots. */
async function buildPeriod(
  people: readonly PersonSpec[],
  options: { pool?: number; method?: string; employees?: readonly string[]; start?: string; end?: string } = {},
) {
  codes++;
  const period = await create(hr, "period", {
    code: `S-${codes}`,
    start_date: options.start ?? "2026-04-01",
    end_date: options.end ?? "2026-06-30",
    pilot_reserve: 50_000,
  });
  const scheme = await create(hr, "weight_scheme", {
    scheme_version: `S-${codes}`,
    period: period.id,
    w_d1: 25,
    w_d2: 20,
    w_d3: 15,
    w_d4: 20,
    w_d5: 20,
  });
  await ok(await update(exec, "weight_scheme", scheme.id, { approved_by: exec.userId }));
  const pool = await create(hr, "bonus_pool", {
    name: `S-${codes}`,
    period: period.id,
    scope: "company",
    amount: options.pool ?? 100_000,
    method: options.method ?? "share",
  });
  await ok(await act(hr, "period", period.id, "open"));
  const out: Array<{ employee: string; cvi: string; scores: Record<string, string> }> = [];
  for (const [i, person] of people.entries()) {
    const employee =
      options.employees?.[i] ??
      (
        await create(hr, "employee", {
          name: `Scenario ${codes}.${i + 1}`,
          job_role: person.role ?? "ae",
          region: person.region ?? "east",
          track: person.track ?? "cvi",
          target_bonus: person.targetBonus ?? 20_000,
          ...(person.manager ? { manager: person.manager } : {}),
          ...(person.hired ? { hire_date: person.hired } : {}),
          ...(person.user ? { user: person.user } : {}),
        })
      ).id;
    const cvi = await create(hr, "cvi_score", {
      period: period.id,
      employee,
      pool: pool.id,
      ...(person.kpi ? { kpi_score: person.kpi.score, kpi_bonus: person.kpi.bonus } : {}),
    });
    const scores: Record<string, string> = {};
    for (const dimension of ["d1", "d2", "d3", "d4", "d5"] as const) {
      const score = await create(hr, "dimension_score", {
        period: period.id,
        employee,
        cvi: cvi.id,
        dimension,
        definition: defs.get(dimension),
        scheme: scheme.id,
      });
      scores[dimension] = score.id;
      for (const amount of person.raw[dimension] ?? [])
        await create(hr, "metric_snapshot", { score: score.id, amount, reference: `${dimension} source` });
    }
    await create(hr, "leaderboard_entry", { period: period.id, cvi: cvi.id });
    out.push({ employee, cvi: cvi.id, scores });
  }
  return { period: period.id, scheme: scheme.id, pool: pool.id, people: out };
}

/** Create a scoring run of the period and run it; returns the run record (its log). */
async function runScoring(period: string): Promise<Json> {
  const run = await create(hr, "score_run", { period });
  await ok(await act(hr, "score_run", run.id, "run"));
  return read(hr, "score_run", run.id);
}

/** Raw values that score 100 in every target dimension (D1 500,000; D4 3; D5 4). */
const onTarget: Raw = { d1: [500_000], d2: [5], d3: [6], d4: [3], d5: [4] };

beforeAll(async () => {
  server = await testServer({ templates: [cviTemplate], scale: "test", clockStart: "2026-06-15T09:00:00.000Z" });
  hr = await server.login("cvi.hr");
  exec = await server.login("cvi.exec");
  const all = (await ok(await hr.request("GET", `${url("dimension_def")}?limit=10`))).records as Json[];
  for (const def of all) defs.set(String(def.code), def.id);
}, 120_000);

afterAll(async () => server?.close());

describe("CVI scorecard: acceptance scenarios (sales-domain §3.9)", () => {
  it("the app schema validates without a single issue, warnings included", () => {
    expect(validateApp(cviTemplate.app).issues).toEqual([]);
  });

  it("every label and message of the schema is in English and Chinese", () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}/${i}`));
      else if (node !== null && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          if (["label", "message", "guardMessage", "reason", "description"].includes(key)) {
            const text = value as Record<string, unknown>;
            if (typeof text !== "object" || !text.en || !text["zh-CN"]) missing.push(`${path}/${key}`);
          } else walk(value, `${path}/${key}`);
        }
      }
    };
    walk(cviTemplate.app, "");
    expect(missing).toEqual([]);
  });

  it("1. a weight scheme of 25/20/15/20/25 (Σ 105) is rejected: weights must total 100; it freezes once the period opens", async () => {
    const period = await create(hr, "period", { code: "S1", start_date: "2026-07-01", end_date: "2026-09-30" });
    const body = { scheme_version: "S1", period: period.id, w_d1: 25, w_d2: 20, w_d3: 15, w_d4: 20 };
    const rejected = await hr.request("POST", url("weight_scheme"), { body: { ...body, w_d5: 25 } });
    expect(rejected.statusCode).toBe(422);
    expect(messages(rejected).en).toContain("weights must total 100");
    expect(messages(rejected)["zh-CN"]).toContain("权重合计必须为 100");
    const saved = await create(hr, "weight_scheme", { ...body, w_d5: 20 });
    expect(saved.total).toBe(100);
    expect((await (await server.login("cvi.e001")).request("GET", url("weight_scheme", saved.id))).statusCode).toBe(
      404,
    );
    // HR drafts, the executive approves; once the period is Open the scheme is immutable.
    expect((await update(hr, "weight_scheme", saved.id, { approved_by: hr.userId })).statusCode).toBe(403);
    await ok(await update(exec, "weight_scheme", saved.id, { approved_by: exec.userId }));
    const refused = await act(hr, "period", period.id, "open");
    expect(refused.statusCode).toBe(422);
    expect(messages(refused).en).toContain("set up a bonus pool");
    await create(hr, "bonus_pool", { name: "S1", period: period.id, scope: "company", amount: 1000 });
    await ok(await act(hr, "period", period.id, "open"));
    // Employees read the weights once they are published (the period is open), not while drafted.
    const e001 = await server.login("cvi.e001");
    expect((await e001.request("GET", url("weight_scheme", saved.id))).statusCode).toBe(200);
    const frozen = await update(hr, "weight_scheme", saved.id, { w_d1: 30, w_d5: 15 });
    expect(frozen.statusCode).toBe(422);
    expect(messages(frozen).en).toContain("cannot change");
    expect((await read(hr, "weight_scheme", saved.id)).w_d1).toBe(25);
  });

  it("2. a D2 peer group where every value is 0 (p5 = p95): everyone gets 100 and the run log carries the edge-case flag", async () => {
    const built = await buildPeriod(
      Array.from({ length: 5 }, (_, i) => ({ role: "csm", region: "west", raw: { ...onTarget, d2: [0], d3: [i] } })),
    );
    const run = await runScoring(built.period);
    const d2 = await list(hr, "dimension_score", `period = '${built.period}' AND dimension = 'd2'`);
    expect(d2).toHaveLength(5);
    for (const score of d2)
      expect(score).toMatchObject({
        raw_value: 0,
        peer_group: "csm·west",
        group_n: 5,
        normalised: 100,
        edge_case: true,
      });
    expect(run).toMatchObject({ status: "done", edge_cases: 5, edge_case_flag: true, scored: 25 });
    // The other dimensions are not edge cases: D3 (percentile) spreads 0..4 as mid-ranks 10..90.
    const d3 = await list(hr, "dimension_score", `period = '${built.period}' AND dimension = 'd3'`);
    expect(d3.map((s) => s.normalised).sort((a, b) => Number(a) - Number(b))).toEqual([10, 30, 50, 70, 90]);
    expect(d3.every((s) => s.edge_case === false)).toBe(true);
    const audit = await server.ctx.storage.read((tx) =>
      tx.platform.audit({ appId: "cvi", recordId: run.id, limit: 50 }),
    );
    expect(
      audit.find((a) => a.action === "computation.run" && (a.diff as Json).computation === "normalise")?.diff,
    ).toMatchObject({
      records: 25,
      summary: { scored: 25, edge_cases: 5 },
    });
  });

  it("3. no CS accounts: D2 missing → weights 31.25/—/18.75/25/25 and renormalised = true", async () => {
    const { d2: _none, ...withoutD2 } = onTarget;
    const built = await buildPeriod([{ role: "se", region: "north", raw: withoutD2 }]);
    const run = await runScoring(built.period);
    const person = built.people[0] as (typeof built.people)[number];
    const weights: Record<string, unknown> = {};
    for (const [dimension, id] of Object.entries(person.scores)) {
      const score = await read(hr, "dimension_score", id);
      weights[dimension] = score.effective_weight;
      if (dimension === "d2") expect(score).toMatchObject({ missing: true, normalised: null, contribution: null });
    }
    expect(weights).toEqual({ d1: 31.25, d2: null, d3: 18.75, d4: 25, d5: 25 });
    // D1, D4, D5 on target (100); D3 alone in its group: mid-rank 50. CVI = 31.25 + 9.375 + 25 + 25.
    const cvi = await read(hr, "cvi_score", person.cvi);
    expect(cvi).toMatchObject({ renormalised: true, cvi_raw: 90.625, cvi: 90.6, final_cvi: 90.6, provisional: true });
    expect(run).toMatchObject({ missing_dimensions: 1, renormalised: 1 });
    // One score per person and period, one dimension score per dimension.
    const twice = await hr.request("POST", url("cvi_score"), {
      body: { period: built.period, employee: person.employee, pool: built.pool },
    });
    expect(twice.statusCode).toBe(409);
  });

  it("4. dual track, hold-harmless: KPI bonus 12,000, CVI bonus 9,500 → paid 12,000, listed under CVI < KPI by > 20 % (−20.8 %)", async () => {
    // Method A with one eligible person: the pool (9,500) is spent exactly on them.
    const built = await buildPeriod(
      [{ track: "dual", targetBonus: 10_000, raw: onTarget, kpi: { score: 104, bonus: 12_000 } }],
      { pool: 9_500, method: "share" },
    );
    const run = await runScoring(built.period);
    const person = built.people[0] as (typeof built.people)[number];
    const score = await read(hr, "cvi_score", person.cvi);
    expect(score).toMatchObject({
      track: "dual",
      kpi_bonus: 12_000,
      cvi_bonus: 9_500,
      paid_bonus: 12_000,
      rule_applied: "hold_harmless",
      hold_gap: 2_500,
      bonus_change_pct: -20.8,
      change_band: "cvi_lower",
    });
    expect(run).toMatchObject({ dual_people: 1, cvi_lower_20: 1, cvi_higher_20: 0, total_cvi_bonus: 9_500 });
    expect(run).toMatchObject({ total_paid: 12_000, dual_kpi_baseline: 12_000, dual_paid: 12_000, cost_difference: 0 });
    // The report: the people whose CVI bonus is more than 20 % below their KPI bonus.
    const lower = await list(hr, "cvi_score", `period = '${built.period}' AND change_band = 'cvi_lower'`);
    expect(lower.map((s) => s.id)).toEqual([person.cvi]);
    // The pay guard: Σ CVI bonus ≤ pool and the hold-harmless top-up (2,500) within the reserve.
    for (const step of ["lock", "calibrate", "publish", "finalise"])
      await ok(await act(hr, "period", built.period, step));
    const finance = await server.login("cvi.finance");
    await ok(await update(hr, "period", built.period, { pilot_reserve: 2_000 }));
    const refused = await act(finance, "period", built.period, "pay");
    expect(refused.statusCode).toBe(422);
    expect(messages(refused).en).toContain("hold-harmless top-ups exceed the pilot reserve");
    await ok(await update(hr, "period", built.period, { pilot_reserve: 2_500 }));
    await ok(await act(finance, "period", built.period, "pay"));
    expect(await read(finance, "period", built.period)).toMatchObject({ status: "paid", total_paid: 12_000 });
    // Finance reads paid amounts, not the scores behind them.
    const seen = await read(finance, "cvi_score", person.cvi);
    expect(seen.paid_bonus).toBe(12_000);
    expect(seen.final_cvi).toBeUndefined();
  });

  it("5. a deal closed in Q3 and reversed in Q4 after the Q3 lock: Q3 unchanged, Q4 D1 gets a −amount adjustment with a reference", async () => {
    const q3 = await buildPeriod([{ raw: { ...onTarget, d1: [200_000] } }]);
    const employee = (q3.people[0] as (typeof q3.people)[number]).employee;
    const q4 = await buildPeriod([{ raw: { ...onTarget, d1: [300_000] } }], { employees: [employee] });
    const q3d1 = (q3.people[0] as (typeof q3.people)[number]).scores.d1 as string;
    const q4d1 = (q4.people[0] as (typeof q4.people)[number]).scores.d1 as string;
    // The CRM deal closes in Q3: the automation credits it to Q3's D1.
    const misfiled = await hr.request("POST", url("crm_deal"), {
      body: {
        external_id: "CRM-76",
        owner: employee,
        amount: 1,
        closed_on: "2026-09-20",
        credited_score: q3.people[0]?.scores.d2,
      },
    });
    expect(misfiled.statusCode).toBe(422);
    const deal = await create(hr, "crm_deal", {
      external_id: "CRM-77",
      owner: employee,
      amount: 100_000,
      closed_on: "2026-09-20",
      credited_score: q3d1,
    });
    expect((await read(hr, "dimension_score", q3d1)).raw_value).toBe(300_000);
    await runScoring(q3.period);
    const before = await read(hr, "cvi_score", (q3.people[0] as (typeof q3.people)[number]).cvi);
    // D1 300,000 / 500,000 = 60 (×25 %), D2 alone: p5 = p95 → 100 (×20 %), D3 alone: mid-rank 50 (×15 %),
    // D4 and D5 on target (×20 % each): 15 + 20 + 7.5 + 20 + 20.
    expect(before.cvi).toBe(82.5);
    await ok(await act(hr, "period", q3.period, "lock"));

    // After the lock nothing flows into Q3 any more…
    const late = await hr.request("POST", url("metric_snapshot"), { body: { score: q3d1, amount: 1 } });
    expect(late.statusCode).toBe(422);
    expect(messages(late).en).toContain("locked");
    // …so the reversal in Q4 adjusts Q4's D1 with −amount and a reference to the deal.
    // The adjustment goes to the owner's D1 of the open quarter, not any other score.
    const q4d2 = (q4.people[0] as (typeof q4.people)[number]).scores.d2 as string;
    await ok(await update(hr, "crm_deal", deal.id, { reversal_score: q4d2, reversed_on: "2026-10-15" }));
    expect((await act(hr, "crm_deal", deal.id, "reverse")).statusCode).toBe(422);
    await ok(await update(hr, "crm_deal", deal.id, { reversal_score: q4d1, reversed_on: "2026-10-15" }));
    await ok(await act(hr, "crm_deal", deal.id, "reverse"));
    const adjustments = await list(hr, "metric_snapshot", `score = '${q4d1}' AND kind = 'adjustment'`);
    expect(adjustments).toHaveLength(1);
    expect(adjustments[0]).toMatchObject({
      amount: -100_000,
      reference: "Reversal of deal CRM-77 (closed 2026-09-20)",
    });
    expect((await read(hr, "dimension_score", q4d1)).raw_value).toBe(200_000);
    expect((await read(hr, "dimension_score", q3d1)).raw_value).toBe(300_000);

    await runScoring(q4.period);
    expect((await read(hr, "dimension_score", q4d1)).normalised).toBe(0); // 200,000 / 500,000 = 0.4 < floor 0.5
    // Q3 stays as it was locked, even when rescored.
    await runScoring(q3.period);
    const after = await read(hr, "cvi_score", (q3.people[0] as (typeof q3.people)[number]).cvi);
    expect(after).toMatchObject({ cvi: before.cvi, final_cvi: before.final_cvi });
    expect((await read(hr, "dimension_score", q3d1)).normalised).toBe(60);
  });

  it("6. an employee cannot open a teammate's score; the manager sees both; HR edits only with a reason, audited before/after", async () => {
    const e001 = await server.login("cvi.e001");
    const e003 = await server.login("cvi.e003");
    const m01 = await server.login("cvi.m01");
    const own = (await list(e001, "cvi_score", "TRUE"))[0] as Json;
    const mate = (await list(e003, "cvi_score", "TRUE"))[0] as Json;
    expect(own.employee_user).toBe(e001.userId);
    expect(mate.employee_user).toBe(e003.userId);
    expect((await e001.request("GET", url("cvi_score", mate.id))).statusCode).toBe(404);
    expect((await e001.request("GET", url("cvi_score", own.id))).statusCode).toBe(200);
    const mine = await list(e001, "cvi_score", "TRUE");
    expect(mine.every((s) => s.employee_user === e001.userId)).toBe(true);
    expect(
      (
        await e001.request("PATCH", url("cvi_score", own.id), {
          body: { hr_adjustment: 5 },
          headers: { "if-match": "1" },
        })
      ).statusCode,
    ).toBe(403);
    // The personal dashboard's queries read through the same row scope: only the employee's own scores.
    const dashboard = await ok(
      await e001.request("POST", "/api/apps/cvi/query", {
        body: {
          entity: "cvi_score",
          groupBy: [{ field: "employee_user" }],
          measures: [{ id: "n", aggregate: "count" }],
        },
      }),
    );
    expect(JSON.stringify(dashboard)).toContain(e001.userId);
    expect(JSON.stringify(dashboard)).not.toContain(e003.userId);
    // The manager (of both) reads both.
    expect((await m01.request("GET", url("cvi_score", own.id))).statusCode).toBe(200);
    expect((await m01.request("GET", url("cvi_score", mate.id))).statusCode).toBe(200);
    // HR: a change without a reason is refused; with one it is kept with before/after in the audit log.
    const current = await read(hr, "cvi_score", own.id);
    const refused = await update(hr, "cvi_score", own.id, { hr_adjustment: 2 });
    expect(refused.statusCode).toBe(422);
    expect(messages(refused).en).toContain("reason");
    const edited = await ok(
      await update(hr, "cvi_score", own.id, { hr_adjustment: 2, edit_reason: "Data fix: a deal booked twice" }),
    );
    expect(edited.final_cvi).toBe(Math.round(((current.final_cvi as number) + 2) * 10) / 10);
    const audit = await server.ctx.storage.read((tx) =>
      tx.platform.audit({ appId: "cvi", recordId: own.id, limit: 100 }),
    );
    const entry = audit.find(
      (a) => a.action === "record.update" && (a.diff as { after?: Json }).after?.edit_reason !== undefined,
    );
    expect(entry?.userId).toBe(hr.userId);
    expect(entry?.diff).toMatchObject({
      before: { hr_adjustment: null, edit_reason: null, final_cvi: current.final_cvi },
      after: { hr_adjustment: 2, edit_reason: "Data fix: a deal booked twice", final_cvi: edited.final_cvi },
    });
  });

  it("7. process rewards: 8 points approved by HR → 2,000 of R = 10,000 over 40 points; 15 points → 3,750 capped at 2,500; the rest rolls over", async () => {
    const logins = await Promise.all(["cvi.e001", "cvi.e002", "cvi.e003", "cvi.e004"].map((u) => server.login(u)));
    const employees: string[] = [];
    for (const login of logins) employees.push(((await list(login, "employee", "TRUE"))[0] as Json).id);
    const built = await buildPeriod(
      employees.map(() => ({ raw: onTarget })),
      { employees },
    );
    const fund = await create(hr, "reward_fund", { name: "Fund S7", period: built.period, base_amount: 10_000 });
    expect(fund).toMatchObject({ amount: 10_000, cap_pct: 25 });
    const claim = async (who: number, points: number) => {
      const login = logins[who] as Client;
      const created = await create(login, "reward_claim", {
        period: built.period,
        employee: employees[who],
        contribution_type: "mentoring",
        points,
      });
      await ok(await act(login, "reward_claim", created.id, "submit"));
      return created.id;
    };
    const a = await claim(0, 8); // A: 8 points, HR's step (> 5)
    const b1 = await claim(1, 10); // B: 10 + 5 = 15 points
    const b2 = await claim(1, 5);
    const c = await claim(2, 10); // C: 10 points → 2,500, exactly the cap
    const d = await claim(3, 7); // D: 7 points
    // The manager may not approve an 8-point claim; HR does.
    const m01 = await server.login("cvi.m01");
    const m02 = await server.login("cvi.m02");
    expect((await act(m01, "reward_claim", a, "approve")).statusCode).not.toBe(200);
    await ok(await act(hr, "reward_claim", a, "approve"));
    expect((await read(hr, "reward_claim", a)).status).toBe("approved");
    await ok(await act(hr, "reward_claim", b1, "approve"));
    await ok(await act(m02, "reward_claim", b2, "approve")); // ≤ 5 points: e002's manager
    await ok(await act(hr, "reward_claim", c, "approve"));
    await ok(await act(hr, "reward_claim", d, "approve"));

    await ok(await act(hr, "reward_fund", fund.id, "allocate"));
    expect(await read(hr, "reward_claim", a)).toMatchObject({ uncapped: 2_000, award: 2_000, capped: false });
    expect(await read(hr, "reward_claim", b1)).toMatchObject({ award: 1_666.67, capped: true });
    expect(await read(hr, "reward_claim", b2)).toMatchObject({ award: 833.33, capped: true });
    expect(await read(hr, "reward_claim", c)).toMatchObject({ award: 2_500, capped: false });
    expect(await read(hr, "reward_claim", d)).toMatchObject({ award: 1_750 });
    // B's 15 points would be 3,750; the cap is 25 % of R = 2,500. Paid 8,750; 1,250 rolls over.
    const allocated = await read(hr, "reward_fund", fund.id);
    expect(allocated).toMatchObject({ total_points: 40, paid: 8_750, capped_people: 2, rollover: 1_250 });
    const next = await create(hr, "reward_fund", {
      name: "Fund S7 next",
      period: built.period,
      base_amount: 10_000,
      previous: fund.id,
    });
    expect(next).toMatchObject({ carried_in: 1_250, amount: 11_250 });
  });

  it("proration: a joiner's targets are scaled by the active days of the quarter", async () => {
    // Hired 16 May: 46 of the quarter's 91 days. D1 target 500,000 → 252,747.25; 250,000 is 98.91 %.
    const built = await buildPeriod([{ hired: "2026-05-16", raw: { ...onTarget, d1: [250_000] } }]);
    const d1 = (built.people[0] as (typeof built.people)[number]).scores.d1 as string;
    const before = await read(hr, "dimension_score", d1);
    expect(before.proration).toBeCloseTo(46 / 91, 10);
    expect(before.target_prorated).toBe(252_747.25);
    await runScoring(built.period);
    expect(await read(hr, "dimension_score", d1)).toMatchObject({ normalised: 98.91, gap_to_target: 2_747.25 });
  });

  it("promotion eligibility: mean CVI ≥ 85 over the last 4 quarters, no dimension < 40 in the last 2, top 20 % twice", async () => {
    // Five peers (one role × region group); the first is best in every dimension, the others weaker.
    const spec = (k: number): PersonSpec => ({
      role: "am",
      region: "south",
      raw: { d1: [600_000 * k], d2: [5 * k], d3: [10 * k], d4: [3.6 * k], d5: [4.8 * k] },
    });
    const factors = [1, 0.9, 0.8, 0.7, 0.6];
    const q1 = await buildPeriod(factors.map(spec), { start: "2026-01-01", end: "2026-03-31" });
    await runScoring(q1.period);
    const employees = q1.people.map((p) => p.employee);
    const q2 = await buildPeriod(factors.map(spec), { employees });
    const run = await runScoring(q2.period);
    const best = await read(hr, "cvi_score", (q2.people[0] as (typeof q2.people)[number]).cvi);
    // 25 × 1.2 + 20 × 1 + 15 × 0.9 + 20 × 1.2 + 20 × 1.2 (D3 mid-rank of the top of five: 90).
    expect(best).toMatchObject({
      cvi: 111.5,
      quintile: 1,
      min_dimension: 90,
      mean_cvi_4q: 111.5,
      promotion_eligible: true,
    });
    const second = await read(hr, "cvi_score", (q2.people[1] as (typeof q2.people)[number]).cvi);
    expect(second).toMatchObject({ quintile: 2, promotion_eligible: false });
    expect(run.promotion_eligible).toBe(1);
  });

  it("an upheld appeal reopens only the named dimension, during the Appeal window", async () => {
    const e005 = await server.login("cvi.e005");
    const employee = ((await list(e005, "employee", "TRUE"))[0] as Json).id;
    const built = await buildPeriod([{ raw: onTarget }], { employees: [employee] });
    const person = built.people[0] as (typeof built.people)[number];
    await runScoring(built.period);
    for (const step of ["lock", "calibrate", "publish"]) await ok(await act(hr, "period", built.period, step));
    const early = await e005.request("POST", url("appeal"), { body: { score: person.scores.d4, reason: "Early" } });
    expect(early.statusCode).toBe(422);
    await ok(await act(hr, "period", built.period, "open_appeals"));
    const filed = await create(e005, "appeal", { score: person.scores.d4, reason: "A confirmed project is missing" });
    expect(filed).toMatchObject({ dimension: "d4", decision: "open", employee_user: e005.userId });
    // Before a decision nothing is reopened.
    const d4 = { score: person.scores.d4, amount: 1, reference: "OA confirmation P-9" };
    expect((await hr.request("POST", url("metric_snapshot"), { body: d4 })).statusCode).toBe(422);
    expect((await update(hr, "appeal", filed.id, { decision: "upheld" })).statusCode).toBe(422); // needs a note
    await ok(await update(hr, "appeal", filed.id, { decision: "upheld", decision_note: "Owner confirmed late" }));
    await create(hr, "metric_snapshot", d4);
    const d3 = await hr.request("POST", url("metric_snapshot"), { body: { score: person.scores.d3, amount: 1 } });
    expect(d3.statusCode).toBe(422);
    await runScoring(built.period);
    expect(await read(hr, "dimension_score", person.scores.d4 as string)).toMatchObject({
      raw_value: 4,
      normalised: 120,
    });
    await ok(await act(hr, "period", built.period, "finalise"));
    expect((await hr.request("POST", url("metric_snapshot"), { body: d4 })).statusCode).toBe(422);
  });

  it("evidence counts once its reviewer approves it; sessions need 5 attendees and 3.5; D3 counts at most 20 points", async () => {
    const e006 = await server.login("cvi.e006");
    const m02 = await server.login("cvi.m02");
    const employee = ((await list(e006, "employee", "TRUE"))[0] as Json).id;
    const built = await buildPeriod([{ raw: { ...onTarget, d3: [18] } }], { employees: [employee] });
    const person = built.people[0] as (typeof built.people)[number];
    const weak = await e006.request("POST", url("evidence_item"), {
      body: {
        score: person.scores.d5,
        type: "session_record",
        external_id: "S-1",
        points: 2,
        attendees: 4,
        rating: 4.5,
        reviewer: m02.userId,
      },
    });
    expect(weak.statusCode).toBe(422);
    expect(messages(weak).en).toContain("at least 5 attendees");
    const page = await create(e006, "evidence_item", {
      score: person.scores.d3,
      type: "wiki_page",
      external_id: "WIKI-42",
      points: 7,
      reviewer: m02.userId,
    });
    await ok(await act(e006, "evidence_item", page.id, "submit"));
    expect((await read(hr, "dimension_score", person.scores.d3 as string)).raw_value).toBe(18);
    await ok(await act(m02, "evidence_item", page.id, "approve"));
    const snapshots = await list(
      hr,
      "metric_snapshot",
      `score = '${person.scores.d3}' AND reference = 'wiki_page WIKI-42'`,
    );
    expect(snapshots.map((x) => x.amount)).toEqual([7]);
    await runScoring(built.period);
    expect(await read(hr, "dimension_score", person.scores.d3 as string)).toMatchObject({ raw_value: 25, metric: 20 });
  });

  it("bonus methods B then A, and the dual-track report: ρ, quadrants at the peer median, ±20 % bands", async () => {
    // Four dual-track peers with target bonus 10,000; HR pins their final CVIs to 110, 80, 95 and 50.
    const kpis = [
      { score: 100, bonus: 10_000 },
      { score: 120, bonus: 12_000 },
      { score: 90, bonus: 9_000 },
      { score: 70, bonus: 7_000 },
    ];
    const built = await buildPeriod(
      kpis.map((kpi) => ({ track: "dual", targetBonus: 10_000, raw: onTarget, kpi })),
      { pool: 25_000, method: "curve" },
    );
    await runScoring(built.period);
    const finals = [110, 80, 95, 50];
    for (const [i, person] of built.people.entries()) {
      const score = await read(hr, "cvi_score", person.cvi);
      const pinned = {
        hr_adjustment: (finals[i] as number) - (score.cvi as number),
        edit_reason: "Pinned for the test",
      };
      expect((await ok(await update(hr, "cvi_score", person.cvi, pinned))).final_cvi).toBe(finals[i]);
    }
    const scores = async () => Promise.all(built.people.map((p) => read(hr, "cvi_score", p.cvi)));

    // Method B: m(110) = 1.25, m(80) = 0.75, m(95) = 0.9375, m(50) = 0 → raw 12,500 + 7,500 + 9,375;
    // Σ 29,375 > pool 25,000 → scale 0.8511.
    let run = await runScoring(built.period);
    let rows = await scores();
    expect(rows.map((r) => r.curve_raw)).toEqual([12_500, 7_500, 9_375, 0]);
    expect(rows.map((r) => r.cvi_bonus)).toEqual([10_638.3, 6_382.98, 7_978.72, 0]);
    expect(rows.map((r) => r.paid_bonus)).toEqual([10_638.3, 12_000, 9_000, 7_000]);
    expect(rows.map((r) => r.bonus_change_pct)).toEqual([6.4, -46.8, -11.3, -100]);
    expect(rows.map((r) => r.change_band)).toEqual(["within", "cvi_lower", "within", "cvi_lower"]);
    // KPI median 95, CVI median 87.5.
    expect(rows.map((r) => r.quadrant)).toEqual(["hh", "hl", "lh", "ll"]);
    // Ranks KPI (3, 4, 2, 1) vs CVI (4, 2, 3, 1): Σd² = 6, ρ = 1 − 36 / 60 = 0.4.
    expect(run.rho).toBeCloseTo(0.4, 12);
    expect(run).toMatchObject({ dual_people: 4, cvi_lower_20: 2, cvi_higher_20: 0, total_cvi_bonus: 25_000 });
    expect(run).toMatchObject({ dual_kpi_baseline: 38_000, dual_paid: 38_638.3, cost_difference: 638.3 });

    // Method A: the pool shared by CVI × target bonus over the eligible (CVI ≥ 60): 110 : 80 : 95.
    await ok(await update(hr, "bonus_pool", built.pool, { method: "share" }));
    run = await runScoring(built.period);
    rows = await scores();
    expect(rows.map((r) => r.cvi_bonus)).toEqual([9_649.12, 7_017.54, 8_333.33, 0]);
    expect(run.total_cvi_bonus).toBeCloseTo(24_999.99, 2);
  });

  it("bonus pools per region: each pool is shared among its own people; a person joins only a pool that covers them", async () => {
    const built = await buildPeriod([
      { region: "east", raw: onTarget },
      { region: "north", targetBonus: 10_000, raw: onTarget },
      { region: "north", targetBonus: 30_000, raw: onTarget },
    ]);
    const east = await create(hr, "bonus_pool", {
      name: "East",
      period: built.period,
      scope: "region",
      region: "east",
      amount: 6_000,
    });
    const north = await create(hr, "bonus_pool", {
      name: "North",
      period: built.period,
      scope: "region",
      region: "north",
      amount: 8_000,
    });
    const [p1, p2, p3] = built.people as [(typeof built.people)[0], (typeof built.people)[0], (typeof built.people)[0]];
    const wrong = await update(hr, "cvi_score", p1.cvi, { pool: north.id });
    expect(wrong.statusCode).toBe(422);
    expect(messages(wrong).en).toContain("scope (region or team) includes this person");
    await ok(await update(hr, "cvi_score", p1.cvi, { pool: east.id }));
    await ok(await update(hr, "cvi_score", p2.cvi, { pool: north.id }));
    await ok(await update(hr, "cvi_score", p3.cvi, { pool: north.id }));
    await runScoring(built.period);
    // Same CVI in the north: the pool splits 1 : 3 by target bonus.
    const bonus = async (id: string) => (await read(hr, "cvi_score", id)).cvi_bonus;
    expect([await bonus(p1.cvi), await bonus(p2.cvi), await bonus(p3.cvi)]).toEqual([6_000, 2_000, 6_000]);
    expect(await read(hr, "bonus_pool", north.id)).toMatchObject({ allocated: 8_000, people: 2 });
    expect(await read(hr, "period", built.period)).toMatchObject({
      total_pool: 100_000 + 14_000,
      total_cvi_bonus: 14_000,
    });
  });

  it("the old track's KPI (70 % revenue, 30 % new accounts) feeds the dual-track comparison", async () => {
    const built = await buildPeriod([{ track: "dual", targetBonus: 10_000, raw: onTarget }]);
    const person = built.people[0] as (typeof built.people)[number];
    const kpi = await create(hr, "kpi_score", {
      period: built.period,
      employee: person.employee,
      revenue_attainment: 110,
      new_accounts_attainment: 80,
    });
    expect(kpi).toMatchObject({ kpi: 101, kpi_bonus: 10_100 });
    await ok(await update(hr, "cvi_score", person.cvi, { kpi: kpi.id }));
    await runScoring(built.period);
    expect(await read(hr, "cvi_score", person.cvi)).toMatchObject({ kpi_score: 101, kpi_bonus: 10_100 });
  });

  it("leaderboard: opt-in only for employees (they change nothing else on their record), the team for managers", async () => {
    const logins = await Promise.all(["cvi.e007", "cvi.e008", "cvi.e009"].map((u) => server.login(u)));
    const employees: string[] = [];
    for (const [i, login] of logins.entries()) {
      const own = (await list(login, "employee", "TRUE"))[0] as Json;
      employees.push(own.id);
      await ok(await update(login, "employee", own.id, { leaderboard_opt_in: i < 2 }));
    }
    const e009 = logins[2] as Client;
    expect((await update(e009, "employee", employees[2] as string, { target_bonus: 99_999 })).statusCode).toBe(403);
    // e007 on target (92.5), e008 half the D1 target (80), e009 on target but not shown.
    const built = await buildPeriod([{ raw: onTarget }, { raw: { ...onTarget, d1: [250_000] } }, { raw: onTarget }], {
      employees,
    });
    await runScoring(built.period);
    const board = async (as: Client) =>
      (await list(as, "leaderboard_entry", `period = '${built.period}'`))
        .map((e) => [e.rank, e.final_cvi, e.opted_in])
        .sort((a, b) => Number(a[0] ?? 99) - Number(b[0] ?? 99));
    expect(await board(e009)).toEqual([
      [1, 92.5, true],
      [2, 80, true],
    ]);
    expect(await board(hr)).toEqual([
      [1, 92.5, true],
      [2, 80, true],
      [null, 92.5, false],
    ]);
    // The board shows a colleague's CVI, not the score behind it.
    const line = (await list(e009, "leaderboard_entry", `period = '${built.period}'`))[0] as Json;
    expect((await e009.request("GET", url("cvi_score", String(line.cvi)))).statusCode).toBe(404);
    // A manager sees their whole team (e007 and e009 report to cvi.m01).
    const m01 = await server.login("cvi.m01");
    expect((await board(m01)).length).toBe(3);
  });

  it("8. calibration: a manager's +12 is rejected (max ±10); +7 is accepted and flagged for HR review (> 5)", async () => {
    const m01 = await server.login("cvi.m01");
    // The second person is the manager himself (a player-coach reporting to himself in the data).
    const built = await buildPeriod([
      { manager: m01.userId, raw: onTarget },
      { manager: m01.userId, user: m01.userId, raw: onTarget },
    ]);
    await runScoring(built.period);
    const cvi = (built.people[0] as (typeof built.people)[number]).cvi;
    const before = await read(hr, "cvi_score", cvi);
    // Only during Calibration.
    const early = await m01.request("POST", url("calibration_note"), { body: { cvi, delta: 3, reason: "Early" } });
    expect(early.statusCode).toBe(422);
    await ok(await act(hr, "period", built.period, "lock"));
    await ok(await act(hr, "period", built.period, "calibrate"));

    const tooMuch = await m01.request("POST", url("calibration_note"), {
      body: { cvi, delta: 12, reason: "Exceptional quarter" },
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(messages(tooMuch).en).toContain("at most ±10");

    const self = await m01.request("POST", url("calibration_note"), {
      body: { cvi: (built.people[1] as (typeof built.people)[number]).cvi, delta: 3, reason: "Me" },
    });
    expect(self.statusCode).toBe(422);
    expect(messages(self).en).toContain("cannot calibrate their own score");

    const note = await create(m01, "calibration_note", { cvi, delta: 7, reason: "Saved a key account" });
    expect(note).toMatchObject({ delta: 7, needs_hr_review: true, status: "draft" });
    await ok(await act(m01, "calibration_note", note.id, "submit"));
    expect((await read(hr, "calibration_note", note.id)).status).toBe("pending");
    const inbox = await ok(await hr.request("GET", "/api/apps/cvi/inbox"));
    expect(JSON.stringify(inbox)).toContain(note.id);
    // A delta of at most 5 needs no review: accepted on submit.
    const small = await create(m01, "calibration_note", { cvi, delta: -2, reason: "Late evidence" });
    expect(small.needs_hr_review).toBe(false);
    await ok(await act(m01, "calibration_note", small.id, "submit"));
    expect((await read(hr, "calibration_note", small.id)).status).toBe("approved");

    await ok(await act(hr, "calibration_note", note.id, "approve"));
    await runScoring(built.period);
    const after = await read(hr, "cvi_score", cvi);
    expect(after).toMatchObject({ calibration_delta: 5, cvi: before.cvi });
    expect(after.final_cvi).toBe(Math.round(((before.cvi as number) + 5) * 10) / 10);
  });

  it("every dashboard widget's query runs for the roles that see the page", async () => {
    const logins: Record<string, Client> = {
      employee: await server.login("cvi.e001"),
      manager: await server.login("cvi.m01"),
      hr,
      finance: await server.login("cvi.finance"),
      exec,
    };
    let ran = 0;
    for (const page of cviTemplate.app.pages ?? []) {
      if (page.kind !== "dashboard") continue;
      for (const role of page.roles ?? Object.keys(logins)) {
        for (const widget of page.widgets) {
          const res = await (logins[role] as Client).request("POST", "/api/apps/cvi/query", { body: widget.query });
          expect(res.statusCode, `${page.id}/${widget.id} as ${role}: ${res.body}`).toBe(200);
          ran++;
        }
      }
    }
    expect(ran).toBeGreaterThan(40);
  });

  it("every table page lists for the roles that see it", async () => {
    const logins: Record<string, Client> = {
      employee: await server.login("cvi.e001"),
      manager: await server.login("cvi.m01"),
      hr,
      finance: await server.login("cvi.finance"),
      exec,
    };
    const failures: string[] = [];
    for (const page of cviTemplate.app.pages ?? []) {
      if (page.kind !== "table") continue;
      const fields = page.columns.map((c) => c.field).join(",");
      for (const role of page.roles ?? Object.keys(logins)) {
        const res = await (logins[role] as Client).request("GET", `${url(page.entity)}?limit=5&fields=${fields}`);
        if (res.statusCode !== 200) failures.push(`${page.id} as ${role}: ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  // Last: these move the shared clock.
  it("a daily run rescores the open period overnight: the provisional CVI follows the day's new data", async () => {
    const built = await buildPeriod([{ raw: { ...onTarget, d4: [1.5] } }]);
    const run = await create(hr, "score_run", { period: built.period, daily: true });
    await ok(await act(hr, "score_run", run.id, "run"));
    const d4 = (built.people[0] as (typeof built.people)[number]).scores.d4 as string;
    expect((await read(hr, "dimension_score", d4)).normalised).toBe(50);
    await create(hr, "metric_snapshot", { score: d4, amount: 1.5, reference: "OA sync" });
    const scheduler = server.app.automation.scheduler;
    await scheduler.runDue(server.clock.now());
    server.clock.advance(86_400_000);
    await scheduler.runDue(server.clock.now());
    await scheduler.runDue(server.clock.now());
    hr = await server.login("cvi.hr"); // the session expired while the clock moved
    expect((await read(hr, "dimension_score", d4)).normalised).toBe(100);
    expect(await read(hr, "score_run", run.id)).toMatchObject({ status: "done" });
  });

  it("the calendar locks an open period on its lock date and closes the Appeal window after appeal_until", async () => {
    exec = await server.login("cvi.exec"); // the earlier test moved the clock past its session
    const built = await buildPeriod([{ raw: onTarget }]);
    await ok(await update(hr, "period", built.period, { lock_at: "2026-06-16", appeal_until: "2026-06-20" }));
    const scheduler = server.app.automation.scheduler;
    await scheduler.runDue(server.clock.now());
    expect((await read(hr, "period", built.period)).status).toBe("open");
    server.clock.advance(2 * 86_400_000); // 17 June
    await scheduler.runDue(server.clock.now());
    await scheduler.runDue(server.clock.now());
    hr = await server.login("cvi.hr"); // the session expired while the clock moved
    expect((await read(hr, "period", built.period)).status).toBe("locked");
    for (const step of ["calibrate", "publish", "open_appeals"]) await ok(await act(hr, "period", built.period, step));
    server.clock.advance(5 * 86_400_000); // 22 June: the day after appeal_until has passed
    await scheduler.runDue(server.clock.now());
    await scheduler.runDue(server.clock.now());
    hr = await server.login("cvi.hr");
    expect((await read(hr, "period", built.period)).status).toBe("final");
  });
});
