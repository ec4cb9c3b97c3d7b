import { approvalStatuses, dimensions, l, options } from "../labels.js";

const number = (id: string, en: string, zh: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: "number",
  label: l(en, zh),
  ...extra,
});

/**
 * One source fact behind a raw value (a won deal, a health snapshot, a wiki article, a session):
 * its amount adds to the dimension score's raw value. Once the score's period is locked no fact
 * may be added or changed: a later correction is an adjustment in the open period, with a reference.
 */
export const metricSnapshot = {
  id: "metric_snapshot",
  label: l("Metric snapshot", "指标快照"),
  fields: [
    {
      id: "score",
      kind: "relation",
      label: l("Dimension score", "维度得分"),
      target: "dimension_score",
      required: true,
      inverse: { id: "snapshot_list" },
    },
    { id: "amount", kind: "number", label: l("Raw value", "原始值"), required: true },
    {
      id: "kind",
      kind: "select",
      label: l("Kind", "类型"),
      options: options([
        ["source", "Source", "源数据"],
        ["adjustment", "Adjustment", "调整"],
      ]),
      default: "source",
    },
    { id: "reference", kind: "text", label: l("Reference", "引用"), maxLength: 200 },
    { id: "evidence_refs", kind: "longText", label: l("Evidence", "证据") },
    { id: "source_ts", kind: "datetime", label: l("Source time", "来源时间") },
    { id: "period_code", kind: "formula", label: l("Period", "考核期"), expression: "score.period.code" },
    { id: "dimension", kind: "formula", label: l("Dimension", "维度"), expression: "score.dimension" },
  ],
  rules: [
    {
      id: "period_locked",
      // Source data is final from the lock on; an upheld appeal reopens its one dimension score
      // while the period is in its Appeal window.
      invalidWhen:
        "NOT (score.period.status IN ('draft', 'open') OR (score.period.status = 'appeal' AND score.upheld_appeals > 0))",
      message: l(
        "The period of this score is locked: its source data is final. Record the change as an adjustment in the open period (or uphold an appeal on this dimension during the Appeal window).",
        "该得分所属考核期已锁定，源数据已定稿。请在当前进行中的考核期中以调整记录此变更（或在申诉期内支持针对该维度的申诉）。",
      ),
    },
  ],
} as const;

/**
 * A piece of evidence behind a knowledge, collaboration or training point (§3.1 anti-gaming): a
 * reviewed wiki page, a project its owner confirmed, a delivered session (≥ 5 attendees, rating
 * ≥ 3.5). It counts only once its reviewer approves it: approval writes the metric snapshot.
 */
export const evidenceItem = {
  id: "evidence_item",
  label: l("Evidence", "证据"),
  titleField: "external_id",
  fields: [
    {
      id: "score",
      kind: "relation",
      label: l("Dimension score", "维度得分"),
      target: "dimension_score",
      required: true,
    },
    {
      id: "type",
      kind: "select",
      label: l("Type", "类型"),
      options: options([
        ["wiki_page", "Wiki page", "知识库文章"],
        ["project_confirmation", "Project confirmation", "项目确认"],
        ["session_record", "Session delivered", "授课记录"],
        ["course_completion", "Course completed", "完成课程"],
      ]),
      required: true,
    },
    { id: "external_id", kind: "text", label: l("Source id", "来源编号"), required: true, maxLength: 120 },
    { id: "points", kind: "number", label: l("Points", "积分"), required: true, min: 0 },
    { id: "attendees", kind: "number", label: l("Attendees", "参加人数"), min: 0 },
    { id: "rating", kind: "number", label: l("Rating (of 5)", "评分（满分 5）"), min: 0, max: 5 },
    { id: "reviewer", kind: "user", label: l("Reviewer / owner", "审核人 / 项目负责人"), required: true },
    { id: "status", kind: "select", label: l("Status", "状态"), options: approvalStatuses, default: "draft" },
    { id: "employee_user", kind: "formula", label: l("Employee user", "员工用户"), expression: "score.employee_user" },
    { id: "manager", kind: "formula", label: l("Manager", "直属经理"), expression: "score.manager" },
    { id: "dimension", kind: "formula", label: l("Dimension", "维度"), expression: "score.dimension" },
  ],
  rules: [
    {
      id: "session_quality",
      invalidWhen: "type = 'session_record' AND (COALESCE(attendees, 0) < 5 OR COALESCE(rating, 0) < 3.5)",
      field: "attendees",
      message: l(
        "A delivered session counts only with at least 5 attendees and a rating of 3.5 or more.",
        "授课记录须至少 5 人参加且评分不低于 3.5 才计分。",
      ),
    },
    {
      id: "not_own_reviewer",
      invalidWhen: "reviewer = employee_user",
      field: "reviewer",
      message: l("Someone else reviews your evidence.", "证据须由他人审核。"),
    },
  ],
} as const;

