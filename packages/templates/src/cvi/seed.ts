import { addDays, int, pick } from "../random.js";
import type { SeedScale, SeedWriter } from "../types.js";
import { EMPLOYEES_WITH_LOGIN, employeeUser, managers } from "./users.js";

const roles = ["ae", "am", "csm", "se"] as const;
const regions = ["east", "north", "south", "west"] as const;

/**
 * The quarters seeded: `count` of them, ending with the one the install date falls in. The last
 * stays Open (provisional scores), the others run to Paid.
 */
export function seedQuarters(today: string, count: number): { code: string; start: string; end: string }[] {
  const year = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const out: { code: string; start: string; end: string }[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = year * 4 + q - i;
    const [y, n] = [Math.floor(index / 4), index % 4];
    const start = `${y}-${String(n * 3 + 1).padStart(2, "0")}-01`;
    const next = n === 3 ? `${y + 1}-01-01` : `${y}-${String(n * 3 + 4).padStart(2, "0")}-01`;
    out.push({ code: `${y}-Q${n + 1}`, start, end: addDays(next, -1) });
  }
  return out;
}

const volumes: Record<SeedScale, { employees: number; quarters: number }> = {
  demo: { employees: 200, quarters: 4 },
  test: { employees: 20, quarters: 2 },
};

export const dimensionDefs = [
  {
    code: "d1",
    name: "New-customer contract amount",
    source_connector: "crm",
    unit: "CNY",
    normalisation: "target",
    target: 500_000,
    floor: 0.5,
    cap: 1.2,
    raw_metric_query: "Σ Closed Won amount on accounts new at close (no win in the prior 12 months) × split %",
    anti_gaming: "Locked at period close; later reversals flow as an adjustment next quarter.",
  },
  {
    code: "d2",
    name: "Customer health improvement",
    source_connector: "cs",
    unit: "points",
    normalisation: "minmax",
    raw_metric_query: "ARR-weighted mean of (health_end − health_start) over accounts owned for the full quarter",
    anti_gaming: "Only accounts with both snapshots; CSM-only adjustments excluded.",
  },
  {
    code: "d3",
    name: "Knowledge-asset contribution",
    source_connector: "wiki",
    unit: "points",
    normalisation: "percentile",
    raw_cap: 20,
    raw_metric_query: "Published article 3, reviewed update 1, +1 per 50 unique readers, max 20 per quarter",
    anti_gaming: "Reviewer approval required; self-views excluded.",
  },
  {
    code: "d4",
    name: "Collaboration projects",
    source_connector: "oa",
    unit: "projects",
    normalisation: "target",
    target: 3,
    floor: 0.5,
    cap: 1.2,
    raw_metric_query: "Cross-team projects with confirmed contribution ≥ 8 h, + internal credits ÷ 100",
    anti_gaming: "The project owner must confirm.",
  },
  {
    code: "d5",
    name: "Training and sharing",
    source_connector: "lms",
    unit: "points",
    normalisation: "target",
    target: 4,
    floor: 0.5,
    cap: 1.2,
    raw_metric_query: "Sessions delivered × 2 + courses completed × 1",
    anti_gaming: "A delivered session needs ≥ 5 attendees and a rating ≥ 3.5/5.",
  },
] as const;

interface Person {
  id: string;
  index: number;
  role: (typeof roles)[number];
  region: (typeof regions)[number];
  targetBonus: number;
  track: "kpi" | "dual" | "cvi";
  /** A talent factor so a person's quarters resemble each other. */
  talent: number;
  /** Username of a demo login, if any. */
  login?: string;
}

/** A roughly normal number (sum of three uniforms), mean 0, sd ≈ 1. */
function gauss(random: () => number): number {
  return (random() + random() + random() - 1.5) * 2;
}

/**
 * The CVI demo: dimension definitions, employees (the first ones with logins), and for each
 * quarter a period with its approved weight scheme, metric snapshots per person and dimension
 * (realistic spreads; some people have no CS accounts, so no D2), KPI scores for the dual-track
 * pilot, a scoring run, calibration, process-reward claims and the reward fund; every quarter but
 * the last goes through to Paid.
 */
