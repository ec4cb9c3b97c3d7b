import type { Entity } from "@plinth/runtime";
import {
  bystage,
  competitors,
  contactRoles,
  forecastCategories,
  L,
  leadSources,
  lostReasons,
  OPEN,
  opt,
  regions,
  stages,
} from "../labels.js";

/** Users who are reps and neither managers nor RevOps (V4, V6); system writes hold no role. */
const PLAIN_REP =
  "INCLUDES($user.roles, 'rep') AND NOT(INCLUDES($user.roles, 'manager')) AND NOT(INCLUDES($user.roles, 'revops'))";

/** The fields a closed opportunity locks for reps (V6): everything that moves a forecast; notes stay open. */
const LOCKED = [
  "name",
  "account",
  "amount",
  "close_date",
  "stage",
  "probability",
  "forecast_category",
  "lost_reason",
  "competitor",
  "owner",
  "type",
];
/** A date's quarter as one increasing number (2026-Q3 → 2026 × 4 + 3). */
const quarterNo = (field: string) => `(YEAR(${field}) * 4 + QUARTER(${field}))`;

const snapshot = (prefix: string) => `CONCAT(${LOCKED.map((f) => `${prefix}${f}`).join(", '|', ")})`;

/** Opportunity (sales-domain §1.2), with the stage machine of workflows.ts on `stage`. */
export const opportunity: Entity = {
  id: "opportunity",
  label: L("Opportunity", "商机"),
  pluralLabel: L("Opportunities", "商机"),
  titleField: "name",
  fields: [
    { id: "name", kind: "text", label: L("Name", "名称"), required: true, maxLength: 120 },
    { id: "number", kind: "autonumber", label: L("Number", "编号"), prefix: "OPP-", padding: 6 },
    {
      id: "account",
      kind: "relation",
      label: L("Account", "客户"),
      target: "account",
      required: true,
      inverse: { id: "opportunities", label: L("Opportunities", "商机") },
    },
    {
      id: "stage",
      kind: "select",
      label: L("Stage", "阶段"),
      default: "prospecting",
      options: stages.map((s) => opt(s.id, s.en, s.zh)),
    },
    { id: "amount", kind: "currency", label: L("Amount", "金额"), currency: "CNY", min: 0 },
    { id: "probability", kind: "percent", label: L("Probability", "赢率"), min: 0, max: 100, default: 10 },
    {
      id: "forecast_category",
      kind: "select",
      label: L("Forecast category", "预测类别"),
      default: "pipeline",
      options: forecastCategories,
    },
    {
      id: "expected_revenue",
      kind: "formula",
      label: L("Expected revenue", "预期收入"),
      expression: "ROUND(amount * probability / 100, 2)",
      resultType: "number",
      format: "currency",
    },
    { id: "close_date", kind: "date", label: L("Close date", "预计成交日期"), required: true },
    { id: "closed_at", kind: "datetime", label: L("Closed at", "关闭时间") },
    {
      id: "fiscal_quarter",
      kind: "formula",
      label: L("Fiscal quarter", "财季"),
      expression: "YEAR(close_date) & '-Q' & QUARTER(close_date)",
      resultType: "text",
    },
    {
      id: "quota",
      kind: "relation",
      label: L("Quota", "配额"),
      target: "quota",
      onDelete: "setNull",
      inverse: { id: "deals", label: L("Deals", "商机") },
    },
    {
      id: "type",
      kind: "select",
      label: L("Type", "类型"),
      default: "new_business",
      options: [
        opt("new_business", "New Business", "新业务"),
        opt("upsell", "Existing – Upsell", "老客户增购"),
        opt("renewal", "Renewal", "续约"),
      ],
    },
    { id: "lead_source", kind: "select", label: L("Lead source", "线索来源"), options: leadSources },
    { id: "campaign", kind: "text", label: L("Campaign", "市场活动"), maxLength: 120 },
    { id: "next_step", kind: "text", label: L("Next step", "下一步"), maxLength: 255 },
    { id: "next_step_due", kind: "date", label: L("Next step due", "下一步截止") },
    { id: "need_summary", kind: "longText", label: L("Pain / need summary", "痛点 / 需求概述") },
    {
      id: "budget_status",
      kind: "select",
      label: L("Budget status", "预算状态"),
      default: "unknown",
      options: [
        opt("unknown", "Unknown", "未知"),
        opt("allocated", "Allocated", "已分配"),
        opt("pending", "Pending approval", "待批准"),
        opt("none", "No budget", "无预算"),
      ],
    },
    {
      id: "quote_status",
      kind: "select",
      label: L("Primary quote", "主报价状态"),
      default: "none",
      options: [
        opt("none", "No quote", "无报价"),
        opt("draft", "Draft", "草稿"),
        opt("approved", "Approved", "已批准"),
        opt("presented", "Presented", "已提交客户"),
        opt("accepted", "Accepted", "已接受"),
        opt("rejected", "Rejected", "已拒绝"),
      ],
    },
    { id: "po_reference", kind: "text", label: L("PO / contract reference", "订单 / 合同编号"), maxLength: 80 },
    {
      id: "lost_reason",
      kind: "select",
      label: L("Loss reason", "输单原因"),
      visibleWhen: "stage = 'closed_lost'",
      options: lostReasons,
    },
    { id: "competitor", kind: "select", label: L("Competitor", "竞争对手"), options: competitors },
    {
      id: "owner",
      kind: "user",
      label: L("Owner", "负责人"),
      default: "$user",
      required: true,
      roles: ["rep", "manager"],
    },
    { id: "team", kind: "text", label: L("Team", "团队"), maxLength: 40 },
    { id: "region", kind: "select", label: L("Region", "区域"), options: regions },
    { id: "stage_entered_at", kind: "datetime", label: L("Stage entered at", "进入阶段时间") },
    { id: "is_stale", kind: "boolean", label: L("Stale", "停滞"), default: false },
    { id: "reopen_reason", kind: "text", label: L("Reopen reason", "重新打开原因"), maxLength: 255 },
    { id: "notes", kind: "longText", label: L("Notes", "备注") },
    { id: "ai_win_score", kind: "number", label: L("AI win score", "AI 赢单评分"), min: 0, max: 100, decimals: 0 },
    {
      id: "stage_order",
      kind: "formula",
      label: L("Stage order", "阶段序号"),
      expression: bystage((s) => s.order),
      resultType: "number",
    },
    {
      id: "stage_probability",
      kind: "formula",
      label: L("Stage probability", "阶段默认赢率"),
      expression: bystage((s) => s.probability),
      resultType: "number",
    },
    {
      id: "stage_max_days",
      kind: "formula",
      label: L("Max days in stage", "阶段最长天数"),
      expression: bystage((s) => s.maxDays),
      resultType: "number",
    },
    { id: "is_open", kind: "formula", label: L("Open", "未关闭"), expression: OPEN, resultType: "boolean" },
    {
      id: "forecast_value",
      kind: "formula",
      label: L("Weighted forecast value", "加权预测值"),
      expression: `IF(stage = 'closed_won', amount, IF(${OPEN}, ROUND(amount * probability / 100, 2), 0))`,
      resultType: "number",
      format: "currency",
    },
    {
      id: "cycle_days",
      kind: "formula",
      label: L("Sales cycle (days)", "销售周期（天）"),
      expression: "IF(stage = 'closed_won', DATEDIFF(createdAt, closed_at, 'day'))",
      resultType: "number",
    },
    {
      id: "contact_role_count",
      kind: "rollup",
      label: L("Contact roles", "联系人角色数"),
      from: "opportunity_contact_role",
      via: "opportunity",
      aggregate: "count",
    },
    {
      id: "decision_maker_count",
      kind: "rollup",
      label: L("Decision makers", "决策者数"),
      from: "opportunity_contact_role",
      via: "opportunity",
      aggregate: "count",
      filter: "role = 'decision_maker'",
    },
    {
      id: "line_item_count",
      kind: "rollup",
      label: L("Line items", "明细行数"),
      from: "opportunity_line_item",
      via: "opportunity",
      aggregate: "count",
    },
    {
      id: "line_total",
      kind: "rollup",
      label: L("Line items total", "明细合计"),
      from: "opportunity_line_item",
      via: "opportunity",
      aggregate: "sum",
      field: "total",
    },
    {
      id: "last_activity_at",
      kind: "rollup",
      label: L("Last activity", "最近活动"),
      from: "activity",
      via: "opportunity",
      aggregate: "max",
      field: "completed_at",
    },
  ],
  rules: [
    {
      // Stages move through the stage machine only: the engine refuses a stage change in an update;
      // this refuses a new deal created straight into a later stage (around its exit guards).
      id: "S1",
      on: ["create"],
      invalidWhen: "NOT(ISBLANK(stage)) AND stage <> 'prospecting'",
      field: "stage",
      message: L(
        "A new opportunity starts in Prospecting — create it, then move it with the stage actions",
        "新商机从“潜在客户”阶段开始——请先创建，再用阶段操作推进",
      ),
    },
    {
      id: "V1",
      invalidWhen: `${OPEN} AND close_date < TODAY() AND (ISBLANK($old.close_date) OR close_date <> $old.close_date OR stage <> $old.stage)`,
      field: "close_date",
      message: L("Close date is in the past — update it or close the deal", "预计成交日期已过——请更新日期或关闭商机"),
    },
    {
      id: "V2",
      invalidWhen: "stage_order >= 3 AND NOT(stage = 'closed_lost') AND (ISBLANK(amount) OR amount <= 0)",
      field: "amount",
      message: L("Amount required from Needs Analysis", "从需求分析阶段起必须填写金额"),
    },
    {
      id: "V3",
      invalidWhen: "forecast_category = 'commit' AND stage_order < 4",
      field: "forecast_category",
      message: L("Commit only allowed from Proposal onward", "方案报价阶段及之后才能归入“承诺”"),
    },
    {
      id: "V4",
      invalidWhen: `${PLAIN_REP} AND probability <> stage_probability AND CONCAT(probability) <> CONCAT($old.probability)`,
      field: "probability",
      message: L("Probability follows stage — ask your manager to override it", "赢率跟随阶段——如需调整请联系经理"),
    },
    {
      id: "V5",
      invalidWhen: "stage = 'closed_lost' AND ISBLANK(lost_reason)",
      field: "lost_reason",
      message: L("Loss reason required", "请填写输单原因"),
    },
    {
      id: "V5b",
      invalidWhen: "stage = 'closed_lost' AND lost_reason = 'lost_to_competitor' AND ISBLANK(competitor)",
      field: "competitor",
      message: L("Name the competitor the deal was lost to", "请填写赢得该单的竞争对手"),
    },
    {
      id: "V6",
      on: ["update"],
      invalidWhen: `$old.stage IN ('closed_won', 'closed_lost') AND ${PLAIN_REP} AND ${snapshot("")} <> ${snapshot("$old.")}`,
      message: L(
        "Closed opportunities are locked — only notes can change; ask your manager to reopen it",
        "已关闭的商机已锁定——只能修改备注；如需修改请让经理重新打开",
      ),
    },
  ],
  indexes: [{ fields: ["owner"] }, { fields: ["team"] }, { fields: ["stage"] }, { fields: ["close_date"] }],
};

