import { l } from "./labels.js";

const hr = ["hr"];

/**
 * The quarter: Draft → Open → Locked → Calibration → Published → Appeal → Final → Paid.
 * Opening needs an approved weight scheme; paying needs Σ CVI bonus ≤ pool and the
 * hold-harmless top-ups within the pilot reserve.
 */
export const periodStatus = {
  kind: "stateMachine",
  id: "period_status",
  entity: "period",
  field: "status",
  initial: "draft",
  states: [
    { id: "draft" },
    { id: "open" },
    { id: "locked" },
    { id: "calibration" },
    { id: "published" },
    { id: "appeal" },
    { id: "final" },
    { id: "paid", final: true },
  ],
  transitions: [
    {
      id: "open",
      label: l("Open", "开放"),
      from: ["draft"],
      to: "open",
      roles: hr,
      guard: "approved_schemes > 0 AND pools > 0",
      guardMessage: l(
        "Approve a weight scheme and set up a bonus pool for this period before opening it.",
        "开放前请先批准该考核期的权重方案并设置奖金池。",
      ),
    },
    { id: "lock", label: l("Lock", "锁定"), from: ["open"], to: "locked", roles: hr },
    { id: "calibrate", label: l("Start calibration", "开始校准"), from: ["locked"], to: "calibration", roles: hr },
    { id: "publish", label: l("Publish", "发布"), from: ["calibration"], to: "published", roles: hr },
    { id: "open_appeals", label: l("Open appeals", "开放申诉"), from: ["published"], to: "appeal", roles: hr },
    { id: "finalise", label: l("Finalise", "定稿"), from: ["published", "appeal"], to: "final", roles: hr },
    {
      id: "pay",
      label: l("Mark paid", "标记已发放"),
      from: ["final"],
      to: "paid",
      roles: ["finance", "hr"],
      guard:
        // Bonuses are rounded to cents one by one: their sum may pass the pool by up to half a cent each.
        "COALESCE(total_cvi_bonus, 0) <= COALESCE(total_pool, 0) + 1 AND COALESCE(total_hold_gap, 0) <= COALESCE(pilot_reserve, 0) + 1",
      guardMessage: l(
        "Σ CVI bonus exceeds the pool, or the hold-harmless top-ups exceed the pilot reserve: rerun the scoring or raise the pool.",
        "CVI 奖金合计超过奖金池，或保底补差超过试点储备：请重新运行评分或增加奖金池。",
      ),
    },
  ],
} as const;

/** A scoring run: `run` recomputes the period's scores (see computations.ts); `rerun` allows another. */
export const runStatus = {
  kind: "stateMachine",
  id: "run_status",
  entity: "score_run",
  field: "status",
  initial: "ready",
  states: [{ id: "ready" }, { id: "done" }],
  transitions: [
    { id: "run", label: l("Run scoring", "运行评分"), from: ["ready"], to: "done", roles: hr },
    { id: "rerun", label: l("Prepare a rerun", "准备重新运行"), from: ["done"], to: "ready", roles: hr },
  ],
} as const;

/** The reward fund: `allocate` computes the awards (cap, rollover). */
export const fundStatus = {
  kind: "stateMachine",
  id: "fund_status",
  entity: "reward_fund",
  field: "status",
  initial: "open",
  states: [{ id: "open" }, { id: "allocated" }],
  transitions: [
    { id: "allocate", label: l("Allocate awards", "分配奖励"), from: ["open"], to: "allocated", roles: hr },
    { id: "reopen", label: l("Reopen", "重新开放"), from: ["allocated"], to: "open", roles: hr },
  ],
} as const;

/**
 * A deal reversed after its quarter is locked: the locked quarter stays as it was, and the
 * open quarter's D1 score gets a −amount adjustment that names the deal.
 */
export const dealStatus = {
  kind: "stateMachine",
  id: "deal_status",
  entity: "crm_deal",
  field: "status",
  initial: "won",
  states: [{ id: "won" }, { id: "reversed", final: true }],
  transitions: [
    {
      id: "reverse",
      label: l("Reverse", "冲销"),
      from: ["won"],
      to: "reversed",
      roles: hr,
      requiredFields: ["reversal_score", "reversed_on"],
      guard: "reversal_score <> credited_score AND reversal_score.dimension = 'd1' AND reversal_score.employee = owner",
      guardMessage: l(
        "Adjust the owner's D1 score of the open period, not the one the deal was credited to.",
        "请调整负责人在当前进行中考核期的 D1 得分，而不是该成交原先计入的得分。",
      ),
      effects: [
        {
          kind: "createRecord",
          entity: "metric_snapshot",
          values: {
            score: "reversal_score",
            amount: "-amount",
            kind: "'adjustment'",
            reference: "'Reversal of deal ' & external_id & ' (closed ' & TEXT(closed_on) & ')'",
          },
        },
      ],
    },
  ],
} as const;