export async function seedCvi(writer: SeedWriter, { scale }: { scale: SeedScale }): Promise<void> {
  const { random } = writer;
  const volume = volumes[scale];
  const hr = { as: "cvi.hr" };

  const defs = new Map<string, string>();
  for (const def of dimensionDefs) defs.set(def.code, await writer.create("dimension_def", def, hr));

  const people: Person[] = [];
  for (let i = 1; i <= volume.employees; i++) {
    const login = i <= EMPLOYEES_WITH_LOGIN ? employeeUser(i) : undefined;
    const manager = managers[(i - 1) % managers.length] as (typeof managers)[number];
    const region = (login ? manager.region : pick(random, regions)) as (typeof regions)[number];
    const role = roles[i % roles.length] as (typeof roles)[number];
    const targetBonus = pick(random, [20_000, 30_000, 40_000, 50_000]);
    // The dual-track pilot: one team in five (every fifth person), the first demo login among them.
    const track = i % 5 === 1 ? "dual" : "cvi";
    const id = await writer.create(
      "employee",
      {
        name: login ? login.displayName : `Employee ${String(i).padStart(3, "0")}`,
        ...(login ? { user: writer.userId(login.username) } : {}),
        job_role: role,
        grade: pick(random, ["g1", "g2", "g3", "g4"]),
        team: track === "dual" ? "pilot" : manager.team,
        region,
        manager: writer.userId(manager.username),
        target_bonus: targetBonus,
        track,
        // About a third show themselves on the leaderboard.
        leaderboard_opt_in: random() < 0.35,
        hire_date: `20${int(random, 18, 25)}-0${int(random, 1, 9)}-1${int(random, 0, 9)}`,
      },
      hr,
    );
    people.push({
      id,
      index: i,
      role,
      region,
      targetBonus,
      track,
      talent: gauss(random) * 0.25,
      ...(login ? { login: login.username } : {}),
    });
  }
  writer.progress(`employees ${people.length}`);

  let previousFund: string | undefined;
  for (const [q, quarter] of seedQuarters(writer.today, volume.quarters).entries()) {
    const last = q === volume.quarters - 1;
    const at = (days: number) => {
      const d = new Date(`${quarter.start}T09:00:00Z`);
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString();
    };
    const cviOf = new Map<string, string>();
    const d3Of = new Map<string, string>();
    const pool = people.reduce((sum, p) => sum + p.targetBonus, 0);
    const period = await writer.create(
      "period",
      {
        code: quarter.code,
        start_date: quarter.start,
        end_date: quarter.end,
        pay_rule: "hold_harmless",
        // The hold-harmless reserve covers the pilot's KPI bonuses (at most 1.3 × target bonus each).
        pilot_reserve: Math.round(
          people.filter((p) => p.track === "dual").reduce((sum, p) => sum + 1.3 * p.targetBonus, 0),
        ),
        // Period end + 5 business days; appeals run 10 business days after publication.
        lock_at: addDays(quarter.end, 7),
        appeal_until: addDays(quarter.end, 35),
      },
      { ...hr, at: at(-10) },
    );
    const scheme = await writer.create(
      "weight_scheme",
      { scheme_version: `v${q + 1}`, period, w_d1: 25, w_d2: 20, w_d3: 15, w_d4: 20, w_d5: 20 },
      { ...hr, at: at(-9) },
    );
    await writer.update(
      "weight_scheme",
      scheme,
      { approved_by: writer.userId("cvi.exec") },
      { as: "cvi.exec", at: at(-8) },
    );
    // Bonus pools: one company pool shared by Method A in Q1 and Q3; in Q2 and Q4 a pool per region,
    // paying the Method B curve capped at the region's pool.
    const poolOf = new Map<string, string>();
    if (q % 2 === 0) {
      const company = await writer.create(
        "bonus_pool",
        { name: `Company ${quarter.code}`, period, scope: "company", amount: pool, method: "share" },
        { ...hr, at: at(-9) },
      );
      for (const region of regions) poolOf.set(region, company);
    } else {
      for (const region of regions) {
        const amount = people.filter((p) => p.region === region).reduce((sum, p) => sum + p.targetBonus, 0);
        const id = await writer.create(
          "bonus_pool",
          { name: `${region} ${quarter.code}`, period, scope: "region", region, amount, method: "curve" },
          { ...hr, at: at(-9) },
        );
        poolOf.set(region, id);
      }
    }
    await writer.transition("period", period, "period_status", "open", { ...hr, at: at(0) });

    for (const person of people) {
      // The dual-track pilot keeps the old KPI: revenue and new-account attainment from the KPI system.
      const kpi =
        person.track === "dual"
          ? await writer.create(
              "kpi_score",
              {
                period,
                employee: person.id,
                revenue_attainment: Math.round(
                  Math.max(30, Math.min(140, 90 + 25 * (person.talent + gauss(random) * 0.3))),
                ),
                new_accounts_attainment: Math.round(
                  Math.max(0, Math.min(150, 85 + 30 * (person.talent + gauss(random) * 0.4))),
                ),
              },
              { ...hr, at: at(85) },
            )
          : undefined;
      const cvi = await writer.create(
        "cvi_score",
        { period, employee: person.id, pool: poolOf.get(person.region), ...(kpi ? { kpi } : {}) },
        { ...hr, at: at(1) },
      );
      cviOf.set(person.id, cvi);
      await writer.create("leaderboard_entry", { period, cvi }, { ...hr, at: at(1) });
      for (const def of dimensionDefs) {
        const score = await writer.create(
          "dimension_score",
          {
            period,
            employee: person.id,
            cvi,
            dimension: def.code,
            definition: defs.get(def.code),
            scheme,
          },
          { ...hr, at: at(1) },
        );
        if (def.code === "d3") d3Of.set(person.id, score);
        for (const [amount, reference] of rawValues(random, def.code, person)) {
          await writer.create(
            "metric_snapshot",
            { score, amount, reference, source_ts: at(int(random, 5, 80)) },
            { ...hr, at: at(int(random, 5, 80)) },
          );
        }
      }
    }
    writer.progress(`${quarter.code}: scores of ${people.length} people`);

    const run = await writer.create(
      "score_run",
      { period, note: "Quarter scoring", daily: last },
      { ...hr, at: at(86) },
    );
    await writer.transition("score_run", run, "run_status", "run", { ...hr, at: at(86) });

    // Process rewards: claims by people with logins, approved by their manager (≤ 5) or HR (> 5).
    const fund = await writer.create(
      "reward_fund",
      {
        name: `Process reward fund ${quarter.code}`,
        period,
        base_amount: Math.round(pool * 0.1),
        ...(previousFund ? { previous: previousFund } : {}),
      },
      { ...hr, at: at(0) },
    );
    for (const person of people.filter((p) => p.login)) {
      if (random() < 0.4) continue;
      const points = int(random, 1, 10);
      const claim = await writer.create(
        "reward_claim",
        {
          period,
          employee: person.id,
          contribution_type: pick(random, ["mentoring", "case_writeup", "tool_automation", "cross_team_rescue"]),
          description: "Contribution outside the transaction metrics",
          points,
        },
        { as: person.login, at: at(40) },
      );
      await writer.approval("reward_claim", claim, "submit", { as: person.login, at: at(41) });
      const manager = managers[(person.index - 1) % managers.length]?.username ?? "cvi.hr";
      await writer.approval("reward_claim", claim, "approve", { as: points > 5 ? "cvi.hr" : manager, at: at(43) });
    }
    if (!last) await writer.transition("reward_fund", fund, "fund_status", "allocate", { ...hr, at: at(95) });
    // Evidence waiting for review in the open quarter: each demo login's new wiki page, with its manager.
    if (last) {
      for (const person of people.filter((p) => p.login)) {
        const score = d3Of.get(person.id);
        if (!score || !person.login) continue;
        const manager = managers[(person.index - 1) % managers.length]?.username as string;
        const evidence = await writer.create(
          "evidence_item",
          {
            score,
            type: "wiki_page",
            external_id: `WIKI-${quarter.code}-${person.index}`,
            points: 3,
            reviewer: writer.userId(manager),
          },
          { as: person.login, at: at(60) },
        );
        await writer.approval("evidence_item", evidence, "submit", { as: person.login, at: at(60) });
      }
    }
    previousFund = fund;
    if (last) continue;

    // Close the quarter: lock, calibrate a few scores, rerun, publish and pay.
    await writer.transition("period", period, "period_status", "lock", { ...hr, at: at(95) });
    await writer.transition("period", period, "period_status", "calibrate", { ...hr, at: at(96) });
    for (const person of people.filter((p) => p.login && random() < 0.5)) {
      const manager = managers[(person.index - 1) % managers.length]?.username as string;
      const cvi = cviOf.get(person.id);
      if (!cvi) continue;
      const delta = pick(random, [-4, -2, 2, 3, 5]);
      const note = await writer.create(
        "calibration_note",
        { cvi, delta, reason: "Context the metrics miss (customer escalation handled)" },
        { as: manager, at: at(97) },
      );
      await writer.approval("calibration_note", note, "submit", { as: manager, at: at(97) });
    }
    await writer.transition("score_run", run, "run_status", "rerun", { ...hr, at: at(98) });
    await writer.transition("score_run", run, "run_status", "run", { ...hr, at: at(98) });
    await writer.transition("period", period, "period_status", "publish", { ...hr, at: at(99) });
    await writer.transition("period", period, "period_status", "open_appeals", { ...hr, at: at(100) });
    // One appeal per quarter, on the D3 score of the first demo login: reviewed and rejected.
    const appellant = people.find((p) => p.login);
    const appealed = appellant ? d3Of.get(appellant.id) : undefined;
    if (appellant?.login && appealed) {
      const filed = await writer.create(
        "appeal",
        { score: appealed, reason: "A reviewed wiki article is missing from my knowledge points." },
        { as: appellant.login, at: at(101) },
      );
      await writer.update(
        "appeal",
        filed,
        {
          decision: "rejected",
          decision_note: "The article was reviewed after the lock date; it counts next quarter.",
          decided_by: writer.userId("cvi.hr"),
        },
        { ...hr, at: at(104) },
      );
    }
    await writer.transition("period", period, "period_status", "finalise", { ...hr, at: at(110) });
    await writer.transition("period", period, "period_status", "pay", { as: "cvi.finance", at: at(115) });
    writer.progress(`${quarter.code}: paid`);
  }
}

