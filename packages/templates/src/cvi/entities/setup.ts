import { dimensions, jobRoles, l, options, periodStatuses, regions, tracks } from "../labels.js";

/** A quarter: its state, its pay rule for the dual-track pilot and the totals of its bonus pools. */
export const period = {
  id: "period",
  label: l("Period", "考核期"),
  titleField: "code",
  fields: [
    { id: "code", kind: "text", label: l("Code", "编码"), required: true, unique: true, maxLength: 20 },
    { id: "start_date", kind: "date", label: l("Start", "开始日期"), required: true },
    { id: "end_date", kind: "date", label: l("End", "结束日期"), required: true },
    { id: "status", kind: "select", label: l("Status", "状态"), options: periodStatuses, default: "draft" },
    { id: "lock_at", kind: "date", label: l("Lock date", "锁定日期") },
    { id: "appeal_until", kind: "date", label: l("Appeals until", "申诉截止") },
    {
      id: "pay_rule",
      kind: "select",
      label: l("Dual-track pay rule", "双轨发放规则"),
      options: options([
        ["hold_harmless", "Hold harmless (max)", "保底（取高）"],
        ["shadow", "Shadow (KPI pays)", "影子（按 KPI 发放）"],
        ["blend", "Blend", "加权混合"],
      ]),
      default: "hold_harmless",
    },
    { id: "blend_alpha", kind: "number", label: l("Blend α (CVI share)", "混合系数 α"), min: 0, max: 1, default: 0.25 },
    { id: "pilot_reserve", kind: "currency", label: l("Pilot reserve", "试点保底储备"), currency: "CNY", min: 0 },
    {
      id: "pools",
      kind: "rollup",
      label: l("Bonus pools", "奖金池数"),
      from: "bonus_pool",
      via: "period",
      aggregate: "count",
    },
    {
      id: "total_pool",
      kind: "rollup",
      label: l("Σ bonus pools", "奖金池合计"),
      from: "bonus_pool",
      via: "period",
      aggregate: "sum",
      field: "amount",
    },
    {
      id: "approved_schemes",
      kind: "rollup",
      label: l("Approved weight schemes", "已批准权重方案"),
      from: "weight_scheme",
      via: "period",
      aggregate: "count",
      filter: "NOT ISBLANK(approved_by)",
    },
    {
      id: "total_cvi_bonus",
      kind: "rollup",
      label: l("Σ CVI bonus", "CVI 奖金合计"),
      from: "cvi_score",
      via: "period",
      aggregate: "sum",
      field: "cvi_bonus",
    },
    {
      id: "total_hold_gap",
      kind: "rollup",
      label: l("Σ hold-harmless top-up", "保底补差合计"),
      from: "cvi_score",
      via: "period",
      aggregate: "sum",
      field: "hold_gap",
    },
    {
      id: "total_paid",
      kind: "rollup",
      label: l("Σ paid", "实发合计"),
      from: "cvi_score",
      via: "period",
      aggregate: "sum",
      field: "paid_bonus",
    },
  ],
} as const;

/**
 * A bonus pool of a period for a scope (the company, a region or a team) with its method:
 * A shares the pool exactly over the eligible, B pays the curve scaled down to the pool.
 */
export const bonusPool = {
  id: "bonus_pool",
  label: l("Bonus pool", "奖金池"),
  titleField: "name",
  fields: [
    { id: "name", kind: "text", label: l("Name", "名称"), required: true, maxLength: 80 },
    { id: "period", kind: "relation", label: l("Period", "考核期"), target: "period", required: true },
    {
      id: "scope",
      kind: "select",
      label: l("Scope", "范围"),
      options: options([
        ["company", "Company", "公司"],
        ["region", "Region", "区域"],
        ["team", "Team", "团队"],
      ]),
      default: "company",
      required: true,
    },
    { id: "region", kind: "select", label: l("Region", "区域"), options: regions, visibleWhen: "scope = 'region'" },
    { id: "team", kind: "text", label: l("Team", "团队"), maxLength: 40, visibleWhen: "scope = 'team'" },
    { id: "amount", kind: "currency", label: l("Amount", "金额"), currency: "CNY", min: 0, required: true },
    {
      id: "method",
      kind: "select",
      label: l("Bonus method", "奖金方法"),
      options: options([
        ["share", "A: pool share", "A：奖金池分配"],
        ["curve", "B: payout curve, pool cap", "B：支付曲线并封顶"],
      ]),
      default: "share",
      required: true,
    },
    {
      id: "eligibility_threshold",
      kind: "number",
      label: l("Eligibility threshold (CVI)", "奖金门槛（CVI）"),
      default: 60,
      min: 0,
      max: 120,
    },
    {
      id: "allocated",
      kind: "rollup",
      label: l("Σ CVI bonus", "CVI 奖金合计"),
      from: "cvi_score",
      via: "pool",
      aggregate: "sum",
      field: "cvi_bonus",
    },
    {
      id: "people",
      kind: "rollup",
      label: l("People", "人数"),
      from: "cvi_score",
      via: "pool",
      aggregate: "count",
    },
  ],
  rules: [
    {
      id: "scope_named",
      invalidWhen: "(scope = 'region' AND ISBLANK(region)) OR (scope = 'team' AND ISBLANK(team))",
      message: l("Name the region or team this pool is for.", "请填写该奖金池适用的区域或团队。"),
    },
  ],
} as const;

