import { addDays, int, pick, weighted } from "../random.js";
import type { SeedScale, SeedWriter } from "../types.js";
import { openStages, type StageDef, stages } from "./labels.js";
import { pipelineUsers, TEAMS } from "./users.js";

interface Volumes {
  readonly teams: number;
  readonly repsPerTeam: number;
  readonly accounts: number;
  readonly opportunities: number;
  readonly leads: number;
  readonly activities: number;
}

const volumes: Record<SeedScale, Volumes> = {
  demo: { teams: 6, repsPerTeam: 9, accounts: 2000, opportunities: 20000, leads: 1500, activities: 4000 },
  test: { teams: 2, repsPerTeam: 3, accounts: 40, opportunities: 200, leads: 20, activities: 40 },
};

const PREFIXES = [
  "Acme",
  "Apex",
  "Blue",
  "Bright",
  "Cedar",
  "Crest",
  "Delta",
  "East",
  "Ever",
  "Falcon",
  "First",
  "Golden",
  "Granite",
  "Harbor",
  "Iron",
  "Jade",
  "Kite",
  "Lotus",
  "Maple",
  "Meridian",
  "North",
  "Nova",
  "Oak",
  "Orbit",
  "Pacific",
  "Peak",
  "Pine",
  "Quantum",
  "River",
  "Silver",
  "Stone",
  "Summit",
  "Sun",
  "Terra",
  "Tide",
  "Union",
  "Vertex",
  "West",
  "Willow",
  "Zenith",
];
const NOUNS = [
  "Robotics",
  "Foods",
  "Logistics",
  "Retail",
  "Systems",
  "Health",
  "Motors",
  "Textiles",
  "Energy",
  "Pharma",
  "Electronics",
  "Chemicals",
  "Software",
  "Finance",
  "Machinery",
  "Packaging",
  "Furniture",
  "Media",
  "Telecom",
  "Steel",
  "Plastics",
  "Agritech",
  "Biotech",
  "Cosmetics",
  "Apparel",
  "Beverages",
  "Solar",
  "Security",
  "Optics",
  "Tools",
  "Materials",
  "Devices",
  "Networks",
  "Holdings",
  "Trading",
  "Labs",
  "Dynamics",
  "Industries",
  "Partners",
  "Group",
  "Instruments",
  "Paper",
  "Glass",
  "Rubber",
  "Cables",
  "Pumps",
  "Valves",
  "Sensors",
  "Printing",
  "Ceramics",
];
const FIRST = [
  "Wei",
  "Li",
  "Ming",
  "Hui",
  "Jun",
  "Lan",
  "Tao",
  "Yan",
  "Anna",
  "Ben",
  "Chris",
  "Dana",
  "Eva",
  "Frank",
  "Grace",
  "Hugo",
];
const LAST = [
  "Wang",
  "Zhang",
  "Liu",
  "Chen",
  "Yang",
  "Zhao",
  "Huang",
  "Zhou",
  "Wu",
  "Xu",
  "Smith",
  "Miller",
  "Garcia",
  "Kim",
  "Novak",
  "Rossi",
];
const TITLES = [
  "CIO",
  "CFO",
  "Head of Operations",
  "IT Manager",
  "Procurement Lead",
  "VP Sales",
  "Plant Manager",
  "CEO",
];
const PRODUCTS: ReadonlyArray<readonly [string, number]> = [
  ["Plinth Cloud seat", 1200],
  ["Plinth Analytics add-on", 40000],
  ["Implementation package", 80000],
  ["Premium support", 25000],
  ["Training day", 6000],
];
const INDUSTRIES = ["manufacturing", "retail", "technology", "finance", "healthcare", "logistics"];
const SOURCES = ["web", "whitepaper", "event", "referral", "partner", "cold_call", "other"];
const SOURCE_WEIGHTS = [30, 12, 15, 15, 12, 10, 6];
const LOST_REASONS = ["price", "lost_to_competitor", "no_budget", "no_decision", "timing", "product_gap", "other"];
const LOST_WEIGHTS = [22, 25, 12, 18, 12, 7, 4];
const COMPETITORS = ["salesforce", "hubspot", "dynamics", "fxiaoke", "other"];

