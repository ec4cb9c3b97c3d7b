import { addDays, int, pick, weighted } from "../random.js";
import type { SeedScale, SeedWriter } from "../types.js";
import { HQ_LIMIT_CAP, HQ_RESERVE_BUDGET, type RegionSeed, regions } from "./regions.js";

/** Seed dates are pinned around this day so every install holds the same story. */
/**
 * The budget period the seed fills: the quarter a month after the install date (the one its
 * approved and pending promotions run in), e.g. 2026-Q3 when installed on 2026-06-15.
 */
export function seedPeriod(today: string): string {
  const d = addDays(today, 30);
  return `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
}

const channels = [
  ["KA", "KA / Modern trade", "KA/现代渠道"],
  ["GT", "Traditional trade", "传统渠道"],
  ["CVS", "Convenience", "便利店"],
  ["EC", "E-commerce", "电商"],
  ["CAT", "Catering", "餐饮"],
] as const;

const skus = [
  ["SKU-001", "Green tea 500ml", "Qingshan", "500ml×15", 3.2, 1.9, 15],
  ["SKU-002", "Jasmine tea 500ml", "Qingshan", "500ml×15", 3.2, 1.9, 15],
  ["SKU-003", "Oolong tea 1L", "Qingshan", "1L×12", 5.8, 3.4, 12],
  ["SKU-004", "Orange juice 1L", "Sunny", "1L×12", 8.5, 5.1, 12],
  ["SKU-005", "Apple juice 1L", "Sunny", "1L×12", 8.5, 5.2, 12],
  ["SKU-006", "Sparkling water 330ml", "Clear", "330ml×24", 2.6, 1.2, 24],
  ["SKU-007", "Mineral water 1.5L", "Clear", "1.5L×12", 2.1, 0.9, 12],
  ["SKU-008", "Yogurt drink 200ml", "Milky", "200ml×24", 3.8, 2.3, 24],
  ["SKU-009", "Coffee latte 280ml", "Bean", "280ml×15", 6.5, 3.6, 15],
  ["SKU-010", "Energy drink 250ml", "Volt", "250ml×24", 5.5, 2.8, 24],
  ["SKU-011", "Instant noodles 5-pack", "Golden", "5×100g", 12.9, 7.8, 6],
  ["SKU-012", "Potato chips 70g", "Crispy", "70g×20", 6.9, 3.5, 20],
] as const;

const cities: Record<string, readonly string[]> = {
  east: ["Hangzhou", "Nanjing", "Suzhou"],
  south: ["Guangzhou", "Shenzhen", "Dongguan"],
  north: ["Beijing", "Tianjin", "Shijiazhuang"],
  southwest: ["Chengdu", "Chongqing", "Kunming"],
};

type Target =
  | "draft"
  | "pending"
  | "rejected"
  | "approved"
  | "in_execution"
  | "ended"
  | "claim_submitted"
  | "settled"
  | "closed"
  | "cancelled"
  | "expired";

const targets: readonly Target[] = [
  "draft",
  "pending",
  "rejected",
  "approved",
  "in_execution",
  "ended",
  "claim_submitted",
  "settled",
  "closed",
  "cancelled",
  "expired",
];
const targetWeights = [8, 9, 4, 8, 10, 10, 6, 10, 21, 6, 8];

interface Ids {
  readonly region: Map<string, string>;
  readonly pool: Map<string, string>;
  readonly customers: Map<string, string[]>;
  readonly stores: Map<string, string[]>;
  readonly skus: string[];
  readonly channels: string[];
}

const at = (date: string, hour = 10) => `${date}T${String(hour).padStart(2, "0")}:00:00.000Z`;

/** Master data, pools and their allocations. */
async function seedMasters(w: SeedWriter, scale: SeedScale): Promise<Ids> {
  const ids: Ids = {
    region: new Map(),
    pool: new Map(),
    customers: new Map(),
    stores: new Map(),
    skus: [],
    channels: [],
  };
  // Master data and budgets exist from the start of the history (164 days before the install).
  const day0 = at(addDays(w.today, -164), 9);
  const period = seedPeriod(w.today);
  for (const [code, en] of channels) ids.channels.push(await w.create("channel", { code, name: en }, { at: day0 }));
  for (const [code, name, brand, pack, list, cost, caseSize] of skus) {
    ids.skus.push(
      await w.create("sku", { code, name, brand, pack, list_price: list, cost, case_size: caseSize }, { at: day0 }),
    );
  }
  const customersPerRegion = scale === "demo" ? 8 : 2;
  const storesPerCustomer = scale === "demo" ? 6 : 3;
  for (const r of regions) {
    const regionId = await w.create(
      "region",
      {
        code: r.code,
        region_no: r.no,
        name: `${r.zh} ${r.en}`,
        manager: w.userId(`tp.${r.code}.manager`),
        director: w.userId(`tp.${r.code}.director`),
        finance_bp: w.userId(`tp.${r.code}.finance`),
        single_request_limit: r.limit,
        hq_limit_cap: HQ_LIMIT_CAP,
        expense_ratio_target: r.target,
      },
      { at: day0 },
    );
    ids.region.set(r.code, regionId);
    const customers: string[] = [];
    const stores: string[] = [];
    for (let c = 1; c <= customersPerRegion; c++) {
      const type = c === 1 ? "distributor" : c % 3 === 0 ? "independent" : "chain";
      const customer = await w.create(
        "customer",
        {
          code: `C-${r.no}-${String(c).padStart(3, "0")}`,
          name: `${r.zh}${type === "distributor" ? "经销商" : "连锁"}${c} ${r.en} ${type} ${c}`,
          type,
          region: regionId,
          channel: ids.channels[c % ids.channels.length],
          credit_grade: pick(w.random, ["A", "A", "B", "B", "C", "D"]),
          is_new: false,
        },
        { at: day0 },
      );
      customers.push(customer);
      for (let s = 1; s <= storesPerCustomer; s++) {
        stores.push(
          await w.create(
            "store",
            {
              code: `S-${r.no}-${String(c).padStart(3, "0")}-${String(s).padStart(2, "0")}`,
              customer,
              city: pick(w.random, cities[r.code] ?? [r.en]),
              region: regionId,
              format: pick(w.random, ["hyper", "super", "super", "cvs"]),
            },
            { at: day0 },
          ),
        );
      }
    }
    ids.customers.set(r.code, customers);
    ids.stores.set(r.code, stores);
    const pool = await w.create(
      "budget_pool",
      {
        code: `POOL-${r.code.toUpperCase()}-${period}`,
        name: `${r.en} ${period}`,
        region: regionId,
        period,
        owner: w.userId(`tp.${r.code}.director`),
      },
      { at: day0, as: "tp.hq.finance" },
    );
    ids.pool.set(r.code, pool);
    await w.create(
      "fund_transaction",
      { pool, type: "ALLOCATE", amount: r.budget, region: regionId, reason: `${period} allocation` },
      { at: day0, as: "tp.hq.finance" },
    );
  }
  const reserve = await w.create(
    "budget_pool",
    { code: `POOL-HQ-RESERVE-${period}`, name: "HQ variable reserve", period },
    { at: day0, as: "tp.hq.finance" },
  );
  ids.pool.set("HQ", reserve);
  await w.create(
    "fund_transaction",
    { pool: reserve, type: "ALLOCATE", amount: HQ_RESERVE_BUDGET, reason: `${period} HQ reserve` },
    { at: day0, as: "tp.hq.finance" },
  );
  return ids;
}

/** One line whose planned cost is about `cost` and whose revenue ROI is about `roi`. */
function lineFor(w: SeedWriter, sku: number, cost: number, roi: number): Record<string, unknown> {
  const [, , , , list] = skus[sku] ?? skus[0];
  const mechanic = weighted(w.random, ["display", "tpr", "scan_back", "promoter", "dm"], [3, 3, 2, 1, 1]);
  const price = list;
  // incremental revenue = (planned − baseline) × price = roi × cost
  const incremental = Math.round((roi * cost) / price);
  const values: Record<string, unknown> = { mechanic, promo_price: price, list_price: list };
  switch (mechanic) {
    case "display": {
      const stores = int(w.random, 2, 10);
      values.store_count = stores;
      values.lump_sum = Math.max(100, Math.round(cost / stores / 100) * 100);
      break;
    }
    case "tpr": {
      const regular = Math.round(list * 1.15 * 100) / 100;
      values.regular_price = regular;
      const units = Math.max(100, Math.round(cost / (regular - price)));
      values.planned_units = units;
      values.baseline_units = Math.max(0, units - incremental);
      return values;
    }
    case "scan_back": {
      const rate = pick(w.random, [0.5, 0.8, 1, 1.2]);
      values.rate_per_unit = rate;
      const units = Math.max(100, Math.round(cost / rate));
      values.planned_units = units;
      values.baseline_units = Math.max(0, units - incremental);
      return values;
    }
    case "promoter": {
      const persons = int(w.random, 1, 4);
      const days = int(w.random, 10, 30);
      values.persons = persons;
      values.days = days;
      values.daily_rate = Math.max(50, Math.round(cost / persons / days));
      break;
    }
    default:
      values.lump_sum = Math.round(cost);
  }
  const baseline = int(w.random, 2_000, 20_000);
  values.baseline_units = baseline;
  values.planned_units = baseline + incremental;
  return values;
}

/** The line's planned cost, as the line's formula computes it. */
function costOf(v: Record<string, unknown>): number {
  const n = (k: string) => Number(v[k] ?? 0);
  let cost: number;
  switch (v.mechanic) {
    case "display":
      cost = n("lump_sum") * Number(v.store_count ?? 1);
      break;
    case "tpr":
      cost = (n("regular_price") - n("promo_price")) * n("planned_units");
      break;
    case "scan_back":
      cost = n("rate_per_unit") * n("planned_units");
      break;
    case "promoter":
      cost = n("persons") * n("days") * n("daily_rate");
      break;
    default:
      cost = n("lump_sum");
  }
  return Math.round(cost * 100) / 100;
}

/** The approvers the matrix of §2.5 puts on a request, in order (the seed's lines never need Pricing, GM or KA). */
function chain(r: RegionSeed, spend: number, revenue: number, urgent: boolean): string[] {
  const steps = [`tp.${r.code}.manager`];
  if (spend > 20_000 || urgent) steps.push(`tp.${r.code}.director`);
  steps.push(`tp.${r.code}.finance`);
  if (spend > r.limit) steps.push("tp.hq.trade");
  if (spend > r.limit || revenue < spend) steps.push("tp.hq.finance");
  return steps;
}

/**
 * The template's data: 23 regions with limits and pools (plus the HQ reserve), channels,
 * customers, stores, SKUs, and requests in every status, driven through the real workflow
 * actions so the ledger is consistent; sales actuals for the settled ones.
 */
export async function seedPromotion(w: SeedWriter, options: { readonly scale: SeedScale }): Promise<void> {
  const ids = await seedMasters(w, options.scale);
  const total = options.scale === "demo" ? 2_000 : 46;
  const budgetTotal = regions.reduce((s, r) => s + r.budget, 0);
  const available = new Map(regions.map((r) => [r.code, r.budget]));
  for (let n = 0; n < total; n++) {
    // Test scale: two requests in every region; demo: regions weighted by their budget.
    const r =
      options.scale === "test"
        ? (regions[n % regions.length] as RegionSeed)
        : weighted(
            w.random,
            regions,
            regions.map((x) => x.budget / budgetTotal),
          );
    const target: Target =
      options.scale === "test" ? (targets[n % targets.length] as Target) : weighted(w.random, targets, targetWeights);
    const perRegion = (total * r.budget) / budgetTotal;
    const big = w.random() < 0.05;
    const spend = big
      ? Math.round((r.limit * (1.1 + w.random() * 0.1)) / 100) * 100
      : Math.round((((r.budget * 0.55) / perRegion) * (0.4 + w.random() * 1.2)) / 100) * 100;
    const roi = w.random() < 0.1 ? 0.6 + w.random() * 0.3 : 1.2 + w.random() * 2.5;
    await seedRequest(w, ids, r, target, Math.min(spend, r.limit * 1.2), roi, available, n);
    if (n % 200 === 199) w.progress(`promotions ${n + 1} / ${total}`);
  }
}

function datesFor(w: SeedWriter, target: Target): { from: string; to: string; created: string } {
  const A = w.today;
  let from: string;
  let to: string;
  switch (target) {
    case "draft":
    case "pending":
    case "rejected":
    case "approved":
    case "cancelled":
      from = addDays(A, int(w.random, 12, 60));
      to = addDays(from, int(w.random, 14, 30));
      return { from, to, created: addDays(A, -int(w.random, 1, 10)) };
    case "in_execution":
      from = addDays(A, -int(w.random, 1, 12));
      to = addDays(A, int(w.random, 3, 30));
      break;
    case "ended":
    case "claim_submitted":
      to = addDays(A, -int(w.random, 25, 70));
      from = addDays(to, -int(w.random, 14, 30));
      break;
    case "settled":
    case "closed":
      to = addDays(A, -int(w.random, 30, 80));
      from = addDays(to, -int(w.random, 14, 30));
      break;
    case "expired":
      to = addDays(A, -int(w.random, 95, 120));
      from = addDays(to, -int(w.random, 14, 21));
      break;
  }
  return { from, to, created: addDays(from, -int(w.random, 15, 25)) };
}

async function seedRequest(
  w: SeedWriter,
  ids: Ids,
  r: RegionSeed,
  target: Target,
  spend: number,
  roi: number,
  available: Map<string, number>,
  n: number,
): Promise<void> {
  const rep = `tp.${r.code}.rep`;
  const { from, to, created } = datesFor(w, target);
  // Inside the submission window (1st–15th, for next month or later) or marked Urgent.
  const nextMonth = addDays(`${created.slice(0, 8)}01`, 32).slice(0, 8);
  const urgent = !(Number(created.slice(8, 10)) <= 15 && from >= `${nextMonth}01`);
  const customers = ids.customers.get(r.code) ?? [];
  const customer = customers[n % customers.length];
  const skuIndex = int(w.random, 0, skus.length - 1);
  const id = await w.create(
    "promotion",
    {
      title: `${r.zh} ${skus[skuIndex]?.[1]} ${from.slice(0, 7)}`,
      region: ids.region.get(r.code),
      customer,
      pool: ids.pool.get(r.code),
      objective: pick(w.random, ["volume", "trial", "defend", "clearance"]),
      sell_in_from: addDays(from, -7),
      sell_in_to: addDays(to, -3),
      in_store_from: from,
      in_store_to: to,
      urgent,
    },
    { as: rep, at: at(created, 9) },
  );
  const line = lineFor(w, skuIndex, spend, roi);
  await w.create(
    "promotion_line",
    { promotion: id, sku: ids.skus[skuIndex], ...line },
    { as: rep, at: at(created, 9) },
  );
  if (target === "draft") return;
  // The line's cost is rounded: the matrix sees the line's own planned cost.
  const planned = costOf(line);
  const left = available.get(r.code) ?? 0;
  if (planned > left) return; // the pool is spent: this one stays a draft
  await w.approval("promotion", id, "submit", { as: rep, at: at(created, 10) });
  available.set(r.code, left - planned);
  const revenue =
    Math.round((Number(line.planned_units ?? 0) - Number(line.baseline_units ?? 0)) * Number(line.promo_price) * 100) /
    100;
  const approvers = chain(r, planned, revenue, urgent);
  if (target === "pending") {
    if (approvers.length > 1 && w.random() < 0.5)
      await w.approval("promotion", id, "approve", { as: approvers[0], at: at(addDays(created, 1)) });
    return;
  }
  if (target === "rejected") {
    await w.approval("promotion", id, "reject", {
      as: approvers[0],
      at: at(addDays(created, 1)),
      comment: pick(w.random, ["ROI below 1.0, cut display fee", "Overlaps another promotion", "Baseline too low"]),
    });
    available.set(r.code, (available.get(r.code) ?? 0) + planned);
    return;
  }
  for (const [i, who] of approvers.entries())
    await w.approval("promotion", id, "approve", { as: who, at: at(addDays(created, 1 + i)) });
  if (target === "approved") return;
  if (target === "cancelled") {
    await w.transition("promotion", id, "lifecycle", "cancel", { as: rep, at: at(addDays(from, -5)) });
    available.set(r.code, (available.get(r.code) ?? 0) + planned);
    return;
  }
  await w.transition("promotion", id, "lifecycle", "start", { as: "tp.hq.admin", at: at(from, 0) });
  if (target === "in_execution") return;
  await w.transition("promotion", id, "lifecycle", "end", { as: "tp.hq.admin", at: at(addDays(to, 1), 0) });
  if (target === "ended") return;
  if (target === "expired") {
    await w.transition("promotion", id, "lifecycle", "expire", { as: "tp.hq.admin", at: at(addDays(to, 91), 0) });
    available.set(r.code, (available.get(r.code) ?? 0) + planned);
    return;
  }
  const finance = `tp.${r.code}.finance`;
  const claimAt = at(addDays(to, int(w.random, 3, 20)));
  const claim = await w.create(
    "claim",
    {
      promotion: id,
      region: ids.region.get(r.code),
      claimed_amount: planned,
      payment_method: pick(w.random, ["credit_note", "deduction", "cash"]),
    },
    { as: rep, at: claimAt },
  );
  const stores = ids.stores.get(r.code) ?? [];
  // The rep files the signed agreement and, per store, the on-site photos (records standing for
  // the uploaded files; most stores have the 3 photos the rule asks for, some fewer).
  await w.create("claim_document", { claim, type: "agreement" }, { as: rep, at: claimAt });
  const pieces = 2;
  let verified = 0;
  for (let s = 0; s < pieces; s++) {
    const amount = Math.round((planned / pieces) * 100) / 100;
    const evidence = await w.create(
      "claim_evidence",
      { claim, store: stores[(n + s) % stores.length], amount },
      { as: rep, at: claimAt },
    );
    const complete = w.random() < 0.85;
    if (complete) verified += amount;
    const photos = complete ? 3 : int(w.random, 0, 2);
    for (let p = 0; p < photos; p++)
      await w.create("evidence_photo", { evidence, claim, taken_at: at(to, 9 + p) }, { as: rep, at: claimAt });
  }
  await w.transition("promotion", id, "lifecycle", "submit_claim", { as: rep, at: claimAt });
  if (target === "claim_submitted") return;
  const verifyAt = at(addDays(to, 22));
  // Claims above the region's limit are HQ Finance's to verify.
  const verifier = planned > r.limit ? "tp.hq.finance" : finance;
  await w.transition("claim", claim, "claim_flow", "verify", { as: verifier, at: verifyAt });
  await w.transition("promotion", id, "lifecycle", "settle", { as: finance, at: verifyAt });
  // The installer seeds before automations are registered: write what `release_unclaimed_rest`
  // would (the same ledger row, through the same service).
  const rest = Math.round((planned - Math.min(verified, planned)) * 100) / 100;
  if (rest > 0) {
    await w.create(
      "fund_transaction",
      {
        pool: ids.pool.get(r.code),
        type: "RELEASE",
        amount: rest,
        promotion: id,
        region: ids.region.get(r.code),
        reason: "settlement: unclaimed rest",
      },
      { at: verifyAt },
    );
  }
  const incrementalUnits = int(w.random, 500, 8_000);
  await w.create(
    "sales_actual",
    {
      week: to,
      region: ids.region.get(r.code),
      customer,
      sku: ids.skus[int(w.random, 0, skus.length - 1)],
      promotion: id,
      units: incrementalUnits * 3,
      incremental_units: incrementalUnits,
      net_sales: Math.round(planned * (6 + w.random() * 10)),
      incremental_revenue: Math.round(planned * roi),
      incremental_margin: Math.round(planned * roi * 0.35),
      source: "sell_out",
    },
    { at: verifyAt },
  );
  if (target === "settled") return;
  const paidAt = at(addDays(to, 30));
  await w.create(
    "payment",
    {
      claim,
      promotion: id,
      amount: Math.min(verified, planned),
      method: "credit_note",
      reference: `PAY-${n}`,
      paid_at: paidAt,
    },
    { as: finance, at: paidAt },
  );
  await w.transition("promotion", id, "lifecycle", "close", { as: finance, at: paidAt });
}
