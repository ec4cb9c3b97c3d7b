import { l, options } from "../labels.js";

/** The ledger's transaction types. */
export const txTypes = options([
  ["ALLOCATE", "Allocate", "分配"],
  ["TRANSFER_IN", "Transfer in", "调入"],
  ["TRANSFER_OUT", "Transfer out", "调出"],
  ["RESERVE", "Reserve", "预占"],
  ["UNRESERVE", "Unreserve", "释放预占"],
  ["COMMIT", "Commit", "承诺"],
  ["RELEASE", "Release", "释放承诺"],
  ["ACTUAL", "Actual", "实际核销"],
  ["ADJUST", "Adjust", "调整"],
]);

/** A rollup of one signed column of the ledger over a pool. */
const poolSum = (id: string, en: string, zh: string, field: string) => ({
  id,
  kind: "rollup",
  label: l(en, zh),
  from: "fund_transaction",
  via: "pool",
  aggregate: "sum",
  field,
});

/**
 * A budget pool (≈ CG Cloud Fund): its balances are rollups over the append-only ledger, so they
 * are computed in SQL from the transactions, in the transaction that reads them.
 */
export const budgetPool = {
  id: "budget_pool",
  label: l("Budget pool", "费用池"),
  titleField: "code",
  fields: [
    { id: "code", kind: "text", label: l("Code", "代码"), required: true, unique: true },
    { id: "name", kind: "text", label: l("Name", "名称") },
    {
      id: "region",
      kind: "relation",
      label: l("Region (blank = HQ reserve)", "区域（空=总部储备）"),
      target: "region",
    },
    { id: "period", kind: "text", label: l("Period", "期间"), required: true },
    {
      id: "expense_category",
      kind: "select",
      label: l("Expense category", "费用类别"),
      options: options([
        ["any", "Any", "不限"],
        ["display", "Display", "陈列"],
        ["price", "Price", "价格"],
        ["listing", "Listing", "进场"],
        ["promoter", "Promoter", "促销员"],
        ["posm", "POSM", "物料"],
      ]),
      default: "any",
    },
    { id: "owner", kind: "user", label: l("Owner", "负责人") },
    {
      id: "status",
      kind: "select",
      label: l("Status", "状态"),
      options: options([
        ["planning", "Planning", "规划中"],
        ["active", "Active", "生效"],
        ["closed", "Closed", "已关闭"],
      ]),
      default: "active",
    },
    poolSum("allocated", "Allocated", "已分配", "d_allocated"),
    poolSum("transferred_in", "Transferred in", "调入", "d_transfer_in"),
    poolSum("transferred_out", "Transferred out", "调出", "d_transfer_out"),
    poolSum("reserved", "Reserved", "预占", "d_reserved"),
    poolSum("committed", "Committed", "已承诺", "d_committed"),
    poolSum("actual", "Actual", "实际", "d_actual"),
    poolSum("available", "Available", "可用", "d_available"),
  ],
} as const;

/** `IF(type = 'X', amount, 0)`-style signed effect of a ledger row on one balance. */
const effect = (id: string, en: string, zh: string, expression: string) => ({
  id,
  kind: "formula",
  label: l(en, zh),
  expression,
  resultType: "number",
  format: "currency",
  hidden: true,
});

/**
 * The fund ledger: append-only (nobody updates or deletes a row, the server refuses it). Each row
 * stores its signed effect on each balance, so every balance is one SUM. A row that would take
 * the pool's available below zero is refused in the same write transaction.
 */