/** An ISO instant on a day at a working hour. */
const at = (day: string, hour: number, minute = 0) =>
  `${day}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00.000Z`;

const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

interface Rep {
  readonly username: string;
  readonly id: string;
  readonly team: string;
  readonly region: string;
}

interface AccountRef {
  readonly id: string;
  readonly team: string;
  readonly owner: Rep;
  readonly name: string;
  readonly contacts: string[];
}

interface OpenDeal {
  readonly id: string;
  readonly rep: Rep;
}

/**
 * The pipeline seed: accounts and contacts per team, two years of opportunities moved through
 * the real stage machine as their owners (so stage history, rules and automations apply),
 * leads (some converted through the lead machine), activities and quarterly quotas.
 */
export async function seedPipeline(w: SeedWriter, { scale }: { readonly scale: SeedScale }): Promise<void> {
  const v = volumes[scale];
  const r = w.random;
  const teams = TEAMS.slice(0, v.teams);
  const reps: Rep[] = pipelineUsers()
    .filter((u) => u.roles.includes("rep") && teams.includes(u.attributes.team as (typeof TEAMS)[number]))
    .filter((u, _i, all) => all.filter((x) => x.attributes.team === u.attributes.team).indexOf(u) < v.repsPerTeam)
    .map((u) => ({
      username: u.username,
      id: w.userId(u.username),
      team: u.attributes.team as string,
      region: u.attributes.region as string,
    }));
  const start = addDays(w.today, -730);

  // Accounts, each owned by a rep of a team, with one or two contacts.
  const accounts: AccountRef[] = [];
  for (let i = 0; i < v.accounts; i++) {
    const owner = reps[i % reps.length] as Rep;
    const name = `${PREFIXES[i % PREFIXES.length]} ${NOUNS[Math.floor(i / PREFIXES.length) % NOUNS.length]}${
      i >= PREFIXES.length * NOUNS.length ? ` ${Math.floor(i / (PREFIXES.length * NOUNS.length)) + 1}` : ""
    }`;
    const domain = `${name.toLowerCase().replaceAll(" ", "")}.${i % 3 === 0 ? "cn" : "com"}`;
    const day = addDays(start, int(r, -120, 30));
    const id = await w.create(
      "account",
      {
        name,
        domain,
        industry: pick(r, INDUSTRIES),
        employees: weighted(r, [50, 300, 1500, 8000], [35, 35, 20, 10]) + int(r, 0, 40),
        annual_revenue: int(r, 5, 900) * 1_000_000,
        region: owner.region,
        tier: weighted(r, ["a", "b", "c"], [20, 40, 40]),
        owner: owner.id,
        team: owner.team,
        is_icp: r() < 0.35,
        health_score: int(r, 30, 95),
      },
      { at: at(day, 9) },
    );
    const contacts: string[] = [];
    for (let c = 0; c < (r() < 0.5 ? 1 : 2); c++) {
      const last = pick(r, LAST);
      contacts.push(
        await w.create(
          "contact",
          {
            first_name: pick(r, FIRST),
            last_name: last,
            email: `${last.toLowerCase()}${c + 1}@${domain}`,
            title: pick(r, TITLES),
            account: id,
            is_primary: c === 0,
            owner: owner.id,
            team: owner.team,
          },
          { at: at(day, 10) },
        ),
      );
    }
    accounts.push({ id, name, team: owner.team, owner, contacts });
    if ((i + 1) % 500 === 0) w.progress(`accounts ${i + 1} / ${v.accounts}`);
  }

  // Quotas per rep per quarter, over the two years and the next quarter.
  const quotas = new Map<string, string>();
  const quotaStarts = new Map<string, string>();
  for (const rep of reps) {
    for (let q = 1; q <= 9; q++) {
      const first = new Date(`${start.slice(0, 7)}-01T00:00:00Z`);
      first.setUTCMonth(Math.floor(first.getUTCMonth() / 3) * 3 + q * 3);
      const periodStart = first.toISOString().slice(0, 10);
      const next = new Date(first);
      next.setUTCMonth(next.getUTCMonth() + 3);
      const periodEnd = addDays(next.toISOString().slice(0, 10), -1);
      const quota = await w.create(
        "quota",
        {
          owner: rep.id,
          team: rep.team,
          period: quarterOf(periodStart),
          period_start: periodStart,
          period_end: periodEnd,
          amount: int(r, 20, 40) * 100_000,
        },
        { at: at(periodStart, 8) },
      );
      quotas.set(`${rep.id}|${quarterOf(periodStart)}`, quota);
      quotaStarts.set(quota, periodStart);
    }
  }

  // This quarter's forecast calls: each rep's commit, adjusted by the team's manager.
  for (const rep of reps) {
    const amount = int(r, 6, 20) * 100_000;
    await w.create(
      "forecast_submission",
      {
        owner: rep.id,
        team: rep.team,
        period: quarterOf(w.today),
        category: "commit",
        amount,
        adjustment: r() < 0.4 ? -int(r, 1, 4) * 100_000 : null,
        comment: "Weekly call",
        submitted_at: at(addDays(w.today, -int(r, 1, 6)), 17),
      },
      { at: at(addDays(w.today, -1), 17), as: rep.username },
    );
  }

  // Opportunities through the stage machine.
  const accountsByTeam = new Map<string, AccountRef[]>();
  for (const a of accounts) accountsByTeam.set(a.team, [...(accountsByTeam.get(a.team) ?? []), a]);
  const open: OpenDeal[] = [];
  const trails: ForecastTrail[] = [];
  for (let i = 0; i < v.opportunities; i++) {
    const rep = reps[int(r, 0, reps.length - 1)] as Rep;
    const account = pick(r, accountsByTeam.get(rep.team) ?? accounts);
    // Every sixth deal may slip (no draw from the random stream, so the rest of the seed stays as it was).
    await seedOpportunity(w, rep, account, start, open, quotas, trails, i % 6 === 5);
    if ((i + 1) % 1000 === 0) w.progress(`opportunities ${i + 1} / ${v.opportunities}`);
  }
  await seedCommitSnapshots(w, quotaStarts, trails);

  // Activities on open deals (completed calls, meetings, emails).
  for (let i = 0; i < v.activities && open.length > 0; i++) {
    const { id: opportunity, rep } = pick(r, open);
    const day = addDays(w.today, -int(r, 1, 60));
    const type = weighted(r, ["call", "meeting", "email"], [45, 25, 30]);
    await w.create(
      "activity",
      {
        type,
        subject: type === "meeting" ? "Discovery meeting" : type === "call" ? "Follow-up call" : "Sent proposal notes",
        due_date: day,
        completed_at: at(day, 15),
        status: "completed",
        opportunity,
        owner: rep.id,
        team: rep.team,
      },
      { at: at(day, 15, 30) },
    );
  }

  // Leads: most still being worked; some converted through the lead machine, some disqualified.
  for (let i = 0; i < v.leads; i++) {
    const rep = pick(r, reps);
    const fate = r();
    const last = pick(r, LAST);
    const company = `${pick(r, PREFIXES)} ${pick(r, NOUNS)} Lead ${i + 1}`;
    const day = addDays(w.today, -int(r, 1, 120));
    const source = weighted(r, SOURCES, SOURCE_WEIGHTS);
    const id = await w.create(
      "lead",
      {
        first_name: pick(r, FIRST),
        last_name: last,
        company,
        title: pick(r, TITLES),
        email: `${last.toLowerCase()}@${company.toLowerCase().replaceAll(" ", "")}.com`,
        lead_source: source,
        utm_source: source === "web" ? "google" : source,
        utm_medium: source === "web" ? "cpc" : "offline",
        score: int(r, 0, 100),
        owner: fate < 0.12 || r() < 0.85 ? rep.id : null,
        team: rep.team,
      },
      { at: at(day, 9), as: "pl.marketing" },
    );
    if (fate < 0.12) {
      await w.transition("lead", id, "lead_status", "work", { at: at(day, 11), as: rep.username });
      await w.transition("lead", id, "lead_status", "convert", { at: at(addDays(day, 1), 11), as: rep.username });
    } else if (fate < 0.22) {
      await w.update(
        "lead",
        id,
        { disqualify_reason: pick(r, ["no_fit", "no_budget", "duplicate", "unresponsive"]) },
        {
          at: at(day, 12),
        },
      );
      await w.transition("lead", id, "lead_status", "disqualify", { at: at(day, 12, 5) });
    } else if (fate < 0.6) {
      await w.transition("lead", id, "lead_status", "work", { at: at(day, 11) });
    }
  }
}

