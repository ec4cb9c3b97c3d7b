import { approvalStatuses, l, options } from "../labels.js";

/**
 * The quarter's process reward fund R: awards are R × points / Σ points, at most `cap_pct` % of R
 * per person; what is not paid rolls over into the next quarter's fund (`previous`).
 */
export const rewardFund = {
  id: "reward_fund",
  label: l("Process reward fund", "过程奖励基金"),
  titleField: "name",
  fields: [
    { id: "name", kind: "text", label: l("Name", "名称"), required: true },
    { id: "period", kind: "relation", label: l("Period", "考核期"), target: "period", required: true },
    {
      id: "base_amount",
      kind: "currency",
      label: l("Base amount", "本期拨款"),
      currency: "CNY",
      min: 0,
      required: true,
    },
    { id: "previous", kind: "relation", label: l("Previous fund", "上期基金"), target: "reward_fund" },
    {
      id: "carried_in",
      kind: "formula",
      label: l("Rolled over in", "上期结转"),
      expression: "COALESCE(previous.rollover, 0)",
      resultType: "number",
      format: "currency",
    },
    {
      id: "amount",
      kind: "formula",
      label: l("R (fund this quarter)", "本期基金 R"),
      expression: "base_amount + carried_in",
      resultType: "number",
      format: "currency",
    },
    {
      id: "cap_pct",
      kind: "percent",
      label: l("Per-person cap % of R", "个人上限（R 的 %）"),
      default: 25,
      min: 0,
      max: 100,
    },
    {
      id: "status",
      kind: "select",
      label: l("Status", "状态"),
      options: options([
        ["open", "Open", "进行中"],
        ["allocated", "Allocated", "已分配"],
      ]),
      default: "open",
    },
    { id: "total_points", kind: "number", label: l("Σ points", "积分合计") },
    { id: "paid", kind: "currency", label: l("Paid", "已发放"), currency: "CNY" },
    { id: "capped_people", kind: "number", label: l("Claims capped", "封顶的申请数") },
    {
      id: "rollover",
      kind: "formula",
      label: l("Rolls over", "结转下期"),
      expression: "IF(status = 'allocated', amount - COALESCE(paid, 0), 0)",
      resultType: "number",
      format: "currency",
    },
  ],
} as const;

/** A claim for a non-transactional contribution: 1–10 points; managers approve ≤ 5, HR above. */
export const rewardClaim = {
  id: "reward_claim",
  label: l("Process reward claim", "过程奖励申请"),
  fields: [
    { id: "period", kind: "relation", label: l("Period", "考核期"), target: "period", required: true },
    { id: "employee", kind: "relation", label: l("Employee", "员工"), target: "employee", required: true },
    { id: "claimant", kind: "user", label: l("Claimant", "申请人"), default: "$user", required: true },
    {
      id: "contribution_type",
      kind: "select",
      label: l("Contribution", "贡献类型"),
      options: options([
        ["mentoring", "Mentoring", "带教"],
        ["case_writeup", "Customer-case write-up", "客户案例撰写"],
        ["tool_automation", "Tool / automation", "工具 / 自动化"],
        ["cross_team_rescue", "Cross-team rescue", "跨团队救援"],
      ]),
      required: true,
    },
    { id: "description", kind: "longText", label: l("Description", "说明") },
    { id: "evidence", kind: "text", label: l("Evidence link", "证据链接"), maxLength: 500 },
    { id: "points", kind: "number", label: l("Points (1–10)", "积分（1–10）"), required: true },
    { id: "status", kind: "select", label: l("Status", "状态"), options: approvalStatuses, default: "draft" },
    { id: "employee_user", kind: "formula", label: l("Employee user", "员工用户"), expression: "employee.user" },
    { id: "manager", kind: "formula", label: l("Manager", "直属经理"), expression: "employee.manager" },
    { id: "uncapped", kind: "currency", label: l("Award before cap", "封顶前奖励"), currency: "CNY" },
    { id: "award", kind: "currency", label: l("Award", "奖励"), currency: "CNY" },
    { id: "capped", kind: "boolean", label: l("Capped", "已封顶") },
  ],
  rules: [
    {
      id: "points_1_10",
      invalidWhen: "points < 1 OR points > 10",
      field: "points",
      message: l("Points are between 1 and 10.", "积分须在 1 到 10 之间。"),
    },
  ],
} as const;

/**
 * An appeal against a published score names one dimension score; upheld, it reopens that
 * dimension's source data (and only it) while the period is in its Appeal window.
 */
