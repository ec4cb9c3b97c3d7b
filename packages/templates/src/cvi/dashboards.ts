import { l } from "./labels.js";

type Column = { field: string };
const cols = (...fields: string[]): Column[] => fields.map((field) => ({ field }));
const table = (id: string, en: string, zh: string, entity: string, columns: Column[], roles?: string[]) => ({
  kind: "table",
  id,
  label: l(en, zh),
  entity,
  columns,
  ...(roles ? { roles } : {}),
});

/**
 * The quarter being scored: its period is open or on its way to final. The personal KPIs read it
 * alone (without it "all time" would average and add up every quarter); the trend shows them all.
 */
const CURRENT = "period.status IN ('open', 'locked', 'calibration', 'published', 'appeal')";

/**
 * The personal scorecard: every widget reads through the reader's row scope, so an employee
 * sees only their own scores (a manager sees their own and their reports').
 */
const personal = {
  kind: "dashboard",
  id: "my_scorecard",
  label: l("My scorecard", "我的计分卡"),
  roles: ["employee", "manager"],
  filters: [{ id: "period", entity: "cvi_score", field: "period", label: l("Period", "考核期") }],
  widgets: [
    {
      id: "cvi",
      label: l("This quarter's CVI (provisional until published)", "本季度 CVI（发布前为暂定）"),
      type: "kpi",
      query: { entity: "cvi_score", filter: CURRENT, measures: [{ id: "cvi", aggregate: "avg", field: "final_cvi" }] },
      layout: { x: 0, y: 0, w: 3, h: 2 },
    },
    {
      id: "band",
      label: l("Peer quintile (1 = top 20 %)", "同类组五分位（1 = 前 20%）"),
      type: "kpi",
      query: {
        entity: "cvi_score",
        filter: CURRENT,
        measures: [{ id: "quintile", aggregate: "min", field: "quintile" }],
      },
      layout: { x: 3, y: 0, w: 3, h: 2 },
    },
    {
      id: "projected_bonus",
      label: l("Projected bonus (current pool)", "预计奖金（按当前奖金池）"),
      type: "kpi",
      format: "currency",
      query: {
        entity: "cvi_score",
        filter: CURRENT,
        measures: [{ id: "bonus", aggregate: "sum", field: "paid_bonus" }],
      },
      layout: { x: 6, y: 0, w: 3, h: 2 },
    },
    {
      id: "claims",
      label: l("My process-reward claims", "我的过程奖励申请"),
      type: "table",
      query: {
        entity: "reward_claim",
        groupBy: [{ field: "status" }],
        measures: [
          { id: "claims", label: l("Claims", "申请数"), aggregate: "count" },
          { id: "points", label: l("Points", "积分"), aggregate: "sum", field: "points" },
          { id: "award", label: l("Award", "奖励"), aggregate: "sum", field: "award" },
        ],
      },
      layout: { x: 9, y: 0, w: 3, h: 4 },
    },
    {
      id: "dimensions",
      label: l(
        "This quarter by dimension: raw, score, weight, contribution, gap",
        "本季度分维度：原始值、得分、权重、贡献、差距",
      ),
      type: "table",
      query: {
        entity: "dimension_score",
        filter: CURRENT,
        groupBy: [{ field: "dimension" }],
        measures: [
          { id: "raw", label: l("Raw", "原始值"), aggregate: "sum", field: "raw_value" },
          { id: "score", label: l("Score", "得分"), aggregate: "avg", field: "normalised" },
          { id: "weight", label: l("Weight %", "权重 %"), aggregate: "avg", field: "effective_weight" },
          { id: "contribution", label: l("Contribution", "贡献"), aggregate: "sum", field: "contribution" },
          { id: "gap", label: l("Gap to target", "距目标"), aggregate: "sum", field: "gap_to_target" },
        ],
      },
      layout: { x: 0, y: 2, w: 9, h: 4 },
    },
    {
      id: "trend",
      label: l("4-quarter trend", "近四个季度趋势"),
      type: "line",
      query: {
        entity: "cvi_score",
        groupBy: [{ field: "period_code" }],
        measures: [{ id: "cvi", aggregate: "avg", field: "final_cvi" }],
        sort: [{ by: "period_code", direction: "asc" }],
      },
      layout: { x: 0, y: 6, w: 12, h: 4 },
    },
  ],
};

