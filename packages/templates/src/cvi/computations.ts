import { l } from "./labels.js";

const onRun = { entity: "score_run", workflow: "run_status", transition: "run" } as const;
const thisPeriod = { period: "period" } as const;

/**
 * Peer groups (sales-domain §3.2): role × region when it has at least 5 people with a value in
 * the dimension, otherwise the company-wide role group; and the raw value counted (capped, e.g.
 * D3's 20 points a quarter).
 */
const peerGroups = {
  id: "peer_groups",
  label: l("Peer groups", "同类组"),
  entity: "dimension_score",
  runOn: onRun,
  match: thisPeriod,
  where: "snapshots > 0",
  stats: { n: { aggregate: "count", partitionBy: ["dimension", "job_role", "region"] } },
  values: {
    metric: "IF(ISBLANK(raw_cap), raw_value, MIN(raw_value, raw_cap))",
    group_n: "$stats.n",
    peer_group: "IF($stats.n >= 5, job_role & '·' & region, job_role & '·*')",
  },
};

/**
 * Normalisation per dimension (its definition's method): target attainment (target prorated for
 * joiners and leavers) with floor and cap,
 * winsorised min–max over p5–p95 of the peer group (p5 = p95 → 100 for everyone, flagged),
 * mid-rank percentile, or 50 + 10z.
 */
const normalise = {
  id: "normalise",
  label: l("Normalise", "归一化"),
  entity: "dimension_score",
  runOn: onRun,
  match: thisPeriod,
  where: "snapshots > 0",
  stats: {
    p5: { aggregate: "percentile", field: "metric", p: 5, partitionBy: ["dimension", "peer_group"] },
    p95: { aggregate: "percentile", field: "metric", p: 95, partitionBy: ["dimension", "peer_group"] },
    rank: { aggregate: "percentRank", field: "metric", partitionBy: ["dimension", "peer_group"] },
    mu: { aggregate: "avg", field: "metric", partitionBy: ["dimension", "peer_group"] },
    sd: { aggregate: "stdev", field: "metric", partitionBy: ["dimension", "peer_group"] },
  },
  values: {
    edge_case: "method = 'minmax' AND $stats.p95 = $stats.p5",
    normalised: `ROUND(IFS(
      method = 'target', IF(metric / target_prorated < floor, 0, MIN(metric / target_prorated, cap) * 100),
      method = 'minmax', IF($stats.p95 = $stats.p5, 100, CLAMP((metric - $stats.p5) / ($stats.p95 - $stats.p5), 0, 1) * 100),
      method = 'percentile', $stats.rank * 100,
      method = 'zscore', IF(COALESCE($stats.sd, 0) = 0, 50, CLAMP(50 + 10 * (metric - $stats.mu) / $stats.sd, 0, 100))
    ), 2)`,
    gap_to_target: "IF(method = 'target', MAX(0, target_prorated - metric), BLANK)",
  },
  summary: {
    scored: { aggregate: "count" },
    edge_cases: { aggregate: "count", filter: "edge_case" },
  },
};

/** Renormalisation: a missing dimension's weight is spread over the available ones (w / Σ available w). */
const renormalise = {
  id: "renormalise",
  label: l("Weights and contributions", "权重与贡献"),
  entity: "dimension_score",
  runOn: onRun,
  match: thisPeriod,
  stats: { available: { aggregate: "sum", field: "weight", filter: "snapshots > 0", partitionBy: ["employee"] } },
  values: {
    missing: "snapshots = 0",
    effective_weight: "IF(missing, BLANK, ROUND(weight * 100 / $stats.available, 4))",
    contribution: "IF(missing, BLANK, ROUND(normalised * effective_weight / 100, 4))",
    normalised: "IF(missing, BLANK, normalised)",
  },
  summary: { missing_dimensions: { aggregate: "count", filter: "missing" } },
};

/**
 * CVI = Σ contributions (1 decimal), approved calibration, provisional while the period is open;
 * the KPI score and bonus of the old track copied from its KPI record.
 */
const aggregate = {
  id: "cvi",
  label: l("CVI", "CVI"),
  entity: "cvi_score",
  runOn: onRun,
  match: thisPeriod,
  values: {
    cvi: "IF(ISBLANK(cvi_raw), BLANK, ROUND(cvi_raw, 1))",
    renormalised: "COALESCE(missing_dims, 0) > 0",
    calibration_delta: "COALESCE(calibration_total, 0)",
    provisional: "period.status IN ('draft', 'open')",
    kpi_score: "IF(ISBLANK(kpi), kpi_score, kpi.kpi)",
    kpi_bonus: "IF(ISBLANK(kpi), kpi_bonus, kpi.kpi_bonus)",
  },
  summary: { renormalised: { aggregate: "count", filter: "renormalised" } },
};