/** A CRM deal credited to D1; reversing it after its quarter is locked adjusts the open quarter. */
export const crmDeal = {
  id: "crm_deal",
  label: l("CRM deal", "CRM 成交"),
  titleField: "external_id",
  fields: [
    { id: "external_id", kind: "text", label: l("Deal id", "成交编号"), required: true, unique: true },
    { id: "owner", kind: "relation", label: l("Owner", "负责人"), target: "employee", required: true },
    {
      id: "amount",
      kind: "currency",
      label: l("Amount × split", "金额 × 分成"),
      currency: "CNY",
      min: 0,
      required: true,
    },
    { id: "closed_on", kind: "date", label: l("Closed on", "成交日期"), required: true },
    {
      id: "status",
      kind: "select",
      label: l("Status", "状态"),
      options: options([
        ["won", "Won", "赢单"],
        ["reversed", "Reversed", "已冲销"],
      ]),
      default: "won",
    },
    {
      id: "credited_score",
      kind: "relation",
      label: l("Credited D1 score", "计入的 D1 得分"),
      target: "dimension_score",
      required: true,
    },
    {
      id: "reversal_score",
      kind: "relation",
      label: l("D1 score adjusted by the reversal", "冲销调整的 D1 得分"),
      target: "dimension_score",
    },
    { id: "reversed_on", kind: "date", label: l("Reversed on", "冲销日期") },
  ],
  rules: [
    {
      id: "credit_owner_d1",
      invalidWhen: "COALESCE(credited_score.dimension, '') <> 'd1' OR COALESCE(credited_score.employee, '') <> owner",
      field: "credited_score",
      message: l("Credit the deal to its owner's D1 score.", "请将成交计入其负责人的 D1 得分。"),
    },
  ],
} as const;

/** Score of one person in one dimension and period: raw value, normalised score, weight, contribution. */
export const dimensionScore = {
  id: "dimension_score",
  label: l("Dimension score", "维度得分"),
  indexes: [{ fields: ["cvi", "dimension"], unique: true }],
  fields: [
    { id: "period", kind: "relation", label: l("Period", "考核期"), target: "period", required: true },
    { id: "employee", kind: "relation", label: l("Employee", "员工"), target: "employee", required: true },
    { id: "cvi", kind: "relation", label: l("CVI score", "CVI 得分"), target: "cvi_score", required: true },
    { id: "dimension", kind: "select", label: l("Dimension", "维度"), options: dimensions, required: true },
    { id: "definition", kind: "relation", label: l("Definition", "维度定义"), target: "dimension_def", required: true },
    { id: "scheme", kind: "relation", label: l("Weight scheme", "权重方案"), target: "weight_scheme", required: true },
    { id: "employee_user", kind: "formula", label: l("Employee user", "员工用户"), expression: "employee.user" },
    { id: "manager", kind: "formula", label: l("Manager", "直属经理"), expression: "employee.manager" },
    { id: "job_role", kind: "formula", label: l("Role", "岗位"), expression: "employee.job_role" },
    { id: "region", kind: "formula", label: l("Region", "区域"), expression: "employee.region" },
    { id: "period_code", kind: "formula", label: l("Period", "考核期"), expression: "period.code" },
    { id: "method", kind: "formula", label: l("Normalisation", "归一化方法"), expression: "definition.normalisation" },
    {
      id: "target",
      kind: "formula",
      label: l("Target", "目标值"),
      expression: "definition.target",
      resultType: "number",
    },
    { id: "floor", kind: "formula", label: l("Floor", "下限"), expression: "definition.floor", resultType: "number" },
    { id: "cap", kind: "formula", label: l("Cap", "封顶"), expression: "definition.cap", resultType: "number" },
    {
      id: "raw_cap",
      kind: "formula",
      label: l("Raw value cap", "原始值上限"),
      expression: "definition.raw_cap",
      resultType: "number",
    },
    {
      id: "proration",
      kind: "formula",
      label: l("Active share of the quarter", "本季在岗比例"),
      // Joiners and leavers (sales-domain §3.2): targets × active days / days in the quarter.
      expression: `CLAMP(
        (DATEDIFF(
          IF(ISBLANK(employee.hire_date) OR employee.hire_date < period.start_date, period.start_date, employee.hire_date),
          IF(ISBLANK(employee.leave_date) OR employee.leave_date > period.end_date, period.end_date, employee.leave_date),
          'day') + 1) / (DATEDIFF(period.start_date, period.end_date, 'day') + 1),
        0, 1)`,
      resultType: "number",
    },
    {
      id: "target_prorated",
      kind: "formula",
      label: l("Target (prorated)", "目标值（折算）"),
      expression: "IF(ISBLANK(target), BLANK, ROUND(target * proration, 2))",
      resultType: "number",
    },
    {
      id: "weight",
      kind: "formula",
      label: l("Weight %", "权重 %"),
      expression:
        "IFS(dimension = 'd1', scheme.w_d1, dimension = 'd2', scheme.w_d2, dimension = 'd3', scheme.w_d3, dimension = 'd4', scheme.w_d4, dimension = 'd5', scheme.w_d5)",
      resultType: "number",
    },
    {
      id: "raw_value",
      kind: "rollup",
      label: l("Raw value", "原始值"),
      from: "metric_snapshot",
      via: "score",
      aggregate: "sum",
      field: "amount",
    },
    {
      id: "snapshots",
      kind: "rollup",
      label: l("Snapshots", "快照数"),
      from: "metric_snapshot",
      via: "score",
      aggregate: "count",
    },
    {
      id: "upheld_appeals",
      kind: "rollup",
      label: l("Upheld appeals", "已支持的申诉"),
      from: "appeal",
      via: "score",
      aggregate: "count",
      filter: "decision = 'upheld'",
    },
    number("group_n", "Role × region group size", "岗位 × 区域人数"),
    number("metric", "Raw value counted (capped)", "计分原始值（封顶后）"),
    { id: "peer_group", kind: "text", label: l("Peer group", "同类组"), maxLength: 80 },
    number("normalised", "Normalised score", "归一化得分"),
    { id: "missing", kind: "boolean", label: l("Missing", "缺失") },
    number("effective_weight", "Effective weight %", "生效权重 %"),
    number("contribution", "Weighted contribution", "加权贡献"),
    { id: "edge_case", kind: "boolean", label: l("Edge case (p5 = p95)", "边界情况（p5 = p95）") },
    number("gap_to_target", "Gap to target", "距目标差距"),
  ],
} as const;