export const fundTransaction = {
  id: "fund_transaction",
  label: l("Fund transaction", "资金流水"),
  pluralLabel: l("Fund ledger", "资金台账"),
  titleField: "entry_no",
  appendOnly: true,
  fields: [
    { id: "entry_no", kind: "autonumber", label: l("Entry", "流水号"), prefix: "FT-", padding: 7 },
    { id: "pool", kind: "relation", label: l("Pool", "费用池"), target: "budget_pool", required: true, indexed: true },
    { id: "type", kind: "select", label: l("Type", "类型"), options: txTypes, required: true },
    { id: "amount", kind: "currency", label: l("Amount", "金额"), currency: "CNY", required: true },
    { id: "region", kind: "relation", label: l("Region", "区域"), target: "region", indexed: true },
    { id: "promotion", kind: "relation", label: l("Promotion", "促销申请"), target: "promotion", indexed: true },
    { id: "claim", kind: "relation", label: l("Claim", "核销单"), target: "claim" },
    { id: "counterparty_pool", kind: "relation", label: l("Counterparty pool", "对方费用池"), target: "budget_pool" },
    { id: "reason", kind: "text", label: l("Reason", "原因"), maxLength: 500 },
    effect("d_allocated", "Δ allocated", "分配变动", "IF(type = 'ALLOCATE' OR type = 'ADJUST', amount, 0)"),
    effect("d_transfer_in", "Δ transferred in", "调入变动", "IF(type = 'TRANSFER_IN', amount, 0)"),
    effect("d_transfer_out", "Δ transferred out", "调出变动", "IF(type = 'TRANSFER_OUT', amount, 0)"),
    effect("d_reserved", "Δ reserved", "预占变动", "IF(type = 'RESERVE', amount, IF(type = 'UNRESERVE', -amount, 0))"),
    effect(
      "d_committed",
      "Δ committed",
      "承诺变动",
      "IF(type = 'COMMIT', amount, IF(type = 'RELEASE' OR type = 'ACTUAL', -amount, 0))",
    ),
    effect("d_actual", "Δ actual", "实际变动", "IF(type = 'ACTUAL', amount, 0)"),
    effect(
      "d_funded",
      "Δ funded (allocated + net transfers)",
      "资金变动（分配+净调拨）",
      "IF(type IN ('ALLOCATE', 'ADJUST', 'TRANSFER_IN'), amount, IF(type = 'TRANSFER_OUT', -amount, 0))",
    ),
    effect(
      "d_used",
      "Δ used (committed + actual)",
      "使用变动（承诺+实际）",
      "IF(type = 'COMMIT', amount, IF(type = 'RELEASE', -amount, 0))",
    ),
    effect(
      "d_available",
      "Δ available",
      "可用变动",
      "IF(type IN ('ALLOCATE', 'ADJUST', 'TRANSFER_IN', 'UNRESERVE', 'RELEASE'), amount, IF(type IN ('TRANSFER_OUT', 'RESERVE', 'COMMIT'), -amount, 0))",
    ),
  ],
  rules: [
    {
      id: "positive",
      invalidWhen: "type <> 'ADJUST' AND amount < 0",
      field: "amount",
      message: l(
        "Only an adjustment may be negative; enter a positive amount.",
        "只有调整可以为负数；请输入正数金额。",
      ),
    },
    {
      id: "never_negative",
      label: l("Available never below zero", "可用余额不得为负"),
      invalidWhen: "type IN ('TRANSFER_OUT', 'RESERVE', 'COMMIT') AND amount > pool.available",
      field: "amount",
      message: l(
        "The pool has not enough available budget for this amount; lower the amount or ask for a transfer.",
        "费用池可用余额不足；请降低金额或申请调拨。",
      ),
    },
  ],
  indexes: [{ fields: ["pool", "type"] }],
} as const;

/**
 * A budget transfer (调拨): money moves between pools only through an approved transfer, e.g. from
 * the HQ variable reserve to a region; HQ Finance approves, and the approval writes the pair of
 * ledger rows (TRANSFER_OUT on the source, TRANSFER_IN on the target).
 */
export const budgetTransfer = {
  id: "budget_transfer",
  label: l("Budget transfer", "预算调拨"),
  titleField: "code",
  fields: [
    { id: "code", kind: "autonumber", label: l("Code", "编号"), prefix: "BT-", padding: 5 },
    { id: "from_pool", kind: "relation", label: l("From pool", "调出费用池"), target: "budget_pool", required: true },
    { id: "to_pool", kind: "relation", label: l("To pool", "调入费用池"), target: "budget_pool", required: true },
    { id: "amount", kind: "currency", label: l("Amount", "金额"), currency: "CNY", min: 0, required: true },
    { id: "reason", kind: "text", label: l("Reason", "原因"), maxLength: 500, required: true },
    { id: "promotion", kind: "relation", label: l("For promotion", "对应促销"), target: "promotion" },
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
      id: "different_pools",
      invalidWhen: "from_pool = to_pool",
      field: "to_pool",
      message: l("Transfer between two different pools.", "调拨须在两个不同的费用池之间进行。"),
    },
  ],
} as const;
