import type { Entity } from "@plinth/runtime";
import { industries, L, opt, regions } from "../labels.js";

/** Account (sales-domain §1.2): name unique, domain the de-duplication key of lead conversion. */
export const account: Entity = {
  id: "account",
  label: L("Account", "客户"),
  pluralLabel: L("Accounts", "客户"),
  titleField: "name",
  fields: [
    { id: "name", kind: "text", label: L("Name", "名称"), required: true, unique: true, maxLength: 200 },
    { id: "domain", kind: "text", label: L("Domain", "域名"), maxLength: 200, placeholder: "acme.com" },
    { id: "industry", kind: "select", label: L("Industry", "行业"), options: industries },
    { id: "employees", kind: "number", label: L("Employees", "员工数"), min: 0, decimals: 0 },
    { id: "annual_revenue", kind: "currency", label: L("Annual revenue", "年收入"), currency: "CNY", min: 0 },
    { id: "region", kind: "select", label: L("Region", "区域"), options: regions },
    {
      id: "tier",
      kind: "select",
      label: L("Tier", "等级"),
      options: [opt("a", "A", "A"), opt("b", "B", "B"), opt("c", "C", "C")],
    },
    {
      id: "parent_account",
      kind: "relation",
      label: L("Parent account", "上级客户"),
      target: "account",
      onDelete: "setNull",
    },
    { id: "owner", kind: "user", label: L("Owner", "负责人"), default: "$user" },
    { id: "team", kind: "text", label: L("Team", "团队"), maxLength: 40 },
    { id: "is_icp", kind: "boolean", label: L("Ideal customer profile", "理想客户画像") },
    { id: "health_score", kind: "number", label: L("Health score", "健康度"), min: 0, max: 100, decimals: 0 },
    {
      id: "open_pipeline_amount",
      kind: "rollup",
      label: L("Open pipeline", "未结管道"),
      from: "opportunity",
      via: "account",
      aggregate: "sum",
      field: "amount",
      filter: "NOT(stage IN ('closed_won', 'closed_lost'))",
    },
    {
      id: "won_amount",
      kind: "rollup",
      label: L("Won amount", "赢单金额"),
      from: "opportunity",
      via: "account",
      aggregate: "sum",
      field: "amount",
      filter: "stage = 'closed_won'",
    },
    {
      id: "first_won_at",
      kind: "rollup",
      label: L("First won at", "首次赢单时间"),
      from: "opportunity",
      via: "account",
      aggregate: "min",
      field: "closed_at",
      filter: "stage = 'closed_won'",
    },
  ],
  indexes: [{ fields: ["domain"] }, { fields: ["owner"] }, { fields: ["team"] }],
};

/** Contact: a person at an account. */
export const contact: Entity = {
  id: "contact",
  label: L("Contact", "联系人"),
  pluralLabel: L("Contacts", "联系人"),
  titleField: "last_name",
  fields: [
    { id: "first_name", kind: "text", label: L("First name", "名"), maxLength: 80 },
    { id: "last_name", kind: "text", label: L("Last name", "姓"), maxLength: 80 },
    { id: "email", kind: "email", label: L("Email", "邮箱") },
    { id: "phone", kind: "phone", label: L("Phone", "电话") },
    { id: "title", kind: "text", label: L("Title", "职位"), maxLength: 120 },
    {
      id: "account",
      kind: "relation",
      label: L("Account", "客户"),
      target: "account",
      inverse: { id: "contacts", label: L("Contacts", "联系人") },
    },
    { id: "linkedin_url", kind: "url", label: L("LinkedIn", "领英") },
    { id: "is_primary", kind: "boolean", label: L("Primary contact", "主要联系人") },
    { id: "owner", kind: "user", label: L("Owner", "负责人"), default: "$user" },
    { id: "team", kind: "text", label: L("Team", "团队"), maxLength: 40 },
  ],
  rules: [
    {
      id: "C1",
      invalidWhen: "ISBLANK(last_name) AND ISBLANK(email)",
      field: "last_name",
      message: L("Enter a last name or an email", "请填写姓或邮箱"),
    },
  ],
  indexes: [{ fields: ["account"] }],
};
