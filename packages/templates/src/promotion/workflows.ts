import { l } from "./labels.js";

/** A ledger row for the promotion: `createRecord` of a fund transaction, amounts as formulas. */
const ledger = (type: string, amount: string, reason: string) => ({
  kind: "createRecord",
  entity: "fund_transaction",
  values: { pool: "pool", type: `'${type}'`, amount, promotion: "id", region: "region", reason },
});

/** The same region as the request: `$approver.region` holds the region code. */
const inRegion = "$approver.region = region.code";

/**
 * The promotion's lifecycle (§2.4). Approval moves Draft → Pending → Approved through the
 * approval's effects; everything after is a transition (taken by people or by timed automations).
 */
export const lifecycle = {
  kind: "stateMachine",
  id: "lifecycle",
  label: l("Promotion lifecycle", "促销生命周期"),
  entity: "promotion",
  field: "status",
  initial: "draft",
  states: [
    { id: "draft", label: l("Draft", "草稿") },
    { id: "pending", label: l("Pending approval", "审批中") },
    { id: "approved", label: l("Approved", "已批准") },
    { id: "in_execution", label: l("In execution", "执行中") },
    { id: "ended", label: l("Ended", "已结束") },
    { id: "claim_submitted", label: l("Claim submitted", "已提交核销") },
    { id: "settled", label: l("Settled", "已核销") },
    { id: "closed", label: l("Closed", "已关闭"), final: true },
    { id: "cancelled", label: l("Cancelled", "已取消"), final: true },
    { id: "expired", label: l("Expired", "已过期") },
  ],
  transitions: [
    // The approval moves these three (its effects set the status and write the ledger); they are
    // listed so the machine knows the paths, and nobody can take them by hand.
    ...(
      [
        ["to_pending", "draft", "pending", "Submitted", "已提交"],
        ["to_approved", "pending", "approved", "Approved", "已批准"],
        ["to_draft", "pending", "draft", "Back to draft", "退回草稿"],
      ] as const
    ).map(([id, from, to, en, zh]) => ({
      id,
      label: l(en, zh),
      from: [from],
      to,
      guard: "FALSE",
      guardMessage: l("Only the approval moves a request here.", "只有审批流程可以改变此状态。"),
      roles: ["hq_admin"],
    })),
    {
      id: "cancel_draft",
      label: l("Cancel", "取消"),
      from: ["draft"],
      to: "cancelled",
      roles: ["rep", "manager", "hq_admin"],
    },
    {
      id: "cancel",
      label: l("Cancel", "取消"),
      from: ["approved"],
      to: "cancelled",
      guard: "$today < in_store_from",
      guardMessage: l(
        "The promotion has started: terminate it early instead.",
        "促销已开始，不能取消；请改为提前终止。",
      ),
      roles: ["rep", "manager", "director", "hq_admin"],
      effects: [ledger("RELEASE", "committed_open", "'cancelled before start'")],
    },
    {
      id: "start",
      label: l("Start execution", "开始执行"),
      from: ["approved"],
      to: "in_execution",
      guard: "$today >= in_store_from",
      roles: ["hq_admin"],
    },
    {
      id: "terminate",
      label: l("Terminate early", "提前终止"),
      from: ["in_execution"],
      to: "ended",
      roles: ["rep", "manager", "director", "hq_admin"],
      effects: [{ kind: "setFields", values: { terminated_on: "$today" } }],
    },
    {
      id: "end",
      label: l("End", "结束"),
      from: ["in_execution"],
      to: "ended",
      guard: "$today > in_store_to",
      roles: ["hq_admin"],
    },
    {
      id: "submit_claim",
      label: l("Submit claim", "提交核销"),
      from: ["ended"],
      to: "claim_submitted",
      guard: "claims_count > 0",
      guardMessage: l("Add a claim with its evidence first.", "请先添加核销单及凭证。"),
      roles: ["rep", "manager", "hq_admin"],
    },
    {
      id: "settle",
      label: l("Settle", "核销结算"),
      from: ["claim_submitted"],
      to: "settled",
      guard: "claims_open = 0 AND claims_verified <= committed_open",
      guardMessage: l(
        "Verify every claim first; a verified amount above the commitment needs a change request.",
        "请先审核全部核销单；审核金额超过承诺金额需走变更申请。",
      ),
      roles: ["region_finance", "hq_finance"],
      // What the settlement leaves of the commitment, fixed now (before the ACTUAL row counts).
      effects: [
        { kind: "setFields", values: { released_on_settlement: "committed_open - claims_verified" } },
        ledger("ACTUAL", "claims_verified", "'settlement'"),
      ],
    },
    {
      id: "close",
      label: l("Close", "关闭"),
      from: ["settled"],
      to: "closed",
      guard: "paid_total >= actual_spend",
      guardMessage: l("Record the payment of the settled amount first.", "请先登记核销金额的付款。"),
      roles: ["region_finance", "hq_finance"],
      effects: [{ kind: "setFields", values: { closed_at: "$now" } }],
    },
    {
      id: "expire",
      label: l("Expire", "过期"),
      from: ["ended"],
      to: "expired",
      guard: "$today > DATEADD(in_store_to, 90, 'day')",
      roles: ["hq_admin"],
      effects: [
        { kind: "setFields", values: { released_on_expiry: "committed_open" } },
        ledger("RELEASE", "committed_open", "'claim deadline passed'"),
      ],
    },
    {
      id: "reopen",
      label: l("Reopen by HQ Finance exception", "总部财务特批重开"),
      from: ["expired"],
      to: "ended",
      guard: "pool.available >= released_on_expiry",
      guardMessage: l("The pool no longer has the released amount available.", "费用池已无足够可用余额。"),
      requiredFields: ["exception_reason"],
      roles: ["hq_finance"],
      effects: [ledger("COMMIT", "released_on_expiry", "'HQ Finance exception: ' & exception_reason")],
    },
  ],
  history: { fields: ["version_no", "planned_spend", "exception_reason"] },
} as const;