/** A person scored: role and region make the peer group; track says KPI, dual or CVI. */
export const employee = {
  id: "employee",
  label: l("Employee", "员工"),
  titleField: "name",
  fields: [
    { id: "name", kind: "text", label: l("Name", "姓名"), required: true },
    { id: "user", kind: "user", label: l("User", "用户") },
    { id: "job_role", kind: "select", label: l("Role", "岗位"), options: jobRoles, required: true },
    {
      id: "grade",
      kind: "select",
      label: l("Grade", "职级"),
      options: options([
        ["g1", "G1", "G1"],
        ["g2", "G2", "G2"],
        ["g3", "G3", "G3"],
        ["g4", "G4", "G4"],
      ]),
    },
    { id: "team", kind: "text", label: l("Team", "团队"), maxLength: 40 },
    { id: "region", kind: "select", label: l("Region", "区域"), options: regions, required: true },
    { id: "manager", kind: "user", label: l("Manager", "直属经理") },
    { id: "target_bonus", kind: "currency", label: l("Target bonus", "目标奖金"), currency: "CNY", min: 0 },
    {
      id: "leaderboard_opt_in",
      kind: "boolean",
      label: l("Show me on the leaderboard", "在排行榜上显示我"),
      default: false,
    },
    { id: "track", kind: "select", label: l("Track", "考核轨道"), options: tracks, default: "cvi" },
    { id: "hire_date", kind: "date", label: l("Hired", "入职日期") },
    { id: "leave_date", kind: "date", label: l("Left", "离职日期") },
  ],
} as const;

/** How a dimension's raw metric becomes a 0–120 score. */
export const dimensionDef = {
  id: "dimension_def",
  label: l("Dimension", "维度"),
  titleField: "name",
  fields: [
    { id: "code", kind: "select", label: l("Code", "编码"), options: dimensions, required: true, unique: true },
    { id: "name", kind: "text", label: l("Name", "名称"), required: true },
    {
      id: "source_connector",
      kind: "select",
      label: l("Source system", "来源系统"),
      options: options([
        ["crm", "CRM", "CRM"],
        ["cs", "Customer success platform", "客户成功平台"],
        ["wiki", "Wiki", "知识库"],
        ["oa", "OA / IM logs", "OA / 即时通讯"],
        ["lms", "HR learning platform", "学习平台"],
      ]),
    },
    { id: "raw_metric_query", kind: "longText", label: l("Raw metric", "原始指标") },
    { id: "unit", kind: "text", label: l("Unit", "单位"), maxLength: 20 },
    {
      id: "normalisation",
      kind: "select",
      label: l("Normalisation", "归一化方法"),
      options: options([
        ["target", "Target attainment with cap", "目标达成率（封顶）"],
        ["minmax", "Winsorised min–max (p5–p95)", "缩尾最小–最大（p5–p95）"],
        ["percentile", "Percentile rank (mid-rank)", "百分位排名（中位秩）"],
        ["zscore", "Standardised (50 + 10z)", "标准化（50 + 10z）"],
      ]),
      required: true,
    },
    { id: "target", kind: "number", label: l("Target", "目标值"), min: 0 },
    { id: "floor", kind: "number", label: l("Floor (attainment)", "下限（达成率）"), min: 0, default: 0.5 },
    { id: "cap", kind: "number", label: l("Cap (attainment)", "封顶（达成率）"), min: 1, default: 1.2 },
    { id: "raw_cap", kind: "number", label: l("Raw value cap per quarter", "每季度原始值上限"), min: 0 },
    { id: "anti_gaming", kind: "longText", label: l("Anti-gaming rules", "防作弊规则") },
  ],
} as const;

/**
 * Weights per dimension for a period (and optionally one role): they must total 100, and they
 * are frozen once the period opens (a new version applies to the next period).
 */
export const weightScheme = {
  id: "weight_scheme",
  label: l("Weight scheme", "权重方案"),
  titleField: "scheme_version",
  fields: [
    { id: "scheme_version", kind: "text", label: l("Version", "版本"), required: true, maxLength: 40 },
    { id: "period", kind: "relation", label: l("Period", "考核期"), target: "period", required: true },
    { id: "role_scope", kind: "select", label: l("Role (blank = all)", "适用岗位（空 = 全部）"), options: jobRoles },
    { id: "w_d1", kind: "number", label: l("Weight D1 %", "D1 权重 %"), required: true, min: 0, max: 100 },
    { id: "w_d2", kind: "number", label: l("Weight D2 %", "D2 权重 %"), required: true, min: 0, max: 100 },
    { id: "w_d3", kind: "number", label: l("Weight D3 %", "D3 权重 %"), required: true, min: 0, max: 100 },
    { id: "w_d4", kind: "number", label: l("Weight D4 %", "D4 权重 %"), required: true, min: 0, max: 100 },
    { id: "w_d5", kind: "number", label: l("Weight D5 %", "D5 权重 %"), required: true, min: 0, max: 100 },
    {
      id: "total",
      kind: "formula",
      label: l("Total %", "合计 %"),
      expression: "w_d1 + w_d2 + w_d3 + w_d4 + w_d5",
      resultType: "number",
    },
    { id: "approved_by", kind: "user", label: l("Approved by", "批准人") },
  ],
  rules: [
    {
      id: "weights_total_100",
      invalidWhen: "total <> 100",
      message: l(
        "The weights must total 100: adjust them so that D1 + D2 + D3 + D4 + D5 = 100.",
        "权重合计必须为 100：请调整使 D1 + D2 + D3 + D4 + D5 = 100。",
      ),
    },
    {
      id: "frozen_once_open",
      invalidWhen: "period.status <> 'draft'",
      field: "period",
      message: l(
        "This period is no longer in Draft: its weight scheme cannot change. Create a new version for the next period.",
        "该考核期已不在草稿状态，其权重方案不可更改。请为下一个考核期创建新版本。",
      ),
    },
  ],
} as const;
