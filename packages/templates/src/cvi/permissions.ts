import { l } from "./labels.js";

export const roles = [
  { id: "employee", label: l("Employee", "员工") },
  { id: "manager", label: l("Manager", "经理") },
  { id: "hr", label: l("HR admin", "HR 管理员") },
  { id: "finance", label: l("Finance", "财务") },
  { id: "exec", label: l("Executive", "高管") },
] as const;

const all = ["read", "create", "update", "delete", "export", "import"];
const readOnly = ["read", "export"];

/** Own rows for an employee; own and direct reports' rows for a manager (§3.8). */
const own = "employee_user = $user.id";
const ownOrReports = "employee_user = $user.id OR manager = $user.id";

/** Everything a person's scores hold that finance does not see: finance reads paid amounts only. */
const scoreDetail = [
  "cvi",
  "final_cvi",
  "cvi_raw",
  "cvi_band",
  "calibration_delta",
  "calibration_total",
  "hr_adjustment",
  "edit_reason",
  "percentile_in_peer",
  "quintile",
  "kpi_score",
  "quadrant",
  "share_basis",
  "curve_raw",
];

/** Fields of a CVI score only the scoring run writes (HR edits a score through hr_adjustment, with a reason). */
const computedScoreFields = [
  "cvi",
  "provisional",
  "renormalised",
  "calibration_delta",
  "percentile_in_peer",
  "quintile",
  "share_basis",
  "curve_raw",
  "cvi_bonus",
  "paid_bonus",
  "hold_gap",
  "rule_applied",
  "bonus_change_pct",
  "change_band",
  "quadrant",
];