/**
 * Places and bases: percentile in the peer group (mid-rank), quintile band, the eligibility
 * gate, Method A's basis (CVI × target bonus) and Method B's curve, and the dual-track quadrant
 * (split at the peer median of the dual-track people).
 */
const placesAndBases = {
  id: "places",
  label: l("Percentiles and bonus bases", "百分位与奖金基数"),
  entity: "cvi_score",
  runOn: onRun,
  match: thisPeriod,
  where: "NOT ISBLANK(final_cvi)",
  stats: {
    rank: { aggregate: "percentRank", field: "final_cvi", partitionBy: ["peer_group"] },
    kpi_median: {
      aggregate: "percentile",
      field: "kpi_score",
      p: 50,
      filter: "track = 'dual'",
      partitionBy: ["peer_group"],
    },
    cvi_median: {
      aggregate: "percentile",
      field: "final_cvi",
      p: 50,
      filter: "track = 'dual'",
      partitionBy: ["peer_group"],
    },
  },
  values: {
    percentile_in_peer: "ROUND($stats.rank * 100, 1)",
    quintile: "5 - MIN(4, FLOOR($stats.rank * 5))",
    share_basis: "IF(final_cvi >= pool.eligibility_threshold, final_cvi * COALESCE(target_bonus, 0), 0)",
    curve_raw: `ROUND(COALESCE(target_bonus, 0) * IFS(
      final_cvi < 60, 0,
      final_cvi <= 100, 0.5 + 0.5 * (final_cvi - 60) / 40,
      TRUE, 1 + 0.5 * (MIN(final_cvi, 120) - 100) / 20
    ), 2)`,
    quadrant: `IF(track <> 'dual' OR ISBLANK(kpi_score), BLANK,
      IF(kpi_score >= $stats.kpi_median,
        IF(final_cvi >= $stats.cvi_median, 'hh', 'hl'),
        IF(final_cvi >= $stats.cvi_median, 'lh', 'll')))`,
  },
};

/**
 * Bonuses, per bonus pool (company, region or team): Method A spends the pool exactly over its
 * eligible people; Method B pays the curve scaled down to the pool. Then the pay rule of the person's track (dual: hold-harmless, shadow or
 * blend), the change against the KPI bonus, and the dual-track report on the run.
 */
const bonuses = {
  id: "bonuses",
  label: l("Bonuses and the dual-track report", "奖金与双轨报告"),
  entity: "cvi_score",
  runOn: onRun,
  match: thisPeriod,
  where: "NOT ISBLANK(final_cvi)",
  stats: {
    share_total: { aggregate: "sum", field: "share_basis", partitionBy: ["pool"] },
    curve_total: { aggregate: "sum", field: "curve_raw", partitionBy: ["pool"] },
  },
  values: {
    cvi_bonus: `ROUND(IF(pool.method = 'share',
      IF($stats.share_total > 0, pool.amount * share_basis / $stats.share_total, 0),
      IF($stats.curve_total > 0, curve_raw * MIN(1, pool.amount / $stats.curve_total), 0)), 2)`,
    rule_applied: `IFS(track = 'kpi', 'kpi', track = 'cvi', 'cvi',
      period.pay_rule = 'hold_harmless', 'hold_harmless', period.pay_rule = 'shadow', 'shadow', TRUE, 'blend')`,
    paid_bonus: `ROUND(IFS(
      rule_applied = 'kpi', COALESCE(kpi_bonus, 0),
      rule_applied = 'cvi', cvi_bonus,
      rule_applied = 'hold_harmless', MAX(COALESCE(kpi_bonus, 0), cvi_bonus),
      rule_applied = 'shadow', COALESCE(kpi_bonus, 0),
      TRUE, period.blend_alpha * cvi_bonus + (1 - period.blend_alpha) * COALESCE(kpi_bonus, 0)), 2)`,
    hold_gap: "IF(rule_applied = 'hold_harmless', paid_bonus - cvi_bonus, 0)",
    bonus_change_pct:
      "IF(track = 'dual' AND kpi_bonus > 0, ROUND((cvi_bonus - kpi_bonus) / kpi_bonus * 100, 1), BLANK)",
    change_band: `IF(ISBLANK(bonus_change_pct), BLANK,
      IF(bonus_change_pct < -20, 'cvi_lower', IF(bonus_change_pct > 20, 'cvi_higher', 'within')))`,
  },
  summary: {
    dual_people: { aggregate: "count", filter: "track = 'dual'" },
    rho: { aggregate: "spearman", field: "kpi_score", with: "final_cvi", filter: "track = 'dual'" },
    cvi_lower_20: { aggregate: "count", filter: "change_band = 'cvi_lower'" },
    cvi_higher_20: { aggregate: "count", filter: "change_band = 'cvi_higher'" },
    total_cvi_bonus: { aggregate: "sum", field: "cvi_bonus" },
    total_paid: { aggregate: "sum", field: "paid_bonus" },
    dual_kpi_baseline: { aggregate: "sum", field: "kpi_bonus", filter: "track = 'dual'" },
    dual_paid: { aggregate: "sum", field: "paid_bonus", filter: "track = 'dual'" },
  },
};