/** OpportunityContactRole: which contact plays which part in a deal (junction). */
export const opportunityContactRole: Entity = {
  id: "opportunity_contact_role",
  label: L("Opportunity contact role", "商机联系人角色"),
  pluralLabel: L("Contact roles", "联系人角色"),
  titleField: "role",
  fields: [
    {
      id: "opportunity",
      kind: "relation",
      label: L("Opportunity", "商机"),
      target: "opportunity",
      required: true,
      onDelete: "cascade",
      inverse: { id: "contact_roles", label: L("Contact roles", "联系人角色") },
    },
    { id: "contact", kind: "relation", label: L("Contact", "联系人"), target: "contact", required: true },
    { id: "role", kind: "select", label: L("Role", "角色"), required: true, options: contactRoles },
    { id: "is_primary", kind: "boolean", label: L("Primary", "主要"), default: false },
  ],
  // (opportunity, role): the decision-maker rollup filters on both; with the role index alone
  // SQLite scans every decision maker of every deal for each read of one opportunity.
  indexes: [{ fields: ["opportunity", "role"] }],
};

/** OpportunityLineItem: products on a deal; unit price and total are formulas. */
export const opportunityLineItem: Entity = {
  id: "opportunity_line_item",
  label: L("Line item", "商机明细"),
  pluralLabel: L("Line items", "商机明细"),
  titleField: "product",
  fields: [
    {
      id: "opportunity",
      kind: "relation",
      label: L("Opportunity", "商机"),
      target: "opportunity",
      required: true,
      onDelete: "cascade",
      inverse: { id: "line_items", label: L("Line items", "商机明细") },
    },
    { id: "product", kind: "text", label: L("Product", "产品"), required: true, maxLength: 120 },
    { id: "quantity", kind: "number", label: L("Quantity", "数量"), min: 0, decimals: 2, required: true },
    { id: "list_price", kind: "currency", label: L("List price", "目录价"), currency: "CNY", min: 0, required: true },
    { id: "discount_pct", kind: "percent", label: L("Discount", "折扣"), min: 0, max: 100, default: 0 },
    {
      id: "unit_price",
      kind: "formula",
      label: L("Unit price", "单价"),
      expression: "ROUND(list_price * (1 - COALESCE(discount_pct, 0) / 100), 2)",
      resultType: "number",
      format: "currency",
    },
    {
      id: "total",
      kind: "formula",
      label: L("Total", "小计"),
      expression: "ROUND(quantity * list_price * (1 - COALESCE(discount_pct, 0) / 100), 2)",
      resultType: "number",
      format: "currency",
    },
  ],
  indexes: [{ fields: ["opportunity"] }],
};