/**
 * The old track's KPI score (the dual-track pilot's baseline): revenue attainment 70 % and new
 * accounts 30 % (§3.3's example), paying target bonus × KPI / 100 under the old plan.
 */
export const kpiScore = {
  id: "kpi_score",
  label: l("KPI score", "KPI 得分"),
  indexes: [{ fields: ["period", "employee"], unique: true }],
  fields: [
    { id: "period", kind: "relation", label: l("Period", "考核期"), target: "period", required: true },
    { id: "employee", kind: "relation", label: l("Employee", "员工"), target: "employee", required: true },
    number("revenue_attainment", "Revenue attainment %", "收入达成率 %", { required: true, min: 0 }),
    number("new_accounts_attainment", "New accounts attainment %", "新客户达成率 %", { required: true, min: 0 }),
    {
      id: "kpi",
      kind: "formula",
      label: l("KPI score", "KPI 得分"),
      expression: "ROUND(0.7 * revenue_attainment + 0.3 * new_accounts_attainment, 1)",
      resultType: "number",
    },
    {
      id: "kpi_bonus",
      kind: "formula",
      label: l("KPI bonus (old plan)", "KPI 奖金（原方案）"),
      expression: "ROUND(COALESCE(employee.target_bonus, 0) * kpi / 100, 2)",
      resultType: "number",
      format: "currency",
    },
    { id: "employee_user", kind: "formula", label: l("Employee user", "员工用户"), expression: "employee.user" },
    { id: "manager", kind: "formula", label: l("Manager", "直属经理"), expression: "employee.manager" },
  ],
} as const;