/** The manager's view: distribution, heat map (person × dimension), missing evidence, calibration. */
const team = {
  kind: "dashboard",
  id: "team_view",
  label: l("Team", "团队视图"),
  roles: ["manager", "hr", "exec"],
  filters: [{ id: "period", entity: "cvi_score", field: "period", label: l("Period", "考核期") }],
  widgets: [
    {
      id: "histogram",
      label: l("CVI distribution", "CVI 分布"),
      type: "bar",
      query: {
        entity: "cvi_score",
        groupBy: [{ field: "cvi_band" }],
        measures: [{ id: "people", aggregate: "count" }],
      },
    },
    {
      id: "heatmap",
      label: l("Heat map: person × dimension (score)", "热力图：人员 × 维度（得分）"),
      type: "table",
      query: {
        entity: "dimension_score",
        groupBy: [{ field: "employee" }, { field: "dimension" }],
        measures: [{ id: "score", label: l("Score", "得分"), aggregate: "avg", field: "normalised" }],
        limit: 2000,
      },
    },
    {
      id: "missing",
      label: l("Missing evidence", "缺失证据"),
      type: "table",
      query: {
        entity: "dimension_score",
        filter: "missing",
        groupBy: [{ field: "employee" }, { field: "dimension" }],
        measures: [{ id: "count", aggregate: "count" }],
      },
    },
    {
      id: "calibration",
      label: l("Calibration notes", "校准记录"),
      type: "table",
      query: {
        entity: "calibration_note",
        groupBy: [{ field: "status" }],
        measures: [
          { id: "notes", label: l("Notes", "条数"), aggregate: "count" },
          { id: "delta", label: l("Σ delta", "调整合计"), aggregate: "sum", field: "delta" },
        ],
      },
    },
  ],
};

/** HR and exec: company distribution, pools, calibration, appeals and the dual-track report. */
const company = {
  kind: "dashboard",
  id: "hr_view",
  label: l("HR / Exec", "HR / 高管视图"),
  roles: ["hr", "exec"],
  filters: [{ id: "period", entity: "cvi_score", field: "period", label: l("Period", "考核期") }],
  widgets: [
    {
      id: "by_role_region",
      label: l("CVI by role and region", "按岗位与区域的 CVI"),
      type: "table",
      query: {
        entity: "cvi_score",
        groupBy: [{ field: "job_role" }, { field: "region" }],
        measures: [
          { id: "people", label: l("People", "人数"), aggregate: "count" },
          { id: "cvi", label: l("Mean CVI", "平均 CVI"), aggregate: "avg", field: "final_cvi" },
        ],
      },
    },
    {
      id: "pool",
      label: l("Pool utilisation", "奖金池使用"),
      type: "table",
      query: {
        entity: "period",
        groupBy: [{ field: "code" }],
        measures: [
          { id: "pool", label: l("Pools", "奖金池"), aggregate: "sum", field: "total_pool" },
          { id: "cvi_bonus", label: l("Σ CVI bonus", "CVI 奖金合计"), aggregate: "sum", field: "total_cvi_bonus" },
          { id: "paid", label: l("Σ paid", "实发合计"), aggregate: "sum", field: "total_paid" },
        ],
      },
    },
    {
      id: "calibration_deltas",
      label: l("Calibration deltas", "校准调整"),
      type: "bar",
      query: {
        entity: "calibration_note",
        groupBy: [{ field: "status" }],
        measures: [{ id: "delta", aggregate: "sum", field: "delta" }],
      },
    },
    {
      id: "appeals",
      label: l("Appeals", "申诉"),
      type: "pie",
      query: { entity: "appeal", groupBy: [{ field: "decision" }], measures: [{ id: "appeals", aggregate: "count" }] },
    },
    {
      id: "quadrants",
      label: l("Dual track: KPI × CVI quadrants", "双轨：KPI × CVI 象限"),
      type: "bar",
      query: {
        entity: "cvi_score",
        filter: "track = 'dual'",
        groupBy: [{ field: "quadrant" }],
        measures: [{ id: "people", aggregate: "count" }],
      },
    },
    {
      id: "bonus_change",
      label: l("Dual track: bonus change vs KPI", "双轨：相对 KPI 的奖金变化"),
      type: "table",
      query: {
        entity: "cvi_score",
        filter: "track = 'dual'",
        groupBy: [{ field: "change_band" }],
        measures: [
          { id: "people", label: l("People", "人数"), aggregate: "count" },
          { id: "kpi", label: l("Σ KPI bonus", "KPI 奖金合计"), aggregate: "sum", field: "kpi_bonus" },
          { id: "cvi", label: l("Σ CVI bonus", "CVI 奖金合计"), aggregate: "sum", field: "cvi_bonus" },
          { id: "paid", label: l("Σ paid", "实发合计"), aggregate: "sum", field: "paid_bonus" },
        ],
      },
    },
    {
      id: "runs",
      label: l("Scoring runs: ρ, edge cases, cost", "评分运行：ρ、边界情况、成本"),
      type: "table",
      query: {
        entity: "score_run",
        groupBy: [{ field: "period" }],
        measures: [
          { id: "rho", label: l("ρ", "ρ"), aggregate: "avg", field: "rho" },
          { id: "lower", label: l("CVI < KPI by > 20 %", "低 20% 以上"), aggregate: "max", field: "cvi_lower_20" },
          { id: "higher", label: l("CVI > KPI by > 20 %", "高 20% 以上"), aggregate: "max", field: "cvi_higher_20" },
          { id: "edge", label: l("Edge cases", "边界情况"), aggregate: "max", field: "edge_cases" },
          { id: "cost", label: l("Cost vs KPI", "相对 KPI 成本"), aggregate: "sum", field: "cost_difference" },
        ],
      },
    },
  ],
};