/** A deal as the commit forecast saw it: its quota, amount, creation and each category it took. */
interface ForecastTrail {
  readonly quota: string;
  readonly amount: number;
  readonly created: string;
  /** In time order; won deals end in `closed`, lost ones in `omitted`. */
  readonly moves: Array<{ readonly at: string; readonly category: string }>;
}

/**
 * What the snapshot_commit_forecast automation would have written on each quota whose period
 * began by the install (the scheduler fires only for starts after it): closed won plus open in
 * Commit at 00:00 of the first day, over the deals linked to the quota that existed then.
 */
async function seedCommitSnapshots(
  w: SeedWriter,
  quotaStarts: ReadonlyMap<string, string>,
  trails: readonly ForecastTrail[],
) {
  const initial = (stages[0] as StageDef).category;
  const commit = new Map<string, number>();
  for (const trail of trails) {
    const start = quotaStarts.get(trail.quota);
    if (start === undefined || start > w.today) continue;
    const moment = at(start, 0);
    if (trail.created >= moment) continue;
    const category = trail.moves.filter((m) => m.at < moment).at(-1)?.category ?? initial;
    if (category === "commit" || category === "closed")
      commit.set(trail.quota, (commit.get(trail.quota) ?? 0) + trail.amount);
  }
  for (const [quota, start] of quotaStarts) {
    if (start > w.today) continue;
    // Written just after the seed creates the quota (08:00); nothing moves between 00:00 and then.
    await w.update("quota", quota, { commit_at_start: commit.get(quota) ?? 0 }, { at: at(start, 8, 5) });
  }
}

