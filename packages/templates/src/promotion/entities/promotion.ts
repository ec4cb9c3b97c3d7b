import { l, options } from "../labels.js";

export const mechanics = options([
  ["tpr", "TPR / price subsidy (特价)", "特价直降/特价补差"],
  ["off_invoice", "Off-invoice %", "票折"],
  ["scan_back", "Scan-back per unit", "后返"],
  ["bogo", "Buy X get Y", "买赠/搭赠"],
  ["display", "Display fee", "陈列费"],
  ["listing", "Listing / barcode fee", "进场费/条码费"],
  ["promoter", "Promoter", "促销员"],
  ["dm", "DM / flyer", "DM/海报"],
  ["posm", "POSM / tasting", "广宣品/品尝品"],
]);

export const promotionStatuses = options([
  ["draft", "Draft", "草稿"],
  ["pending", "Pending approval", "审批中"],
  ["approved", "Approved", "已批准"],
  ["in_execution", "In execution", "执行中"],
  ["ended", "Ended", "已结束"],
  ["claim_submitted", "Claim submitted", "已提交核销"],
  ["settled", "Settled", "已核销"],
  ["closed", "Closed", "已关闭"],
  ["cancelled", "Cancelled", "已取消"],
  ["expired", "Expired", "已过期"],
]);

const money = (id: string, en: string, zh: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: "currency",
  label: l(en, zh),
  currency: "CNY",
  min: 0,
  ...extra,
});

const sumOf = (id: string, en: string, zh: string, from: string, via: string, field: string, filter?: string) => ({
  id,
  kind: "rollup",
  label: l(en, zh),
  from,
  via,
  aggregate: "sum",
  field,
  ...(filter ? { filter } : {}),
});

const countOf = (id: string, en: string, zh: string, from: string, via: string, filter?: string) => ({
  id,
  kind: "rollup",
  label: l(en, zh),
  from,
  via,
  aggregate: "count",
  ...(filter ? { filter } : {}),
});