/** StageHistory (append-only): one row per stage transition, written by the stage_history automation. */
export const stageHistory: Entity = {
  id: "stage_history",
  label: L("Stage history", "阶段历史"),
  pluralLabel: L("Stage history", "阶段历史"),
  titleField: "to_stage",
  fields: [
    {
      id: "opportunity",
      kind: "relation",
      label: L("Opportunity", "商机"),
      target: "opportunity",
      required: true,
      onDelete: "cascade",
      inverse: { id: "stage_history", label: L("Stage history", "阶段历史") },
    },
    { id: "from_stage", kind: "select", label: L("From", "原阶段"), options: stages.map((s) => opt(s.id, s.en, s.zh)) },
    { id: "to_stage", kind: "select", label: L("To", "新阶段"), options: stages.map((s) => opt(s.id, s.en, s.zh)) },
    { id: "amount", kind: "currency", label: L("Amount", "金额"), currency: "CNY" },
    { id: "prev_amount", kind: "currency", label: L("Previous amount", "原金额"), currency: "CNY" },
    { id: "close_date", kind: "date", label: L("Close date", "预计成交日期") },
    { id: "prev_close_date", kind: "date", label: L("Previous close date", "原预计成交日期") },
    { id: "probability", kind: "percent", label: L("Probability", "赢率") },
    { id: "forecast_category", kind: "select", label: L("Forecast category", "预测类别"), options: forecastCategories },
    { id: "changed_by", kind: "text", label: L("Changed by", "变更人"), maxLength: 64 },
    { id: "changed_at", kind: "datetime", label: L("Changed at", "变更时间") },
    { id: "is_backward", kind: "boolean", label: L("Moved back", "回退") },
    {
      // Slippage (§1.7): the close date left the quarter of the change for a later one.
      id: "slipped_out",
      kind: "formula",
      label: L("Close date slipped out of the quarter", "预计成交日期移出本季度"),
      expression: `NOT(ISBLANK(prev_close_date)) AND ${quarterNo("prev_close_date")} = ${quarterNo("changed_at")} AND ${quarterNo("close_date")} > ${quarterNo("prev_close_date")}`,
      resultType: "boolean",
    },
  ],
  indexes: [{ fields: ["opportunity"] }],
};