/**
 * The process reward fund: award = R × points / Σ points, at most cap % of R per person
 * (a person's claims share their capped award pro rata); the unpaid rest rolls over.
 */
const rewards = {
  id: "rewards",
  label: l("Process rewards", "过程奖励"),
  entity: "reward_claim",
  runOn: { entity: "reward_fund", workflow: "fund_status", transition: "allocate" },
  match: thisPeriod,
  where: "status = 'approved'",
  stats: {
    total: { aggregate: "sum", field: "points" },
    person: { aggregate: "sum", field: "points", partitionBy: ["employee"] },
  },
  values: {
    uncapped: "ROUND($run.amount * points / $stats.total, 2)",
    capped: "$run.amount * $stats.person / $stats.total > $run.amount * $run.cap_pct / 100",
    award: `ROUND(MIN($run.amount * $stats.person / $stats.total, $run.amount * $run.cap_pct / 100)
      * points / $stats.person, 2)`,
  },
  summary: {
    total_points: { aggregate: "sum", field: "points" },
    paid: { aggregate: "sum", field: "award" },
    capped_people: { aggregate: "count", filter: "capped" },
  },
};

/**
 * Promotion eligibility (sales-domain §3.4): mean CVI over the last 4 quarters ≥ 85, no dimension
 * below 40 in the last 2, and in the top 20 % of the peer group in at least 2 of the last 4. The
 * statistics span every period (no match), per employee; only this run's period is written.
 */
const last4 = "period_end <= $run.period_end AND period_end > DATEADD($run.period_end, -12, 'month')";
const last2 = "period_end <= $run.period_end AND period_end > DATEADD($run.period_end, -6, 'month')";
const promotion = {
  id: "promotion",
  label: l("Promotion eligibility", "晋升资格"),
  entity: "cvi_score",
  runOn: onRun,
  stats: {
    mean4: { aggregate: "avg", field: "final_cvi", filter: last4, partitionBy: ["employee"] },
    min2: { aggregate: "min", field: "min_dimension", filter: last2, partitionBy: ["employee"] },
    top4: { aggregate: "count", filter: `${last4} AND quintile = 1`, partitionBy: ["employee"] },
  },
  values: {
    mean_cvi_4q: "IF(period = $run.period, ROUND($stats.mean4, 1), mean_cvi_4q)",
    promotion_eligible: `IF(period = $run.period,
      COALESCE($stats.mean4 >= 85 AND $stats.min2 >= 40 AND $stats.top4 >= 2, FALSE),
      promotion_eligible)`,
  },
  summary: {
    promotion_eligible: { aggregate: "count", filter: "period = $run.period AND promotion_eligible" },
  },
};

/** Leaderboard lines: the final CVI and opt-in copied from the score, then the rank among the opted-in. */
const leaderboardCopy = {
  id: "leaderboard",
  label: l("Leaderboard", "排行榜"),
  entity: "leaderboard_entry",
  runOn: onRun,
  match: thisPeriod,
  values: {
    final_cvi: "cvi.final_cvi",
    opted_in: "COALESCE(cvi.employee.leaderboard_opt_in, FALSE)",
  },
};
const leaderboardRank = {
  id: "leaderboard_rank",
  label: l("Leaderboard ranks", "排行榜名次"),
  entity: "leaderboard_entry",
  runOn: onRun,
  match: thisPeriod,
  stats: { rank: { aggregate: "rank", field: "final_cvi", filter: "opted_in" } },
  values: { rank: "IF(opted_in, $stats.rank, BLANK)" },
};

export const computations = [
  peerGroups,
  normalise,
  renormalise,
  aggregate,
  placesAndBases,
  bonuses,
  promotion,
  leaderboardCopy,
  leaderboardRank,
  rewards,
];