/** The last day of a date's quarter. */
function quarterEnd(day: string): string {
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  const next = new Date(Date.UTC(Number(day.slice(0, 4)), q * 3 + 3, 1));
  return addDays(next.toISOString().slice(0, 10), -1);
}

/**
 * A deal first planned to close at the end of the quarter it was created in, whose close date a
 * week later moved on to the later one it has: the row the edit_history automation writes for
 * that edit (slippage, §1.7). Only when the week falls in that quarter, before the install and
 * while the deal was open.
 */
async function seedSlip(
  w: SeedWriter,
  deal: {
    readonly id: string;
    readonly rep: Rep;
    readonly amount: number;
    readonly created: string;
    readonly closeDate: string;
    readonly closedOn: string | undefined;
    readonly path: ReadonlyArray<{ readonly at: string; readonly stage: StageDef }>;
  },
) {
  const planned = quarterEnd(deal.created);
  const day = addDays(deal.created, 7);
  if (deal.closeDate <= planned || day >= planned || day >= w.today) return;
  if (deal.closedOn !== undefined && day >= deal.closedOn) return;
  const moment = at(day, 15);
  const stage = deal.path.filter((p) => p.at < moment).at(-1)?.stage ?? (openStages[0] as StageDef);
  await w.create(
    "stage_history",
    {
      opportunity: deal.id,
      from_stage: stage.id,
      to_stage: stage.id,
      amount: deal.amount,
      prev_amount: deal.amount,
      close_date: deal.closeDate,
      prev_close_date: planned,
      probability: stage.probability,
      forecast_category: stage.category,
      changed_by: deal.rep.id,
      changed_at: moment,
      is_backward: false,
    },
    { at: moment },
  );
}