/**
 * Raw source facts of one person, dimension and quarter: [amount, reference] pairs.
 * D1 deals (0–3, lognormal-ish amounts), D2 one health delta (missing for solutions engineers,
 * who own no CS accounts, and for some others), D3 wiki points (skewed, many zeros),
 * D4 projects, D5 sessions and courses.
 */
function rawValues(random: () => number, dimension: string, person: Person): Array<[number, string]> {
  const t = person.talent;
  switch (dimension) {
    case "d1": {
      const deals = Math.max(0, Math.round(1.5 + t * 3 + gauss(random)));
      // No win is a raw value of 0 (the CRM reports it), not a missing dimension.
      if (deals === 0) return [[0, "CRM: no new-customer wins"]];
      return Array.from({ length: deals }, (_, i) => [
        Math.round(Math.exp(11.8 + t + gauss(random) * 0.5) / 1000) * 1000,
        `CRM-${person.index}-${i + 1}`,
      ]);
    }
    case "d2":
      if (person.role === "se" || random() < 0.05) return [];
      return [[Math.round((3 + t * 10 + gauss(random) * 4) * 10) / 10, "CS health snapshot"]];
    case "d3": {
      const points = Math.max(0, Math.min(20, Math.round(4 + t * 8 + gauss(random) * 4)));
      return [[points, "Wiki contributions"]];
    }
    case "d4":
      return [[Math.max(0, Math.round(2.5 + t * 2 + gauss(random))), "OA project confirmations"]];
    default:
      return [[Math.max(0, Math.round(4 + t * 3 + gauss(random) * 1.5)), "LMS sessions × 2 + courses"]];
  }
}
