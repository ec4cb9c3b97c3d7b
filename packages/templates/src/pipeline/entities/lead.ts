import type { Entity } from "@plinth/runtime";
import { L, leadSources, opt } from "../labels.js";

/** Lead: a person and company before qualification (sales-domain §1.2); converted by the lead machine. */
export const lead: Entity = {
  id: "lead",
  label: L("Lead", "线索"),
  pluralLabel: L("Leads", "线索"),
  titleField: "last_name",
  fields: [
    { id: "first_name", kind: "text", label: L("First name", "名"), maxLength: 80 },
    { id: "last_name", kind: "text", label: L("Last name", "姓"), maxLength: 80 },
    { id: "company", kind: "text", label: L("Company", "公司"), maxLength: 200 },
    { id: "title", kind: "text", label: L("Title", "职位"), maxLength: 120 },
    { id: "email", kind: "email", label: L("Email", "邮箱") },
    { id: "phone", kind: "phone", label: L("Phone", "电话") },
    {
      id: "email_domain",
      kind: "formula",
      label: L("Email domain", "邮箱域名"),
      expression: "LOWER(RIGHT(email, LEN(email) - FIND('@', email)))",
      resultType: "text",
    },
    { id: "lead_source", kind: "select", label: L("Lead source", "线索来源"), options: leadSources },
    { id: "utm_campaign", kind: "text", label: L("UTM campaign", "UTM 活动"), maxLength: 120 },
    { id: "utm_medium", kind: "text", label: L("UTM medium", "UTM 媒介"), maxLength: 120 },
    { id: "utm_source", kind: "text", label: L("UTM source", "UTM 来源"), maxLength: 120 },
    {
      id: "status",
      kind: "select",
      label: L("Status", "状态"),
      default: "new",
      options: [
        opt("new", "New", "新建"),
        opt("working", "Working", "跟进中"),
        opt("nurturing", "Nurturing", "培育中"),
        opt("qualified", "Qualified (converted)", "已确认（已转化）"),
        opt("disqualified", "Disqualified", "已取消资格"),
      ],
    },
    { id: "score", kind: "number", label: L("Score", "评分"), min: 0, max: 100, decimals: 0 },
    { id: "mql_at", kind: "datetime", label: L("MQL at", "成为 MQL 时间") },
    { id: "sql_at", kind: "datetime", label: L("SQL at", "成为 SQL 时间") },
    { id: "converted_at", kind: "datetime", label: L("Converted at", "转化时间") },
    { id: "owner", kind: "user", label: L("Owner", "负责人"), default: "$user" },
    { id: "team", kind: "text", label: L("Team", "团队"), maxLength: 40 },
    {
      id: "converted_account",
      kind: "relation",
      label: L("Converted account", "转化后的客户"),
      target: "account",
    },
    {
      id: "converted_contact",
      kind: "relation",
      label: L("Converted contact", "转化后的联系人"),
      target: "contact",
    },
    {
      id: "converted_opportunity",
      kind: "relation",
      label: L("Converted opportunity", "转化后的商机"),
      target: "opportunity",
    },
    {
      id: "disqualify_reason",
      kind: "select",
      label: L("Disqualify reason", "取消资格原因"),
      visibleWhen: "status = 'disqualified'",
      options: [
        opt("no_fit", "Not a fit", "不匹配"),
        opt("no_budget", "No budget", "无预算"),
        opt("duplicate", "Duplicate", "重复"),
        opt("unresponsive", "Unresponsive", "无回应"),
      ],
    },
  ],
  rules: [
    {
      id: "L0",
      on: ["create"],
      invalidWhen: "NOT(ISBLANK(status)) AND status <> 'new'",
      field: "status",
      message: L(
        "A new lead starts as New — create it, then work, nurture, convert or disqualify it",
        "新线索的状态为“新建”——请先创建，再跟进、培育、转化或取消资格",
      ),
    },
    {
      id: "L1",
      invalidWhen: "ISBLANK(last_name) AND ISBLANK(company)",
      field: "last_name",
      message: L("Enter a last name or a company", "请填写姓或公司"),
    },
    {
      id: "L2",
      invalidWhen: "status = 'disqualified' AND ISBLANK(disqualify_reason)",
      field: "disqualify_reason",
      message: L("Choose why the lead is disqualified", "请选择取消资格的原因"),
    },
  ],
  indexes: [{ fields: ["email"] }, { fields: ["owner"] }],
};