/**
 * The approval matrix of §2.5, top-down and cumulative. Regional limits come from the region's
 * row (`region.single_request_limit`); the HQ steps are HQ-mandatory (locked for overlays).
 */
export const approval = {
  kind: "approval",
  id: "promotion_approval",
  label: l("Promotion approval", "促销审批"),
  entity: "promotion",
  // Plans go in on the 1st–15th for promotions starting next month or later; outside that window
  // a request is Urgent (which adds the director).
  entryCriteria:
    "status = 'draft' AND line_count >= 1 AND planned_spend > 0 AND pool.available >= planned_spend AND (urgent OR (DAY($today) <= 15 AND in_store_from >= DATE(YEAR(DATEADD($today, 1, 'month')), MONTH(DATEADD($today, 1, 'month')), 1)))",
  entryMessage: l(
    "Add at least one line and make sure the pool's available budget covers the planned spend. Plans are submitted on the 1st–15th for next month; otherwise mark the request Urgent.",
    "请至少添加一条明细，并确认费用池可用余额足以覆盖计划费用。方案须在每月1–15日提交下月活动；否则请标记为加急。",
  ),
  submitters: ["rep", "manager", "director"],
  statusField: "approval_status",
  allowRecall: true,
  steps: [
    {
      id: "manager",
      label: l("Regional Sales Manager", "区域销售经理"),
      approvers: { kind: "role", role: "manager", match: inRegion },
      sla: { hours: 48, remindAfterHours: 24 },
    },
    {
      id: "director",
      label: l("Regional Director", "区域总监"),
      condition: "planned_spend > region.director_threshold OR urgent",
      approvers: { kind: "role", role: "director", match: inRegion },
      sla: { hours: 48, remindAfterHours: 24 },
    },
    {
      id: "region_finance",
      label: l("Region Finance BP", "区域财务BP"),
      approvers: { kind: "role", role: "region_finance", match: inRegion },
      sla: { hours: 48, remindAfterHours: 24 },
    },
    {
      id: "hq_trade",
      label: l("HQ Trade Marketing", "总部通路市场部"),
      condition: "planned_spend > region.single_request_limit",
      approvers: { kind: "role", role: "hq_trade" },
      sla: { hours: 48, remindAfterHours: 24 },
    },
    {
      id: "hq_finance",
      label: l("HQ Finance", "总部财务"),
      condition:
        "planned_spend > region.single_request_limit OR expected_incremental_revenue < planned_spend * region.roi_floor",
      approvers: { kind: "role", role: "hq_finance" },
      sla: { hours: 48, remindAfterHours: 24 },
    },
    {
      id: "gm",
      label: l("VP Sales / GM", "销售副总裁/总经理"),
      condition: "planned_spend > 500000",
      approvers: { kind: "role", role: "hq_gm" },
    },
    {
      id: "hq_pricing",
      label: l("HQ Pricing", "总部价格管理"),
      condition: "discount_depth_max > 30",
      approvers: { kind: "role", role: "hq_pricing" },
    },
    {
      id: "hq_ka",
      label: l("HQ KA dept", "总部KA部"),
      condition: "listing_lines > 0 AND customer.is_new",
      approvers: { kind: "role", role: "hq_trade" },
    },
  ],
  onSubmit: [
    { kind: "setFields", values: { status: "'pending'", submitted_at: "$now" } },
    ledger("RESERVE", "planned_spend", "'submitted, version ' & TEXT(version_no)"),
  ],
  onApprove: [
    { kind: "setFields", values: { status: "'approved'", approved_at: "$now" } },
    ledger("UNRESERVE", "reserved_open", "'final approval'"),
    ledger("COMMIT", "reserved_open", "'final approval'"),
  ],
  onReject: [
    {
      kind: "setFields",
      values: { status: "'draft'", version_no: "version_no + 1", last_comment: "$approval.comment" },
    },
    ledger("UNRESERVE", "reserved_open", "'rejected'"),
  ],
  onRecall: [{ kind: "setFields", values: { status: "'draft'" } }, ledger("UNRESERVE", "reserved_open", "'recalled'")],
} as const;