/** One person's CVI in one period: score, calibration, bonus and the dual-track comparison. */
export const cviScore = {
  id: "cvi_score",
  label: l("CVI score", "CVI 得分"),
  indexes: [{ fields: ["period", "employee"], unique: true }],
  fields: [
    { id: "period", kind: "relation", label: l("Period", "考核期"), target: "period", required: true },
    { id: "employee", kind: "relation", label: l("Employee", "员工"), target: "employee", required: true },
    { id: "pool", kind: "relation", label: l("Bonus pool", "奖金池"), target: "bonus_pool", required: true },
    { id: "kpi", kind: "relation", label: l("KPI score (old track)", "KPI 得分（原考核）"), target: "kpi_score" },
    { id: "employee_name", kind: "formula", label: l("Employee", "员工"), expression: "employee.name" },
    { id: "employee_user", kind: "formula", label: l("Employee user", "员工用户"), expression: "employee.user" },
    { id: "manager", kind: "formula", label: l("Manager", "直属经理"), expression: "employee.manager" },
    { id: "job_role", kind: "formula", label: l("Role", "岗位"), expression: "employee.job_role" },
    { id: "region", kind: "formula", label: l("Region", "区域"), expression: "employee.region" },
    { id: "team", kind: "formula", label: l("Team", "团队"), expression: "employee.team" },
    { id: "track", kind: "formula", label: l("Track", "考核轨道"), expression: "employee.track" },
    {
      id: "target_bonus",
      kind: "formula",
      label: l("Target bonus", "目标奖金"),
      expression: "employee.target_bonus",
      resultType: "number",
      format: "currency",
    },
    { id: "period_code", kind: "formula", label: l("Period", "考核期"), expression: "period.code" },
    { id: "peer_group", kind: "formula", label: l("Peer group", "同类组"), expression: "job_role & '·' & region" },
    { id: "period_end", kind: "formula", label: l("Period end", "考核期结束"), expression: "period.end_date" },
    {
      id: "min_dimension",
      kind: "rollup",
      label: l("Lowest dimension score", "最低维度得分"),
      from: "dimension_score",
      via: "cvi",
      aggregate: "min",
      field: "normalised",
    },
    number("mean_cvi_4q", "Mean CVI, last 4 quarters", "近 4 季度平均 CVI"),
    { id: "promotion_eligible", kind: "boolean", label: l("Promotion eligible", "具备晋升资格") },
    {
      id: "cvi_raw",
      kind: "rollup",
      label: l("Σ contributions", "贡献合计"),
      from: "dimension_score",
      via: "cvi",
      aggregate: "sum",
      field: "contribution",
    },
    {
      id: "missing_dims",
      kind: "rollup",
      label: l("Missing dimensions", "缺失维度数"),
      from: "dimension_score",
      via: "cvi",
      aggregate: "count",
      filter: "missing",
    },
    {
      id: "calibration_total",
      kind: "rollup",
      label: l("Approved calibration", "已批准校准"),
      from: "calibration_note",
      via: "cvi",
      aggregate: "sum",
      field: "delta",
      filter: "status = 'approved'",
    },
    number("cvi", "CVI", "CVI"),
    { id: "provisional", kind: "boolean", label: l("Provisional", "暂定") },
    { id: "renormalised", kind: "boolean", label: l("Renormalised", "已重新归一") },
    number("calibration_delta", "Calibration delta", "校准调整"),
    number("hr_adjustment", "HR adjustment", "HR 调整"),
    { id: "edit_reason", kind: "text", label: l("Reason for the HR edit", "HR 修改原因"), maxLength: 500 },
    {
      id: "final_cvi",
      kind: "formula",
      label: l("Final CVI", "最终 CVI"),
      expression:
        "IF(ISBLANK(cvi), BLANK, ROUND(cvi + COALESCE(calibration_delta, 0) + COALESCE(hr_adjustment, 0), 1))",
      resultType: "number",
    },
    {
      id: "cvi_band",
      kind: "formula",
      label: l("CVI band", "CVI 区间"),
      expression:
        "IFS(ISBLANK(final_cvi), '—', final_cvi < 60, '<60', final_cvi < 70, '60–70', final_cvi < 80, '70–80', final_cvi < 90, '80–90', final_cvi < 100, '90–100', TRUE, '≥100')",
    },
    number("percentile_in_peer", "Percentile in peer group", "同类组百分位"),
    number("quintile", "Quintile (1 = top 20 %)", "五分位（1 = 前 20%）"),
    number("share_basis", "CVI × target bonus (eligible)", "CVI × 目标奖金（合格）"),
    number("curve_raw", "Curve payout before cap", "曲线奖金（封顶前）"),
    number("kpi_score", "KPI score", "KPI 得分"),
    { id: "kpi_bonus", kind: "currency", label: l("KPI bonus", "KPI 奖金"), currency: "CNY", min: 0 },
    { id: "cvi_bonus", kind: "currency", label: l("CVI bonus", "CVI 奖金"), currency: "CNY" },
    { id: "paid_bonus", kind: "currency", label: l("Paid bonus", "实发奖金"), currency: "CNY" },
    { id: "hold_gap", kind: "currency", label: l("Hold-harmless top-up", "保底补差"), currency: "CNY" },
    {
      id: "rule_applied",
      kind: "select",
      label: l("Pay rule applied", "适用发放规则"),
      options: options([
        ["kpi", "KPI", "KPI"],
        ["cvi", "CVI", "CVI"],
        ["hold_harmless", "Hold harmless", "保底"],
        ["shadow", "Shadow", "影子"],
        ["blend", "Blend", "混合"],
      ]),
    },
    number("bonus_change_pct", "CVI vs KPI bonus %", "CVI 相对 KPI 奖金 %"),
    {
      id: "change_band",
      kind: "select",
      label: l("Bonus change", "奖金变化"),
      options: options([
        ["cvi_lower", "CVI < KPI by > 20 %", "CVI 比 KPI 低 20% 以上"],
        ["within", "Within ±20 %", "±20% 以内"],
        ["cvi_higher", "CVI > KPI by > 20 %", "CVI 比 KPI 高 20% 以上"],
      ]),
    },
    {
      id: "quadrant",
      kind: "select",
      label: l("KPI × CVI quadrant", "KPI × CVI 象限"),
      options: options([
        ["hh", "High KPI, high CVI", "高 KPI 高 CVI"],
        ["hl", "High KPI, low CVI", "高 KPI 低 CVI"],
        ["lh", "Low KPI, high CVI", "低 KPI 高 CVI"],
        ["ll", "Low KPI, low CVI", "低 KPI 低 CVI"],
      ]),
    },
  ],
  rules: [
    {
      id: "pool_of_this_period",
      invalidWhen:
        "pool.period <> period OR (pool.scope = 'region' AND pool.region <> region) OR (pool.scope = 'team' AND pool.team <> team)",
      field: "pool",
      message: l(
        "Choose a bonus pool of this period whose scope (region or team) includes this person.",
        "请选择本考核期内、范围（区域或团队）包含此人的奖金池。",
      ),
    },
    {
      id: "hr_edit_needs_reason",
      invalidWhen:
        "COALESCE(hr_adjustment, 0) <> COALESCE($old.hr_adjustment, 0) AND (ISBLANK(edit_reason) OR COALESCE(edit_reason, '') = COALESCE($old.edit_reason, ''))",
      field: "edit_reason",
      message: l(
        "Give a new reason when you change a score: it is kept with the before and after values in the audit log.",
        "修改得分时请填写新的原因：原因与修改前后的值一并记入审计日志。",
      ),
    },
  ],
} as const;