/** The request header (§2.2). Money figures are rollups over its lines and the ledger. */
export const promotion = {
  id: "promotion",
  label: l("Promotion request", "促销申请"),
  pluralLabel: l("Promotion requests", "促销申请"),
  titleField: "title",
  fields: [
    { id: "code", kind: "autonumber", label: l("Code", "编号"), prefix: "PR-2026-", padding: 5 },
    { id: "title", kind: "text", label: l("Title", "标题"), required: true, maxLength: 200 },
    { id: "region", kind: "relation", label: l("Region", "区域"), target: "region", required: true, indexed: true },
    { id: "channel", kind: "relation", label: l("Channel", "渠道"), target: "channel" },
    { id: "customer", kind: "relation", label: l("Customer", "客户"), target: "customer" },
    {
      id: "store_scope",
      kind: "select",
      label: l("Store scope", "门店范围"),
      options: options([
        ["all", "All stores of the customer", "客户全部门店"],
        ["list", "Store list", "指定门店"],
        ["cluster", "Store cluster", "门店集群"],
      ]),
      default: "all",
    },
    { id: "store_list", kind: "longText", label: l("Stores", "门店清单"), requiredWhen: "store_scope = 'list'" },
    { id: "sell_in_from", kind: "date", label: l("Sell-in from", "进货开始"), required: true },
    { id: "sell_in_to", kind: "date", label: l("Sell-in to", "进货结束"), required: true },
    { id: "in_store_from", kind: "date", label: l("In-store from", "门店开始"), required: true },
    { id: "in_store_to", kind: "date", label: l("In-store to", "门店结束"), required: true },
    { id: "pool", kind: "relation", label: l("Budget pool", "费用池"), target: "budget_pool", required: true },
    {
      id: "objective",
      kind: "select",
      label: l("Objective", "目标"),
      options: options([
        ["volume", "Volume", "上量"],
        ["trial", "Trial / new SKU", "新品试用"],
        ["listing", "Listing", "进场"],
        ["defend", "Defend share", "守份额"],
        ["clearance", "Inventory clearance", "清库存"],
      ]),
    },
    { id: "urgent", kind: "boolean", label: l("Urgent (outside the window)", "加急（窗口外）"), default: false },
    { id: "justification", kind: "longText", label: l("Justification", "申请理由") },
    sumOf("planned_spend", "Planned spend", "计划费用", "promotion_line", "promotion", "planned_cost"),
    sumOf("baseline_units", "Baseline units", "基线销量", "promotion_line", "promotion", "baseline_units"),
    sumOf("planned_units", "Planned units", "计划销量", "promotion_line", "promotion", "planned_units"),
    sumOf(
      "expected_incremental_revenue",
      "Expected incremental revenue",
      "预期增量收入",
      "promotion_line",
      "promotion",
      "incremental_revenue",
    ),
    sumOf("planned_net_sales", "Planned net sales", "计划净销售额", "promotion_line", "promotion", "net_sales"),
    {
      id: "discount_depth_max",
      kind: "rollup",
      label: l("Deepest discount %", "最大折扣深度%"),
      from: "promotion_line",
      via: "promotion",
      aggregate: "max",
      field: "discount_depth",
    },
    countOf("line_count", "Lines", "明细数", "promotion_line", "promotion"),
    countOf(
      "listing_lines",
      "Listing-fee lines",
      "进场费明细数",
      "promotion_line",
      "promotion",
      "mechanic = 'listing'",
    ),
    {
      id: "expected_roi",
      kind: "formula",
      label: l("Expected revenue ROI (at last save)", "预期投入产出比（最近保存）"),
      expression: "IF(planned_spend > 0, ROUND(expected_incremental_revenue / planned_spend, 2), BLANK)",
      resultType: "number",
    },
    {
      id: "expected_expense_ratio",
      kind: "formula",
      label: l("Expected expense ratio % (at last save)", "预期费比%（最近保存）"),
      expression: "IF(planned_net_sales > 0, ROUND(planned_spend / planned_net_sales * 100, 2), BLANK)",
      resultType: "number",
      format: "percent",
    },
    {
      id: "approval_level_required",
      kind: "formula",
      label: l("Approval level (at last save)", "审批层级（最近保存）"),
      expression:
        "IF(planned_spend > 500000, 'GM', IF(planned_spend > region.single_request_limit, 'HQ', IF(planned_spend > 20000, 'Director', 'Manager')))",
      resultType: "text",
    },
    { id: "status", kind: "select", label: l("Status", "状态"), options: promotionStatuses, default: "draft" },
    {
      id: "approval_status",
      kind: "select",
      label: l("Approval", "审批状态"),
      options: options([
        ["none", "Not submitted", "未提交"],
        ["pending", "Pending", "审批中"],
        ["approved", "Approved", "已批准"],
        ["rejected", "Rejected", "已驳回"],
        ["returned", "Returned", "已退回"],
        ["recalled", "Recalled", "已撤回"],
      ]),
      default: "none",
    },
    { id: "version_no", kind: "number", label: l("Version", "版本"), integer: true, min: 1, default: 1 },
    {
      id: "last_comment",
      kind: "longText",
      label: l("Last approval comment", "最近审批意见"),
      helpText: l("Kept on the record when a request is rejected.", "申请被驳回时保留在记录上。"),
    },
    { id: "attachments", kind: "attachment", label: l("Plan and draft agreement", "方案与协议草稿"), maxFiles: 10 },
    { id: "submitted_at", kind: "datetime", label: l("Submitted at", "提交时间") },
    { id: "approved_at", kind: "datetime", label: l("Approved at", "批准时间") },
    { id: "closed_at", kind: "datetime", label: l("Closed at", "关闭时间") },
    { id: "terminated_on", kind: "date", label: l("Terminated early on", "提前终止日期") },
    { id: "cancel_reason", kind: "text", label: l("Cancel reason", "取消原因"), maxLength: 500 },
    { id: "released_on_expiry", kind: "currency", label: l("Released on expiry", "过期释放金额"), currency: "CNY" },
    {
      id: "released_on_settlement",
      kind: "currency",
      label: l("Released on settlement", "核销释放金额"),
      currency: "CNY",
    },
    {
      id: "exception_reason",
      kind: "longText",
      label: l("HQ Finance exception", "总部财务特批说明"),
      helpText: l("Only HQ Finance may reopen an expired promotion.", "仅总部财务可重新开放已过期的促销。"),
    },
    {
      id: "approval_cycle_days",
      kind: "formula",
      label: l("Approval cycle (days)", "审批周期（天）"),
      expression:
        "IF(ISBLANK(approved_at) OR ISBLANK(submitted_at), BLANK, DATEDIFF(submitted_at, approved_at, 'day'))",
      resultType: "number",
    },
    sumOf("reserved_open", "Reserved (open)", "预占中", "fund_transaction", "promotion", "d_reserved"),
    sumOf("committed_open", "Committed (open)", "承诺中", "fund_transaction", "promotion", "d_committed"),
    sumOf("actual_spend", "Actual spend", "实际费用", "fund_transaction", "promotion", "d_actual"),
    sumOf(
      "claims_verified",
      "Verified claims",
      "已审核核销",
      "claim",
      "promotion",
      "verified_amount",
      "status = 'verified'",
    ),
    countOf(
      "claims_open",
      "Claims awaiting verification",
      "待审核核销单",
      "claim",
      "promotion",
      "status = 'submitted'",
    ),
    countOf("claims_count", "Claims", "核销单数", "claim", "promotion"),
    sumOf("paid_total", "Paid", "已付款", "payment", "promotion", "amount"),
    sumOf("actual_units", "Actual units", "实际销量", "sales_actual", "promotion", "units"),
    sumOf("actual_net_sales", "Actual net sales", "实际净销售额", "sales_actual", "promotion", "net_sales"),
    sumOf(
      "actual_incremental_revenue",
      "Actual incremental revenue",
      "实际增量收入",
      "sales_actual",
      "promotion",
      "incremental_revenue",
    ),
    sumOf(
      "actual_incremental_margin",
      "Actual incremental gross profit",
      "实际增量毛利",
      "sales_actual",
      "promotion",
      "incremental_margin",
    ),
  ],
  rules: [
    {
      id: "in_store_dates",
      invalidWhen: "in_store_to < in_store_from",
      field: "in_store_to",
      message: l("The in-store end is before its start; fix the dates.", "门店结束日期早于开始日期；请修改日期。"),
    },
    {
      id: "sell_in_lead",
      invalidWhen: "sell_in_from < DATEADD(in_store_from, -14, 'day') OR sell_in_to < sell_in_from",
      field: "sell_in_from",
      message: l(
        "Sell-in may start at most 14 days before in-store and must end after it starts.",
        "进货最多可比门店活动提前14天开始，且结束日期不得早于开始日期。",
      ),
    },
    {
      id: "frozen_after_submit",
      invalidWhen:
        "$old.status <> 'draft' AND (title <> $old.title OR region <> $old.region OR pool <> $old.pool OR customer <> $old.customer OR in_store_from <> $old.in_store_from OR in_store_to <> $old.in_store_to OR sell_in_from <> $old.sell_in_from OR sell_in_to <> $old.sell_in_to)",
      message: l(
        "A submitted or approved request is not edited: recall it, or raise a change request for the difference.",
        "已提交或已批准的申请不能修改：请撤回，或就差额发起变更申请。",
      ),
      on: ["update"],
    },
    {
      id: "pool_same_region",
      invalidWhen: "NOT(ISBLANK(pool.region)) AND pool.region <> region",
      field: "pool",
      message: l(
        "Use a pool of the request's own region; HQ reserve money comes by a transfer.",
        "请使用本区域的费用池；总部储备需通过调拨使用。",
      ),
    },
  ],
} as const;

