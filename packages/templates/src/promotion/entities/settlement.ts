import { l, options } from "../labels.js";

/**
 * A claim (核销): the evidence per store decides the verified amount. A store counts when its
 * row has at least 3 on-site photos and the claim has the signed agreement.
 */
export const claim = {
  id: "claim",
  label: l("Claim", "核销单"),
  titleField: "code",
  fields: [
    { id: "code", kind: "autonumber", label: l("Code", "编号"), prefix: "CL-", padding: 5 },
    {
      id: "promotion",
      kind: "relation",
      label: l("Promotion", "促销申请"),
      target: "promotion",
      required: true,
      inverse: { id: "claims", label: l("Claims", "核销单") },
    },
    { id: "region", kind: "relation", label: l("Region", "区域"), target: "region", indexed: true },
    {
      id: "claimed_amount",
      kind: "currency",
      label: l("Claimed", "申请金额"),
      currency: "CNY",
      min: 0,
      required: true,
    },
    { id: "agreement", kind: "attachment", label: l("Signed agreement", "签字协议"), maxFiles: 3 },
    { id: "agreement_signed", kind: "boolean", label: l("Agreement on file", "协议已提供"), default: false },
    { id: "invoice", kind: "attachment", label: l("Invoice", "发票"), maxFiles: 5 },
    {
      id: "eligible_amount",
      kind: "rollup",
      label: l("Amount with complete evidence", "凭证齐全金额"),
      from: "claim_evidence",
      via: "claim",
      aggregate: "sum",
      field: "amount",
      filter: "photo_count >= 3",
    },
    { id: "verified_amount", kind: "currency", label: l("Verified", "审核金额"), currency: "CNY", min: 0 },
    { id: "verifier", kind: "user", label: l("Verifier", "审核人") },
    { id: "verified_at", kind: "datetime", label: l("Verified at", "审核时间") },
    {
      id: "settlement_lag_days",
      kind: "formula",
      label: l("Settlement lag (days after in-store end)", "核销滞后天数"),
      expression: "IF(ISBLANK(verified_at), BLANK, DATEDIFF(promotion.in_store_to, verified_at, 'day'))",
      resultType: "number",
    },
    {
      id: "status",
      kind: "select",
      label: l("Status", "状态"),
      options: options([
        ["submitted", "Submitted", "已提交"],
        ["verified", "Verified", "已审核"],
        ["rejected", "Rejected", "已驳回"],
      ]),
      default: "submitted",
    },
    { id: "rejection_reason", kind: "text", label: l("Rejection reason", "驳回原因"), maxLength: 500 },
    {
      id: "payment_method",
      kind: "select",
      label: l("Payment method", "支付方式"),
      options: options([
        ["credit_note", "Credit note", "红字发票"],
        ["deduction", "Deduction from invoice", "货款抵扣"],
        ["cash", "Cash", "现金"],
        ["goods", "Goods", "货补"],
      ]),
    },
    { id: "flagged", kind: "boolean", label: l("Flagged by audit", "审计标记"), default: false },
  ],
  rules: [
    {
      id: "claimable",
      invalidWhen: "NOT(promotion.status IN ('ended', 'claim_submitted'))",
      field: "promotion",
      message: l(
        "Claims are accepted only for an ended promotion; an expired one needs an HQ Finance exception first.",
        "只能对已结束的促销提交核销；已过期的促销需先经总部财务特批。",
      ),
      on: ["create"],
    },
  ],
} as const;

