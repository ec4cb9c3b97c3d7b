import { l, options } from "../labels.js";
import { HQ_LIMIT_CAP } from "../regions.js";

/** Regions: each carries its own single-request limit (read by the approval matrix) and targets. */
export const region = {
  id: "region",
  label: l("Region", "区域"),
  pluralLabel: l("Regions", "区域"),
  titleField: "name",
  fields: [
    { id: "code", kind: "text", label: l("Code", "代码"), required: true, unique: true, maxLength: 32 },
    { id: "region_no", kind: "text", label: l("Region no.", "区域编号"), maxLength: 8 },
    { id: "name", kind: "text", label: l("Name", "名称"), required: true },
    { id: "parent", kind: "text", label: l("Parent", "上级"), default: "HQ" },
    { id: "currency", kind: "text", label: l("Currency", "币种"), default: "CNY", maxLength: 3 },
    { id: "manager", kind: "user", label: l("Regional manager", "区域经理") },
    { id: "director", kind: "user", label: l("Regional director", "区域总监") },
    { id: "finance_bp", kind: "user", label: l("Region finance BP", "区域财务BP") },
    {
      id: "single_request_limit",
      kind: "currency",
      label: l("Single-request limit", "单笔审批限额"),
      helpText: l("Above it HQ approval is required.", "超过该金额需总部审批。"),
      currency: "CNY",
      min: 0,
      max: 500_000,
      required: true,
    },
    {
      id: "hq_limit_cap",
      kind: "currency",
      label: l("HQ cap on the limit", "总部限额上限"),
      helpText: l(
        "Set by HQ; the region may lower its limit, never raise it above this.",
        "由总部设定；区域可调低限额，不可超过此上限。",
      ),
      currency: "CNY",
      min: 0,
      default: HQ_LIMIT_CAP,
    },
    {
      id: "director_threshold",
      kind: "currency",
      label: l("Director approval above", "超过此金额需总监审批"),
      helpText: l("HQ default 20,000; a region may lower it.", "总部默认2万；区域可调低。"),
      currency: "CNY",
      min: 0,
      default: 20_000,
    },
    {
      id: "roi_floor",
      kind: "number",
      label: l("Revenue ROI floor (below it HQ Finance approves)", "收入投入产出比下限（低于则总部财务审批）"),
      helpText: l("HQ floor 1.0; a region may raise it.", "总部下限1.0；区域可调高。"),
      min: 0,
      default: 1,
    },
    { id: "expense_ratio_target", kind: "percent", label: l("Expense-ratio target", "费比目标"), min: 0, max: 100 },
    { id: "active", kind: "boolean", label: l("Active", "启用"), default: true },
  ],
  rules: [
    {
      id: "limit_within_hq_cap",
      label: l("Limit within the HQ cap", "限额不超过总部上限"),
      invalidWhen: "single_request_limit > hq_limit_cap",
      field: "single_request_limit",
      message: l(
        "The single-request limit may not exceed the HQ cap; lower it, or ask HQ to raise the cap.",
        "单笔审批限额不能超过总部上限；请调低限额，或请总部提高上限。",
      ),
      auditRefusal: true,
    },
    {
      id: "hq_guardrails",
      label: l("HQ guardrails", "总部红线"),
      invalidWhen: "director_threshold > 20000 OR roi_floor < 1",
      field: "director_threshold",
      message: l(
        "A region may lower the director threshold (at most 20,000) and raise the ROI floor (at least 1.0), not the other way.",
        "区域只能调低总监审批金额（最高2万）、调高投入产出比下限（最低1.0），不能反向调整。",
      ),
      auditRefusal: true,
    },
  ],
} as const;

export const channel = {
  id: "channel",
  label: l("Channel", "渠道"),
  titleField: "name",
  fields: [
    { id: "code", kind: "text", label: l("Code", "代码"), required: true, unique: true },
    { id: "name", kind: "text", label: l("Name", "名称"), required: true },
  ],
} as const;

export const customer = {
  id: "customer",
  label: l("Customer", "客户"),
  titleField: "name",
  fields: [
    { id: "code", kind: "text", label: l("Code", "代码"), required: true, unique: true },
    { id: "name", kind: "text", label: l("Name", "名称"), required: true },
    {
      id: "type",
      kind: "select",
      label: l("Type", "类型"),
      options: options([
        ["distributor", "Distributor", "经销商"],
        ["chain", "Chain", "连锁"],
        ["independent", "Independent", "独立门店"],
      ]),
    },
    { id: "region", kind: "relation", label: l("Region", "区域"), target: "region", required: true },
    { id: "channel", kind: "relation", label: l("Channel", "渠道"), target: "channel" },
    {
      id: "credit_grade",
      kind: "select",
      label: l("Credit grade", "信用等级"),
      options: options([
        ["A", "A", "A"],
        ["B", "B", "B"],
        ["C", "C", "C"],
        ["D", "D", "D"],
      ]),
    },
    { id: "is_new", kind: "boolean", label: l("New to the company", "新客户"), default: false },
  ],
} as const;

export const store = {
  id: "store",
  label: l("Store", "门店"),
  titleField: "code",
  fields: [
    { id: "code", kind: "text", label: l("Code", "代码"), required: true, unique: true },
    { id: "customer", kind: "relation", label: l("Customer", "客户"), target: "customer", required: true },
    { id: "city", kind: "text", label: l("City", "城市") },
    { id: "region", kind: "relation", label: l("Region", "区域"), target: "region", required: true },
    {
      id: "format",
      kind: "select",
      label: l("Format", "业态"),
      options: options([
        ["hyper", "Hypermarket", "大卖场"],
        ["super", "Supermarket", "超市"],
        ["cvs", "Convenience", "便利店"],
        ["online", "Online", "线上"],
      ]),
    },
  ],
} as const;

export const sku = {
  id: "sku",
  label: l("SKU", "商品"),
  titleField: "name",
  fields: [
    { id: "code", kind: "text", label: l("Code", "代码"), required: true, unique: true },
    { id: "name", kind: "text", label: l("Name", "名称"), required: true },
    { id: "brand", kind: "text", label: l("Brand", "品牌") },
    { id: "pack", kind: "text", label: l("Pack", "规格") },
    { id: "list_price", kind: "currency", label: l("List price", "出厂价"), currency: "CNY", min: 0 },
    { id: "cost", kind: "currency", label: l("Unit cost", "单位成本"), currency: "CNY", min: 0 },
    { id: "case_size", kind: "number", label: l("Case size", "箱规"), integer: true, min: 1 },
  ],
} as const;