/** A promotion line (≈ CG Cloud Tactic): the mechanic and its cost formula (§2.2). */
export const promotionLine = {
  id: "promotion_line",
  label: l("Promotion line", "促销明细"),
  fields: [
    {
      id: "promotion",
      kind: "relation",
      label: l("Promotion", "促销申请"),
      target: "promotion",
      required: true,
      onDelete: "cascade",
      inverse: { id: "lines", label: l("Lines", "明细") },
    },
    { id: "sku", kind: "relation", label: l("SKU", "商品"), target: "sku" },
    { id: "mechanic", kind: "select", label: l("Mechanic", "促销方式"), options: mechanics, required: true },
    money("regular_price", "Regular price", "原价"),
    money("promo_price", "Promo price", "促销价"),
    { id: "discount_pct", kind: "percent", label: l("Off-invoice %", "票折%"), min: 0, max: 100 },
    money("list_price", "List price", "出厂价"),
    money("rate_per_unit", "Rate per unit", "单位返利"),
    money("lump_sum", "Lump sum (per store for displays)", "固定金额（陈列按店）"),
    { id: "store_count", kind: "number", label: l("Stores", "门店数"), integer: true, min: 0 },
    { id: "free_units", kind: "number", label: l("Free units", "赠品数量"), integer: true, min: 0 },
    money("unit_cost", "Unit cost", "单位成本"),
    { id: "persons", kind: "number", label: l("Persons", "人数"), integer: true, min: 0 },
    { id: "days", kind: "number", label: l("Days", "天数"), integer: true, min: 0 },
    money("daily_rate", "Daily rate", "日薪"),
    { id: "qty", kind: "number", label: l("Quantity", "数量"), integer: true, min: 0 },
    { id: "baseline_units", kind: "number", label: l("Baseline units", "基线销量"), integer: true, min: 0 },
    { id: "planned_units", kind: "number", label: l("Planned units", "计划销量"), integer: true, min: 0 },
    {
      id: "planned_cost",
      kind: "formula",
      label: l("Planned cost", "计划费用"),
      expression:
        "ROUND(SWITCH(mechanic, 'tpr', (COALESCE(regular_price, 0) - COALESCE(promo_price, 0)) * COALESCE(planned_units, 0), 'off_invoice', COALESCE(planned_units, 0) * COALESCE(list_price, 0) * COALESCE(discount_pct, 0) / 100, 'scan_back', COALESCE(rate_per_unit, 0) * COALESCE(planned_units, 0), 'bogo', COALESCE(free_units, 0) * COALESCE(unit_cost, 0), 'display', COALESCE(lump_sum, 0) * COALESCE(store_count, 1), 'promoter', COALESCE(persons, 0) * COALESCE(days, 0) * COALESCE(daily_rate, 0), 'posm', COALESCE(qty, 0) * COALESCE(unit_cost, 0), COALESCE(lump_sum, 0)), 2)",
      resultType: "number",
      format: "currency",
    },
    {
      id: "discount_depth",
      kind: "formula",
      label: l("Discount depth %", "折扣深度%"),
      expression:
        "IF(mechanic = 'tpr' AND regular_price > 0, ROUND((regular_price - promo_price) / regular_price * 100, 1), IF(mechanic = 'off_invoice', COALESCE(discount_pct, 0), 0))",
      resultType: "number",
    },
    {
      id: "net_sales",
      kind: "formula",
      label: l("Planned net sales", "计划净销售额"),
      expression: "ROUND(COALESCE(planned_units, 0) * COALESCE(promo_price, list_price, regular_price, 0), 2)",
      resultType: "number",
      format: "currency",
    },
    {
      id: "incremental_revenue",
      kind: "formula",
      label: l("Incremental revenue", "增量收入"),
      expression:
        "ROUND((COALESCE(planned_units, 0) - COALESCE(baseline_units, 0)) * COALESCE(promo_price, list_price, regular_price, 0), 2)",
      resultType: "number",
      format: "currency",
    },
    {
      id: "evidence_required",
      kind: "formula",
      label: l("Evidence at settlement", "核销凭证要求"),
      expression:
        "SWITCH(mechanic, 'tpr', 'Stamped store sales list + price-difference form', 'off_invoice', 'Invoice', 'scan_back', 'POS / sell-out report', 'bogo', 'Gift issue log + photos', 'display', 'Agreement + 3 photos per store', 'listing', 'Contract + first-delivery receipt + barcode list', 'promoter', 'Attendance + payroll sign-off + sales report', 'dm', 'DM original + contract', 'Issue log + photos')",
      resultType: "text",
    },
  ],
  rules: [
    {
      id: "draft_only",
      invalidWhen: "promotion.status <> 'draft'",
      field: "promotion",
      message: l(
        "Lines change only while the request is a draft; recall it first, or raise a change request.",
        "只有草稿状态的申请可以修改明细；请先撤回，或发起变更申请。",
      ),
    },
  ],
} as const;

