import { l, options } from "../labels.js";

/**
 * A claim (核销): the evidence decides the verified amount. A store counts when at least 3 of its
 * on-site photos show the surroundings, and nothing counts without the signed agreement among the
 * claim's documents. Photos and documents are records holding the uploaded files, so the counts
 * are rollups over what was really uploaded.
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
    { id: "region", kind: "relation", label: l("Region", "区域"), target: "region", required: true, indexed: true },
    {
      id: "claimed_amount",
      kind: "currency",
      label: l("Claimed", "申请金额"),
      currency: "CNY",
      min: 0,
      required: true,
    },
    {
      id: "agreements",
      kind: "rollup",
      label: l("Signed agreements on file", "已上传签字协议"),
      from: "claim_document",
      via: "claim",
      aggregate: "count",
      filter: "type = 'agreement' AND accepted",
    },
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
      id: "same_region",
      invalidWhen: "region <> promotion.region",
      field: "region",
      message: l("A claim belongs to its promotion's region.", "核销单须属于其促销所在区域。"),
    },
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
  label: l("Claim evidence (per store)", "核销凭证（按门店）"),
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
    {
      id: "photo_count",
      kind: "rollup",
      label: l("Photos showing the surroundings", "含周边环境的照片数"),
      from: "evidence_photo",
      via: "evidence",
      aggregate: "count",
      filter: "shows_surroundings",
    },
    { id: "notes", kind: "text", label: l("Notes", "备注"), maxLength: 500 },
  ],
} as const;

/** One on-site photo of a store's display or event; Region Finance may refuse it. */
export const evidencePhoto = {
  id: "evidence_photo",
  label: l("Evidence photo", "现场照片"),
  fields: [
    {
      id: "evidence",
      kind: "relation",
      label: l("Store evidence", "门店凭证"),
      target: "claim_evidence",
      required: true,
      onDelete: "cascade",
      inverse: { id: "photos", label: l("Photos", "照片") },
    },
    { id: "claim", kind: "relation", label: l("Claim", "核销单"), target: "claim", required: true },
    {
      id: "file",
      kind: "attachment",
      label: l("Photo", "照片"),
      maxFiles: 1,
      maxSizeMb: 20,
      accept: ["image/*"],
    },
    {
      id: "shows_surroundings",
      kind: "boolean",
      label: l("Shows the surroundings (finance check)", "显示周边环境（财务核对）"),
      default: true,
    },
    { id: "taken_at", kind: "datetime", label: l("Taken at", "拍摄时间") },
  ],
  rules: [
    {
      id: "same_claim",
      invalidWhen: "claim <> evidence.claim",
      field: "claim",
      message: l("The photo belongs to the claim of its store evidence.", "照片须属于其门店凭证所在的核销单。"),
    },
  ],
} as const;

/** A document of a claim: the signed agreement, invoices, sales lists; Region Finance accepts it. */
export const claimDocument = {
  id: "claim_document",
  label: l("Claim document", "核销单据"),
  fields: [
    {
      id: "claim",
      kind: "relation",
      label: l("Claim", "核销单"),
      target: "claim",
      required: true,
      onDelete: "cascade",
      inverse: { id: "documents", label: l("Documents", "单据") },
    },
    {
      id: "type",
      kind: "select",
      label: l("Type", "类型"),
      required: true,
      options: options([
        ["agreement", "Signed agreement", "签字协议"],
        ["invoice", "Invoice", "发票"],
        ["sales_list", "Stamped sales list", "盖章销售清单"],
        ["price_form", "Price-difference form", "价差表"],
        ["other", "Other", "其他"],
      ]),
    },
    { id: "file", kind: "attachment", label: l("File", "文件"), maxFiles: 1, maxSizeMb: 20 },
    { id: "accepted", kind: "boolean", label: l("Accepted (finance check)", "已认可（财务核对）"), default: true },
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