/** A manager's calibration of one score: at most ±10 with a reason; HR reviews every delta above 5. */
export const calibrationNote = {
  id: "calibration_note",
  label: l("Calibration", "校准"),
  fields: [
    { id: "cvi", kind: "relation", label: l("CVI score", "CVI 得分"), target: "cvi_score", required: true },
    { id: "delta", kind: "number", label: l("Delta", "调整值"), required: true },
    { id: "reason", kind: "longText", label: l("Reason", "原因"), required: true },
    { id: "by", kind: "user", label: l("By", "校准人"), default: "$user" },
    {
      id: "needs_hr_review",
      kind: "formula",
      label: l("Needs HR review (> 5)", "需 HR 复核（> 5）"),
      expression: "ABS(delta) > 5",
      resultType: "boolean",
    },
    { id: "status", kind: "select", label: l("Status", "状态"), options: approvalStatuses, default: "draft" },
    { id: "employee_name", kind: "formula", label: l("Employee", "员工"), expression: "cvi.employee_name" },
    { id: "employee_user", kind: "formula", label: l("Employee user", "员工用户"), expression: "cvi.employee_user" },
    { id: "manager", kind: "formula", label: l("Manager", "直属经理"), expression: "cvi.manager" },
    { id: "period_code", kind: "formula", label: l("Period", "考核期"), expression: "cvi.period_code" },
  ],
  rules: [
    {
      id: "delta_max_10",
      invalidWhen: "ABS(delta) > 10",
      field: "delta",
      message: l(
        "A calibration delta is at most ±10 points: enter a value between -10 and +10.",
        "校准调整最多 ±10 分：请输入 -10 到 +10 之间的值。",
      ),
    },
    {
      id: "only_in_calibration",
      invalidWhen: "cvi.period.status <> 'calibration' AND status IN ('draft', 'pending')",
      field: "cvi",
      message: l(
        "Scores are calibrated only while their period is in Calibration.",
        "仅在考核期处于校准阶段时才能校准得分。",
      ),
    },
    {
      id: "not_self_or_own_manager",
      invalidWhen: "cvi.employee_user = by OR cvi.employee_user = $user.manager",
      field: "cvi",
      message: l(
        "A manager cannot calibrate their own score or their own manager's.",
        "经理不能校准自己或自己上级的得分。",
      ),
    },
  ],
} as const;