/**
 * One opportunity: created in Prospecting as its owner, moved stage by stage (passing the exit
 * guards with a decision-maker contact role and a line item where needed), and closed won or
 * lost, or left open in its stage. Every step happens at its own moment in the past.
 */
async function seedOpportunity(
  w: SeedWriter,
  rep: Rep,
  account: AccountRef,
  start: string,
  open: OpenDeal[],
  quotas: ReadonlyMap<string, string>,
  trails: ForecastTrail[],
  slips: boolean,
) {
  const r = w.random;
  let created = addDays(start, int(r, 0, 725));
  const daysLeft = (Date.parse(w.today) - Date.parse(created)) / 86_400_000;
  // How far the deal gets: the last open stage it reaches (0..4), then won, lost, or still open.
  const reach = weighted(r, [0, 1, 2, 3, 4], [22, 22, 18, 18, 20]);
  const hops: number[] = [];
  for (let s = 0; s < reach; s++) hops.push(int(r, 2, (openStages[s]?.maxDays ?? 20) - 1));
  const elapsed = hops.reduce((a, b) => a + b, 0);
  const closeAfter = elapsed + int(r, 3, 25);
  // Deals of the last five months are mostly still open (a live pipeline to forecast).
  const isOpen = closeAfter >= daysLeft || (daysLeft < 150 && r() < 0.7);
  if (isOpen) {
    // An open deal is young: it entered its current stage recently, a fifth of them longer ago
    // than the stage's maximum (stale, for the stale-deal automation to find).
    const max = openStages[reach]?.maxDays ?? 14;
    const stay = r() < 0.2 ? int(r, max + 1, max + 25) : int(r, 1, max - 1);
    created = addDays(w.today, -(elapsed + stay));
  }
  const outcome = isOpen ? "open" : reach >= 3 && r() < 0.62 ? "won" : reach === 4 && r() < 0.75 ? "won" : "lost";
  const size = weighted(r, [30, 80, 150, 300, 800], [25, 30, 25, 15, 5]) * 1000 + int(r, 0, 49) * 1000;
  // From Proposal on a deal has a line item, and its amount is the line's total (V7).
  const [product, price] = pick(r, PRODUCTS);
  const quantity = Math.max(1, Math.round(size / price));
  const amount = reach >= 3 ? quantity * price : size;
  const lastMove = addDays(
    created,
    hops.reduce((a, b) => a + b, 0),
  );
  // Open deals close after the anchor, except a few past-due ones (after their last move, before
  // today: the manager's past-due list); closed deals close on their closing day.
  const closeDate = !isOpen
    ? addDays(created, closeAfter)
    : r() < 0.08 && lastMove < addDays(w.today, -2)
      ? addDays(lastMove, int(r, 1, Math.max(1, (Date.parse(w.today) - Date.parse(lastMove)) / 86_400_000 - 1)))
      : addDays(w.today, int(r, 5, 150));
  const as = rep.username;
  const quota = quotas.get(`${rep.id}|${quarterOf(closeDate)}`);
  const trail: ForecastTrail = { quota: quota ?? "", amount, created: at(created, 9), moves: [] };
  if (quota !== undefined) trails.push(trail);
  const id = await w.create(
    "opportunity",
    {
      name: `${account.name} – ${pick(r, PRODUCTS)[0]}`.slice(0, 120),
      account: account.id,
      amount,
      close_date: closeDate,
      // What the link_quota automations do over the API (the installer runs before their hook).
      quota: quota ?? null,
      type: weighted(r, ["new_business", "upsell", "renewal"], [60, 25, 15]),
      lead_source: weighted(r, SOURCES, SOURCE_WEIGHTS),
      budget_status: weighted(r, ["allocated", "pending", "none"], [60, 30, 10]),
      need_summary: "Replace spreadsheets with one pipeline and forecast.",
      next_step: "Schedule the next meeting",
      quote_status: reach >= 4 || outcome === "won" ? "accepted" : reach >= 3 ? "presented" : "none",
      owner: rep.id,
      team: rep.team,
      region: rep.region,
    },
    { at: at(created, 9), as },
  );
  if (reach >= 1) {
    await w.create(
      "opportunity_contact_role",
      {
        opportunity: id,
        contact: pick(r, account.contacts),
        role: "decision_maker",
        is_primary: true,
      },
      { at: at(created, 10), as },
    );
  }
  if (reach >= 3) {
    await w.create(
      "opportunity_line_item",
      { opportunity: id, product, quantity, list_price: price },
      { at: at(created, 11), as },
    );
  }
  // The installer writes before the server registers its automation hook, so the seed writes
  // the StageHistory row the stage_history automation writes for each move over the API.
  const history = async (from: StageDef, to: StageDef, moment: string, closeOn: string) =>
    w.create(
      "stage_history",
      {
        opportunity: id,
        from_stage: from.id,
        to_stage: to.id,
        amount,
        prev_amount: amount,
        close_date: closeOn,
        prev_close_date: closeDate,
        probability: to.probability,
        forecast_category: to.category,
        changed_by: rep.id,
        changed_at: moment,
        is_backward: false,
      },
      { at: moment },
    );
  let when = created;
  const path: Array<{ readonly at: string; readonly stage: StageDef }> = [
    { at: at(created, 9), stage: openStages[0] as StageDef },
  ];
  for (let s = 0; s < hops.length; s++) {
    when = addDays(when, hops[s] as number);
    const source = openStages[s] as StageDef;
    const target = openStages[s + 1];
    if (!target) break;
    path.push({ at: at(when, 14, s), stage: target });
    await w.transition("opportunity", id, "opportunity_stage", `to_${target.id}`, { at: at(when, 14, s), as });
    await history(source, target, at(when, 14, s), closeDate);
    trail.moves.push({ at: at(when, 14, s), category: target.category });
  }
  if (slips) {
    await seedSlip(w, { id, rep, amount, created, closeDate, closedOn: isOpen ? undefined : closeDate, path });
  }
  if (outcome === "open") {
    open.push({ id, rep });
    return;
  }
  const closeDay = addDays(created, closeAfter);
  const last = openStages[hops.length] as StageDef;
  if (outcome === "won") {
    await w.transition("opportunity", id, "opportunity_stage", "close_won", { at: at(closeDay, 17), as });
    trail.moves.push({ at: at(closeDay, 17), category: "closed" });
    await history(last, stages[5] as StageDef, at(closeDay, 17), closeDay);
  } else {
    const reason = weighted(r, LOST_REASONS, LOST_WEIGHTS);
    await w.update(
      "opportunity",
      id,
      { lost_reason: reason, ...(reason === "lost_to_competitor" ? { competitor: pick(r, COMPETITORS) } : {}) },
      { at: at(closeDay, 16), as },
    );
    await w.transition("opportunity", id, "opportunity_stage", "close_lost", { at: at(closeDay, 17), as });
    trail.moves.push({ at: at(closeDay, 17), category: "omitted" });
    await history(last, stages[6] as StageDef, at(closeDay, 17), closeDay);
  }
}