/** Timed and follow-up automations: execution window, claim deadline, returns, settlement rest. */
export const automations = [
  {
    id: "start_on_in_store_from",
    label: l("Start on the in-store date", "到门店开始日自动执行"),
    entity: "promotion",
    trigger: { kind: "dateOffset", field: "in_store_from", days: 0, at: "00:00" },
    condition: "status = 'approved'",
    actions: [{ kind: "transition", workflow: "lifecycle", transition: "start" }],
  },
  {
    id: "end_after_in_store_to",
    label: l("End after the in-store window", "门店期结束后自动结束"),
    entity: "promotion",
    trigger: { kind: "dateOffset", field: "in_store_to", days: 1, at: "00:00" },
    condition: "status = 'in_execution'",
    actions: [{ kind: "transition", workflow: "lifecycle", transition: "end" }],
  },
  {
    id: "expire_after_claim_deadline",
    label: l("Expire after the 90-day claim deadline", "超过90天核销期限自动过期"),
    entity: "promotion",
    trigger: { kind: "dateOffset", field: "in_store_to", days: 91, at: "00:00" },
    condition: "status = 'ended'",
    actions: [{ kind: "transition", workflow: "lifecycle", transition: "expire" }],
  },
  {
    id: "return_to_draft",
    label: l("A returned request goes back to Draft", "退回的申请回到草稿"),
    entity: "promotion",
    trigger: { kind: "approval", workflow: "promotion_approval", outcome: "returned" },
    actions: [
      { kind: "setFields", values: { status: "'draft'" } },
      ledger("UNRESERVE", "reserved_open", "'returned for information'"),
    ],
  },
  {
    id: "release_unclaimed_rest",
    label: l("Release what the settlement did not use", "释放核销未使用的承诺"),
    entity: "promotion",
    trigger: { kind: "transition", workflow: "lifecycle", transition: "settle" },
    condition: "released_on_settlement > 0",
    actions: [ledger("RELEASE", "released_on_settlement", "'settlement: unclaimed rest'")],
  },
] as const;

/** Claim verification: the verified amount is the evidence-complete amount when the agreement is on file. */
export const claimFlow = {
  kind: "stateMachine",
  id: "claim_flow",
  label: l("Claim verification", "核销审核"),
  entity: "claim",
  field: "status",
  initial: "submitted",
  states: [
    { id: "submitted", label: l("Submitted", "已提交") },
    { id: "verified", label: l("Verified", "已审核"), final: true },
    { id: "rejected", label: l("Rejected", "已驳回"), final: true },
  ],
  transitions: [
    {
      id: "verify",
      label: l("Verify", "审核通过"),
      from: ["submitted"],
      to: "verified",
      roles: ["region_finance", "hq_finance"],
      // A claim above the region's single-request limit is HQ Finance's to verify.
      guard: "INCLUDES($user.roles, 'hq_finance') OR claimed_amount <= promotion.region.single_request_limit",
      guardMessage: l(
        "A claim above the region's limit is verified by HQ Finance.",
        "超过区域限额的核销由总部财务审核。",
      ),
      effects: [
        {
          kind: "setFields",
          values: {
            verified_amount: "IF(agreements > 0, MIN(eligible_amount, claimed_amount), 0)",
            verifier: "$user.id",
            verified_at: "$now",
          },
        },
      ],
    },
    {
      id: "reject",
      label: l("Reject", "驳回"),
      from: ["submitted"],
      to: "rejected",
      requiredFields: ["rejection_reason"],
      roles: ["region_finance", "hq_finance"],
    },
  ],
} as const;