export const appeal = {
  id: "appeal",
  label: l("Appeal", "申诉"),
  fields: [
    {
      id: "score",
      kind: "relation",
      label: l("Dimension appealed", "申诉的维度得分"),
      target: "dimension_score",
      required: true,
    },
    { id: "reason", kind: "longText", label: l("Reason", "理由"), required: true },
    { id: "attachments", kind: "attachment", label: l("Attachments", "附件"), maxFiles: 5, maxSizeMb: 10 },
    {
      id: "decision",
      kind: "select",
      label: l("Decision", "结论"),
      options: options([
        ["open", "Open", "待处理"],
        ["upheld", "Upheld", "支持"],
        ["rejected", "Rejected", "驳回"],
      ]),
      default: "open",
    },
    { id: "decision_note", kind: "longText", label: l("Decision note", "结论说明") },
    { id: "decided_by", kind: "user", label: l("Decided by", "处理人") },
    { id: "dimension", kind: "formula", label: l("Dimension", "维度"), expression: "score.dimension" },
    { id: "employee_user", kind: "formula", label: l("Employee user", "员工用户"), expression: "score.employee_user" },
    { id: "manager", kind: "formula", label: l("Manager", "直属经理"), expression: "score.manager" },
    { id: "period_code", kind: "formula", label: l("Period", "考核期"), expression: "score.period_code" },
  ],
  rules: [
    {
      id: "appeal_window",
      invalidWhen: "score.period.status <> 'appeal'",
      field: "score",
      message: l(
        "Appeals are filed and decided only while the period is in its Appeal window.",
        "仅在考核期处于申诉期时才能提交和处理申诉。",
      ),
    },
    {
      id: "decision_needs_note",
      invalidWhen: "decision <> 'open' AND ISBLANK(decision_note)",
      field: "decision_note",
      message: l("Explain the decision in the decision note.", "请在结论说明中写明处理理由。"),
    },
  ],
} as const;

/**
 * One line of a period's leaderboard (§3.8: employees see only the people who opted in; managers
 * their team; HR and exec everyone): a copy of a score's final CVI and its rank, kept by the
 * scoring run, so that a colleague's line never exposes the score behind it.
 */
export const leaderboardEntry = {
  id: "leaderboard_entry",
  label: l("Leaderboard entry", "排行榜条目"),
  indexes: [{ fields: ["cvi"], unique: true }],
  fields: [
    { id: "period", kind: "relation", label: l("Period", "考核期"), target: "period", required: true },
    { id: "cvi", kind: "relation", label: l("CVI score", "CVI 得分"), target: "cvi_score", required: true },
    { id: "name", kind: "formula", label: l("Name", "姓名"), expression: "cvi.employee_name" },
    { id: "team", kind: "formula", label: l("Team", "团队"), expression: "cvi.team" },
    { id: "manager", kind: "formula", label: l("Manager", "直属经理"), expression: "cvi.manager" },
    { id: "final_cvi", kind: "number", label: l("CVI", "CVI") },
    { id: "opted_in", kind: "boolean", label: l("Opted in", "已选择公开") },
    { id: "rank", kind: "number", label: l("Rank (opted in)", "名次（公开者）") },
  ],
} as const;

/**
 * A scoring run of a period: taking its `run` transition recomputes every score of the period
 * (computations) and keeps the run's log in its own fields.
 */
export const scoreRun = {
  id: "score_run",
  label: l("Scoring run", "评分运行"),
  fields: [
    { id: "period", kind: "relation", label: l("Period", "考核期"), target: "period", required: true },
    { id: "note", kind: "text", label: l("Note", "备注"), maxLength: 200 },
    {
      id: "daily",
      kind: "boolean",
      label: l("Rescore daily while the period is open", "考核期进行中每日重新评分"),
      default: false,
    },
    { id: "period_end", kind: "formula", label: l("Period end", "考核期结束"), expression: "period.end_date" },
    { id: "promotion_eligible", kind: "number", label: l("Promotion eligible", "具备晋升资格人数") },
    {
      id: "status",
      kind: "select",
      label: l("Status", "状态"),
      options: options([
        ["ready", "Ready", "待运行"],
        ["done", "Done", "已完成"],
      ]),
      default: "ready",
    },
    { id: "scored", kind: "number", label: l("Dimension scores normalised", "已归一的维度得分") },
    { id: "edge_cases", kind: "number", label: l("Edge cases (p5 = p95)", "边界情况（p5 = p95）") },
    {
      id: "edge_case_flag",
      kind: "formula",
      label: l("Edge-case flag", "边界情况标记"),
      expression: "COALESCE(edge_cases, 0) > 0",
      resultType: "boolean",
    },
    { id: "missing_dimensions", kind: "number", label: l("Missing dimensions", "缺失维度") },
    { id: "renormalised", kind: "number", label: l("People renormalised", "重新归一人数") },
    { id: "dual_people", kind: "number", label: l("Dual-track people", "双轨人数") },
    { id: "rho", kind: "number", label: l("Spearman ρ (KPI vs CVI)", "斯皮尔曼 ρ（KPI 与 CVI）") },
    { id: "cvi_lower_20", kind: "number", label: l("CVI < KPI by > 20 %", "CVI 比 KPI 低 20% 以上") },
    { id: "cvi_higher_20", kind: "number", label: l("CVI > KPI by > 20 %", "CVI 比 KPI 高 20% 以上") },
    { id: "total_cvi_bonus", kind: "currency", label: l("Σ CVI bonus", "CVI 奖金合计"), currency: "CNY" },
    { id: "total_paid", kind: "currency", label: l("Σ paid", "实发合计"), currency: "CNY" },
    {
      id: "dual_kpi_baseline",
      kind: "currency",
      label: l("Σ KPI bonus (dual)", "KPI 奖金合计（双轨）"),
      currency: "CNY",
    },
    { id: "dual_paid", kind: "currency", label: l("Σ paid (dual)", "实发合计（双轨）"), currency: "CNY" },
    {
      id: "cost_difference",
      kind: "formula",
      label: l("Cost vs KPI baseline", "相对 KPI 基线的成本差"),
      expression: "ROUND(COALESCE(dual_paid, 0) - COALESCE(dual_kpi_baseline, 0), 2)",
      resultType: "number",
      format: "currency",
    },
  ],
} as const;