export const claimEvidence = {
  id: "claim_evidence",
  label: l("Claim evidence", "核销凭证"),
  fields: [
    {
      id: "claim",
      kind: "relation",
      label: l("Claim", "核销单"),
      target: "claim",
      required: true,
      onDelete: "cascade",
      inverse: { id: "evidence", label: l("Evidence", "凭证") },
    },
    { id: "store", kind: "relation", label: l("Store", "门店"), target: "store" },
    { id: "amount", kind: "currency", label: l("Amount", "金额"), currency: "CNY", min: 0, required: true },
    { id: "photos", kind: "attachment", label: l("On-site photos", "现场照片"), maxFiles: 20 },
    {
      id: "photo_count",
      kind: "number",
      label: l("Photos showing the surroundings (checked by finance)", "含周边环境的照片数（财务核对）"),
      integer: true,
      min: 0,
      default: 0,
    },
    { id: "notes", kind: "text", label: l("Notes", "备注"), maxLength: 500 },
  ],
} as const;

export const payment = {
  id: "payment",
  label: l("Payment", "付款"),
  fields: [
    { id: "claim", kind: "relation", label: l("Claim", "核销单"), target: "claim", required: true },
    { id: "promotion", kind: "relation", label: l("Promotion", "促销申请"), target: "promotion", required: true },
    { id: "amount", kind: "currency", label: l("Amount", "金额"), currency: "CNY", min: 0, required: true },
    {
      id: "method",
      kind: "select",
      label: l("Method", "方式"),
      options: options([
        ["credit_note", "Credit note", "红字发票"],
        ["deduction", "Deduction from invoice", "货款抵扣"],
        ["cash", "Cash", "现金"],
        ["goods", "Goods", "货补"],
      ]),
    },
    { id: "reference", kind: "text", label: l("Reference", "凭证号") },
    { id: "paid_at", kind: "datetime", label: l("Paid at", "付款时间") },
  ],
} as const;

export const executionCheck = {
  id: "execution_check",
  label: l("Execution check", "事中稽核"),
  fields: [
    { id: "promotion", kind: "relation", label: l("Promotion", "促销申请"), target: "promotion", required: true },
    { id: "store", kind: "relation", label: l("Store", "门店"), target: "store" },
    { id: "region", kind: "relation", label: l("Region", "区域"), target: "region" },
    { id: "checked_by", kind: "user", label: l("Checked by", "稽核人"), default: "$user" },
    { id: "checked_at", kind: "datetime", label: l("Checked at", "稽核时间") },
    { id: "photos", kind: "attachment", label: l("Photos", "照片"), maxFiles: 20 },
    { id: "compliant", kind: "boolean", label: l("Compliant", "合规"), default: true },
    { id: "notes", kind: "text", label: l("Notes", "备注"), maxLength: 500 },
  ],
} as const;

/** Sales actuals (sell-in ERP or sell-out POS): drive ROI and the expense ratio. */
export const salesActual = {
  id: "sales_actual",
  label: l("Sales actual", "实际销售"),
  fields: [
    { id: "week", kind: "date", label: l("Week", "周"), required: true },
    { id: "region", kind: "relation", label: l("Region", "区域"), target: "region", required: true, indexed: true },
    { id: "customer", kind: "relation", label: l("Customer", "客户"), target: "customer" },
    { id: "sku", kind: "relation", label: l("SKU", "商品"), target: "sku" },
    { id: "promotion", kind: "relation", label: l("Promotion", "促销申请"), target: "promotion" },
    { id: "units", kind: "number", label: l("Units", "销量"), integer: true, min: 0 },
    { id: "incremental_units", kind: "number", label: l("Incremental units", "增量销量"), integer: true },
    { id: "net_sales", kind: "currency", label: l("Net sales", "净销售额"), currency: "CNY", min: 0 },
    {
      id: "incremental_revenue",
      kind: "currency",
      label: l("Incremental revenue", "增量收入"),
      currency: "CNY",
    },
    { id: "incremental_margin", kind: "currency", label: l("Incremental gross profit", "增量毛利"), currency: "CNY" },
    {
      id: "source",
      kind: "select",
      label: l("Source", "来源"),
      options: options([
        ["sell_in", "Sell-in (ERP)", "进货（ERP）"],
        ["sell_out", "Sell-out (POS)", "出货（POS）"],
      ]),
    },
  ],
} as const;