/** Who may do what (sales-domain §3.8). */
export const permissions = [
  // Setup: everyone reads periods, dimensions and weights (employees and managers once the period is
  // no longer a draft: published weights); HR maintains them; exec approves weights.
  ...["period", "dimension_def", "weight_scheme", "bonus_pool", "reward_fund"].flatMap((entity) => [
    ...["employee", "manager"].map((role) => ({
      role,
      entity,
      actions: readOnly,
      ...(entity === "period" ? { rowScope: "status <> 'draft'" } : {}),
      ...(["weight_scheme", "bonus_pool", "reward_fund"].includes(entity)
        ? { rowScope: "period.status <> 'draft'" }
        : {}),
    })),
    ...["finance", "exec"].map((role) => ({ role, entity, actions: readOnly })),
    // HR drafts the weights; the executive approves them (§3.8).
    { role: "hr", entity, actions: all, ...(entity === "weight_scheme" ? { readOnlyFields: ["approved_by"] } : {}) },
  ]),
  // Finance takes the period's `pay` transition (export to payroll) but edits none of its fields.
  {
    role: "finance",
    entity: "period",
    actions: ["read", "update"],
    readOnlyFields: [
      "code",
      "start_date",
      "end_date",
      "status",
      "lock_at",
      "appeal_until",
      "pay_rule",
      "blend_alpha",
      "pilot_reserve",
    ],
  },
  {
    role: "exec",
    entity: "weight_scheme",
    actions: ["read", "update"],
    readOnlyFields: ["scheme_version", "period", "role_scope", "w_d1", "w_d2", "w_d3", "w_d4", "w_d5"],
  },
  // People: employees see themselves, managers their reports, HR and exec everyone.
  {
    role: "employee",
    entity: "employee",
    actions: ["read", "update"],
    rowScope: "user = $user.id",
    // An employee changes one thing on their own record: whether they appear on the leaderboard.
    readOnlyFields: [
      "name",
      "user",
      "job_role",
      "grade",
      "team",
      "region",
      "manager",
      "target_bonus",
      "track",
      "hire_date",
      "leave_date",
    ],
  },
  { role: "manager", entity: "employee", actions: readOnly, rowScope: "user = $user.id OR manager = $user.id" },
  { role: "hr", entity: "employee", actions: all },
  { role: "exec", entity: "employee", actions: readOnly },
  { role: "finance", entity: "employee", actions: readOnly, hiddenFields: ["grade"] },
  // Scores: own (employee), own and reports (manager), all (HR, exec); finance reads paid amounts.
  ...["cvi_score", "dimension_score", "kpi_score"].flatMap((entity) => [
    { role: "employee", entity, actions: ["read"], rowScope: own },
    { role: "manager", entity, actions: readOnly, rowScope: ownOrReports },
    { role: "exec", entity, actions: readOnly },
  ]),
  { role: "hr", entity: "dimension_score", actions: all },
  { role: "hr", entity: "kpi_score", actions: all },
  { role: "finance", entity: "kpi_score", actions: readOnly },
  { role: "hr", entity: "cvi_score", actions: all, readOnlyFields: computedScoreFields },
  { role: "finance", entity: "cvi_score", actions: readOnly, hiddenFields: scoreDetail },
  // Evidence: the employee's own facts; HR maintains the connectors' data.
  { role: "employee", entity: "metric_snapshot", actions: ["read"], rowScope: "score.employee_user = $user.id" },
  {
    role: "manager",
    entity: "metric_snapshot",
    actions: readOnly,
    rowScope: "score.employee_user = $user.id OR score.manager = $user.id",
  },
  { role: "hr", entity: "metric_snapshot", actions: all },
  { role: "exec", entity: "metric_snapshot", actions: readOnly },
  // Evidence: employees submit their own for review; reviewers (any role) read what they review.
  {
    role: "employee",
    entity: "evidence_item",
    actions: ["read", "create", "update"],
    rowScope: "employee_user = $user.id OR reviewer = $user.id",
    readOnlyFields: ["status"],
  },
  {
    role: "manager",
    entity: "evidence_item",
    actions: ["read", "create", "update"],
    rowScope: "employee_user = $user.id OR manager = $user.id OR reviewer = $user.id",
    readOnlyFields: ["status"],
  },
  { role: "hr", entity: "evidence_item", actions: all },
  { role: "exec", entity: "evidence_item", actions: readOnly },
  { role: "hr", entity: "crm_deal", actions: all },
  { role: "exec", entity: "crm_deal", actions: readOnly },
  // Calibration: managers calibrate their reports; HR reviews; exec reads.
  {
    role: "manager",
    entity: "calibration_note",
    actions: ["read", "create", "update"],
    rowScope: "manager = $user.id",
  },
  { role: "hr", entity: "calibration_note", actions: all },
  { role: "exec", entity: "calibration_note", actions: readOnly },
  // Process reward claims: employees claim their own; managers see their reports'; HR all.
  {
    role: "employee",
    entity: "reward_claim",
    actions: ["read", "create", "update"],
    rowScope: own,
    readOnlyFields: ["status", "uncapped", "award", "capped"],
  },
  {
    role: "manager",
    entity: "reward_claim",
    actions: ["read", "create", "update"],
    rowScope: ownOrReports,
    readOnlyFields: ["status", "uncapped", "award", "capped"],
  },
  { role: "hr", entity: "reward_claim", actions: all },
  ...["finance", "exec"].map((role) => ({ role, entity: "reward_claim", actions: readOnly })),
  // Appeals: the employee files one on their own score; HR decides.
  {
    role: "employee",
    entity: "appeal",
    actions: ["read", "create"],
    rowScope: own,
    readOnlyFields: ["decision", "decision_note", "decided_by"],
  },
  { role: "manager", entity: "appeal", actions: readOnly, rowScope: ownOrReports },
  { role: "hr", entity: "appeal", actions: all },
  { role: "exec", entity: "appeal", actions: readOnly },
  // Leaderboards (§3.8): opt-in only for employees, the team for managers, all for HR and exec.
  { role: "employee", entity: "leaderboard_entry", actions: ["read"], rowScope: "opted_in" },
  { role: "manager", entity: "leaderboard_entry", actions: ["read"], rowScope: "opted_in OR manager = $user.id" },
  { role: "hr", entity: "leaderboard_entry", actions: all },
  { role: "exec", entity: "leaderboard_entry", actions: readOnly },
  // Runs: HR runs the scoring; everyone who reads aggregates reads the run logs.
  { role: "hr", entity: "score_run", actions: all },
  ...["exec", "finance"].map((role) => ({ role, entity: "score_run", actions: readOnly })),
];