/** Calibration: a delta of at most 5 is accepted on submit; above 5 HR reviews it. */
export const calibrationReview = {
  kind: "approval",
  id: "calibration_review",
  label: l("Calibration review", "校准复核"),
  entity: "calibration_note",
  submitters: ["manager", "hr"],
  statusField: "status",
  allowRecall: true,
  steps: [
    {
      id: "hr",
      label: l("HR review (delta > 5)", "HR 复核（调整 > 5）"),
      condition: "ABS(delta) > 5",
      approvers: { kind: "role", role: "hr" },
    },
  ],
} as const;

/** Process reward claims: the employee's manager approves up to 5 points, HR above 5. */
export const claimApproval = {
  kind: "approval",
  id: "claim_approval",
  label: l("Process reward approval", "过程奖励审批"),
  entity: "reward_claim",
  submitters: ["employee", "manager", "hr"],
  statusField: "status",
  allowRecall: true,
  steps: [
    {
      id: "manager",
      label: l("Manager (≤ 5 points)", "经理（≤ 5 分）"),
      condition: "points <= 5",
      approvers: { kind: "managerOf", field: "claimant" },
    },
    {
      id: "hr",
      label: l("HR (> 5 points)", "HR（> 5 分）"),
      condition: "points > 5",
      approvers: { kind: "role", role: "hr" },
    },
  ],
} as const;

/** Evidence counts once its reviewer (the wiki reviewer, the project owner) approves it. */
export const evidenceReview = {
  kind: "approval",
  id: "evidence_review",
  label: l("Evidence review", "证据审核"),
  entity: "evidence_item",
  submitters: ["employee", "manager", "hr"],
  statusField: "status",
  allowRecall: true,
  steps: [
    {
      id: "reviewer",
      label: l("Reviewer / project owner", "审核人 / 项目负责人"),
      approvers: { kind: "userField", field: "reviewer" },
    },
  ],
  onApprove: [
    {
      kind: "createRecord",
      entity: "metric_snapshot",
      values: {
        score: "score",
        amount: "points",
        kind: "'source'",
        reference: "type & ' ' & external_id",
        source_ts: "$now",
      },
    },
  ],
} as const;

export const workflows = [
  periodStatus,
  runStatus,
  fundStatus,
  dealStatus,
  calibrationReview,
  claimApproval,
  evidenceReview,
];

/**
 * A won deal credits its D1 score with a source snapshot (refused once that period is locked).
 * The calendar moves the quarter on: it locks on its lock date and leaves the Appeal window the
 * day after `appeal_until` (HR may take both transitions earlier by hand).
 */
export const automations = [
  {
    id: "daily_rescore",
    label: l("Rescore the open period every night", "进行中的考核期每晚重新评分"),
    entity: "score_run",
    // Connectors sync during the day; the personal dashboard's provisional CVI follows overnight.
    trigger: { kind: "schedule", every: "day", at: "02:00" },
    condition: "daily AND status = 'done' AND period.status = 'open'",
    actions: [
      { kind: "transition", workflow: "run_status", transition: "rerun" },
      { kind: "transition", workflow: "run_status", transition: "run" },
    ],
  },
  {
    id: "auto_lock",
    label: l("Lock on the lock date", "到锁定日自动锁定"),
    entity: "period",
    trigger: { kind: "dateOffset", field: "lock_at", days: 0, at: "18:00" },
    condition: "status = 'open'",
    actions: [{ kind: "transition", workflow: "period_status", transition: "lock" }],
  },
  {
    id: "close_appeals",
    label: l("Close the Appeal window", "申诉期结束后自动定稿"),
    entity: "period",
    trigger: { kind: "dateOffset", field: "appeal_until", days: 1, at: "00:00" },
    condition: "status = 'appeal'",
    actions: [{ kind: "transition", workflow: "period_status", transition: "finalise" }],
  },
  {
    id: "credit_deal",
    label: l("Credit a won deal to D1", "成交计入 D1"),
    entity: "crm_deal",
    trigger: { kind: "create" },
    condition: "status = 'won'",
    actions: [
      {
        kind: "createRecord",
        entity: "metric_snapshot",
        values: {
          score: "credited_score",
          amount: "amount",
          kind: "'source'",
          reference: "'Deal ' & external_id",
          source_ts: "$now",
        },
      },
    ],
  },
] as const;