/** A transfer between pools (e.g. from the HQ reserve): HQ Finance approves; the ledger gets both legs. */
export const transferApproval = {
  kind: "approval",
  id: "transfer_approval",
  label: l("Budget transfer approval", "预算调拨审批"),
  entity: "budget_transfer",
  entryCriteria: "amount > 0 AND from_pool.available >= amount",
  entryMessage: l(
    "The source pool has not enough available budget for this transfer.",
    "调出费用池的可用余额不足以完成本次调拨。",
  ),
  submitters: ["region_finance", "hq_finance"],
  statusField: "status",
  allowRecall: true,
  steps: [
    {
      id: "hq_finance",
      label: l("HQ Finance", "总部财务"),
      approvers: { kind: "role", role: "hq_finance" },
      sla: { hours: 48, remindAfterHours: 24 },
    },
  ],
  onApprove: [
    {
      kind: "createRecord",
      entity: "fund_transaction",
      values: {
        pool: "from_pool",
        type: "'TRANSFER_OUT'",
        amount: "amount",
        counterparty_pool: "to_pool",
        region: "from_pool.region",
        reason: "code & ': ' & reason",
      },
    },
    {
      kind: "createRecord",
      entity: "fund_transaction",
      values: {
        pool: "to_pool",
        type: "'TRANSFER_IN'",
        amount: "amount",
        counterparty_pool: "from_pool",
        region: "to_pool.region",
        reason: "code & ': ' & reason",
      },
    },
  ],
} as const;

/** The delta of a change request, under the same matrix as a request (on its absolute amount). */
const changeRegion = "$approver.region = promotion.region.code";
export const changeApproval = {
  kind: "approval",
  id: "change_approval",
  label: l("Change request approval", "变更申请审批"),
  entity: "change_request",
  entryCriteria:
    "delta_amount <> 0 AND promotion.status IN ('approved', 'in_execution') AND IF(delta_amount > 0, promotion.pool.available >= delta_amount, promotion.committed_open >= -delta_amount)",
  entryMessage: l(
    "An increase needs the pool's available budget; a cut cannot exceed what is committed.",
    "增加金额需费用池有足够可用余额；减少金额不能超过已承诺金额。",
  ),
  submitters: ["rep", "manager", "director"],
  statusField: "status",
  allowRecall: true,
  steps: [
    {
      id: "manager",
      label: l("Regional Sales Manager", "区域销售经理"),
      approvers: { kind: "role", role: "manager", match: changeRegion },
    },
    {
      id: "director",
      label: l("Regional Director", "区域总监"),
      condition: "ABS(delta_amount) > promotion.region.director_threshold",
      approvers: { kind: "role", role: "director", match: changeRegion },
    },
    {
      id: "region_finance",
      label: l("Region Finance BP", "区域财务BP"),
      approvers: { kind: "role", role: "region_finance", match: changeRegion },
    },
    {
      id: "hq_trade",
      label: l("HQ Trade Marketing", "总部通路市场部"),
      condition: "ABS(delta_amount) > promotion.region.single_request_limit",
      approvers: { kind: "role", role: "hq_trade" },
    },
    {
      id: "hq_finance",
      label: l("HQ Finance", "总部财务"),
      condition: "ABS(delta_amount) > promotion.region.single_request_limit",
      approvers: { kind: "role", role: "hq_finance" },
    },
  ],
  onApprove: [
    {
      kind: "createRecord",
      entity: "fund_transaction",
      values: {
        pool: "promotion.pool",
        type: "IF(delta_amount > 0, 'COMMIT', 'RELEASE')",
        amount: "ABS(delta_amount)",
        promotion: "promotion",
        region: "promotion.region",
        reason: "code & ': ' & reason",
      },
    },
  ],
} as const;