/** Finance: what is paid, against the pools (finance reads paid amounts, not the scores behind them). */
const payout = {
  kind: "dashboard",
  id: "payout",
  label: l("Pay-out", "奖金发放"),
  roles: ["finance", "hr", "exec"],
  widgets: [
    {
      id: "pools",
      label: l("Pools and pay-out by period", "各考核期奖金池与发放"),
      type: "table",
      query: {
        entity: "period",
        groupBy: [{ field: "code" }, { field: "status" }],
        measures: [
          { id: "pool", label: l("Pools", "奖金池"), aggregate: "sum", field: "total_pool" },
          { id: "cvi_bonus", label: l("Σ CVI bonus", "CVI 奖金合计"), aggregate: "sum", field: "total_cvi_bonus" },
          {
            id: "top_up",
            label: l("Σ hold-harmless top-up", "保底补差合计"),
            aggregate: "sum",
            field: "total_hold_gap",
          },
          { id: "paid", label: l("Σ paid", "实发合计"), aggregate: "sum", field: "total_paid" },
        ],
      },
    },
    {
      id: "paid_by_region",
      label: l("Paid by region", "各区域实发"),
      type: "bar",
      format: "currency",
      query: {
        entity: "cvi_score",
        groupBy: [{ field: "region" }],
        measures: [{ id: "paid", aggregate: "sum", field: "paid_bonus" }],
      },
    },
    {
      id: "rewards",
      label: l("Process reward funds", "过程奖励基金"),
      type: "table",
      query: {
        entity: "reward_fund",
        groupBy: [{ field: "name" }],
        measures: [
          { id: "r", label: l("R", "R"), aggregate: "sum", field: "amount" },
          { id: "paid", label: l("Paid", "已发放"), aggregate: "sum", field: "paid" },
          { id: "rollover", label: l("Rolls over", "结转"), aggregate: "sum", field: "rollover" },
        ],
      },
    },
  ],
};