/**
 * A change request (§2.4 "edit after approval"): an approved promotion's money changes only by a
 * delta that goes through the same matrix; its approval commits the increase or releases the cut.
 */
export const changeRequest = {
  id: "change_request",
  label: l("Change request", "变更申请"),
  titleField: "code",
  fields: [
    { id: "code", kind: "autonumber", label: l("Code", "编号"), prefix: "CR-", padding: 5 },
    {
      id: "promotion",
      kind: "relation",
      label: l("Promotion", "促销申请"),
      target: "promotion",
      required: true,
      inverse: { id: "changes", label: l("Change requests", "变更申请") },
    },
    {
      id: "delta_amount",
      kind: "currency",
      label: l("Change of the commitment (+ more, − less)", "承诺金额变动（+增加，−减少）"),
      currency: "CNY",
      required: true,
    },
    { id: "reason", kind: "longText", label: l("Reason", "原因"), required: true },
    {
      id: "status",
      kind: "select",
      label: l("Approval", "审批状态"),
      options: options([
        ["none", "Not submitted", "未提交"],
        ["pending", "Pending", "审批中"],
        ["approved", "Approved", "已批准"],
        ["rejected", "Rejected", "已驳回"],
        ["returned", "Returned", "已退回"],
        ["recalled", "Recalled", "已撤回"],
      ]),
      default: "none",
    },
  ],
  rules: [
    {
      id: "open_promotion",
      invalidWhen: "NOT(promotion.status IN ('approved', 'in_execution'))",
      field: "promotion",
      message: l(
        "Only an approved promotion, before it ends, takes a change request.",
        "只有已批准且尚未结束的促销可以发起变更申请。",
      ),
      on: ["create"],
    },
  ],
} as const;