export const pages = [
  personal,
  team,
  company,
  payout,
  table(
    "scores",
    "CVI scores",
    "CVI 得分",
    "cvi_score",
    cols(
      "period",
      "employee",
      "final_cvi",
      "provisional",
      "renormalised",
      "percentile_in_peer",
      "cvi_bonus",
      "paid_bonus",
    ),
  ),
  table(
    "dimension_scores",
    "Dimension scores",
    "维度得分",
    "dimension_score",
    cols("period", "employee", "dimension", "raw_value", "normalised", "effective_weight", "contribution", "edge_case"),
    ["employee", "manager", "hr", "exec"],
  ),
  table(
    "calibration",
    "Calibration",
    "校准",
    "calibration_note",
    cols("cvi", "delta", "reason", "needs_hr_review", "status"),
    ["manager", "hr", "exec"],
  ),
  table(
    "claims",
    "Process rewards",
    "过程奖励",
    "reward_claim",
    cols("period", "employee", "contribution_type", "points", "status", "award"),
  ),
  table("appeals", "Appeals", "申诉", "appeal", cols("score", "period_code", "dimension", "reason", "decision"), [
    "employee",
    "manager",
    "hr",
    "exec",
  ]),
  table(
    "periods",
    "Periods",
    "考核期",
    "period",
    cols("code", "status", "total_pool", "pay_rule", "total_cvi_bonus", "total_paid"),
  ),
  table(
    "weights",
    "Weight schemes",
    "权重方案",
    "weight_scheme",
    cols("scheme_version", "period", "role_scope", "w_d1", "w_d2", "w_d3", "w_d4", "w_d5", "total", "approved_by"),
  ),
  {
    kind: "table",
    id: "leaderboard",
    label: l("Leaderboard", "排行榜"),
    entity: "leaderboard_entry",
    columns: cols("period", "rank", "name", "team", "final_cvi"),
    sort: [{ by: "rank", direction: "asc" }],
    roles: ["employee", "manager", "hr", "exec"],
  },
  table(
    "kpis",
    "KPI scores (old track)",
    "KPI 得分（原考核）",
    "kpi_score",
    cols("period", "employee", "revenue_attainment", "new_accounts_attainment", "kpi", "kpi_bonus"),
    ["employee", "manager", "hr", "exec", "finance"],
  ),
  table(
    "pools",
    "Bonus pools",
    "奖金池",
    "bonus_pool",
    cols("name", "period", "scope", "region", "team", "amount", "method", "allocated"),
  ),
  table("dimensions", "Dimensions", "维度", "dimension_def", cols("code", "name", "normalisation", "target", "cap")),
  table(
    "employees",
    "Employees",
    "员工",
    "employee",
    cols("name", "job_role", "region", "team", "track", "target_bonus"),
    ["manager", "hr", "exec", "finance"],
  ),
  table(
    "snapshots",
    "Metric snapshots",
    "指标快照",
    "metric_snapshot",
    cols("score", "period_code", "dimension", "amount", "kind", "reference"),
    ["employee", "manager", "hr", "exec"],
  ),
  table(
    "evidence",
    "Evidence",
    "证据",
    "evidence_item",
    cols("score", "dimension", "type", "external_id", "points", "reviewer", "status"),
    ["employee", "manager", "hr", "exec"],
  ),
  table("deals", "CRM deals", "CRM 成交", "crm_deal", cols("external_id", "owner", "amount", "closed_on", "status"), [
    "hr",
    "exec",
  ]),
  table(
    "funds",
    "Reward funds",
    "奖励基金",
    "reward_fund",
    cols("name", "period", "amount", "paid", "rollover", "status"),
  ),
  table(
    "runs",
    "Scoring runs",
    "评分运行",
    "score_run",
    cols("period", "status", "scored", "edge_cases", "rho", "cvi_lower_20", "total_paid"),
    ["hr", "exec", "finance"],
  ),
  {
    kind: "inbox",
    id: "approvals",
    label: l("Approvals", "审批"),
    workflows: ["calibration_review", "claim_approval", "evidence_review"],
  },
];

export const navigation = [
  { kind: "page", page: "my_scorecard" },
  { kind: "page", page: "team_view" },
  { kind: "page", page: "hr_view" },
  { kind: "page", page: "payout" },
  { kind: "page", page: "approvals" },
  {
    kind: "group",
    id: "scores_group",
    label: l("Scores", "得分"),
    items: [
      { kind: "page", page: "scores" },
      { kind: "page", page: "dimension_scores" },
      { kind: "page", page: "kpis" },
      { kind: "page", page: "calibration" },
      { kind: "page", page: "appeals" },
      { kind: "page", page: "claims" },
      { kind: "page", page: "leaderboard" },
    ],
  },
  {
    kind: "group",
    id: "setup_group",
    label: l("Setup", "配置"),
    items: [
      { kind: "page", page: "periods" },
      { kind: "page", page: "weights" },
      { kind: "page", page: "pools" },
      { kind: "page", page: "dimensions" },
      { kind: "page", page: "employees" },
      { kind: "page", page: "funds" },
      { kind: "page", page: "runs" },
      { kind: "page", page: "evidence" },
      { kind: "page", page: "snapshots" },
      { kind: "page", page: "deals" },
    ],
  },
];
