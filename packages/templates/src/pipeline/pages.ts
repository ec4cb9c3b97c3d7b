import type { Navigation, Page } from "@plinth/runtime";
import { forecastDashboard, managerDashboard } from "./dashboards.js";
import { L } from "./labels.js";

const table = (id: string, en: string, zh: string, entity: string, columns: string[], extra: object = {}): Page => ({
  kind: "table",
  id,
  label: L(en, zh),
  entity,
  columns: columns.map((field) => ({ field })),
  ...extra,
});

export const pages: Page[] = [
  table(
    "opportunities",
    "Opportunities",
    "商机",
    "opportunity",
    ["number", "name", "account", "stage", "amount", "probability", "forecast_category", "close_date", "owner"],
    { sort: [{ by: "close_date", direction: "asc" }] },
  ),
  {
    kind: "kanban",
    id: "pipeline",
    label: L("Pipeline", "销售管道"),
    entity: "opportunity",
    groupBy: "stage",
    cardFields: ["name", "account", "amount", "close_date"],
    sumField: "amount",
  },
  forecastDashboard,
  managerDashboard,
  table("leads", "Leads", "线索", "lead", [
    "last_name",
    "first_name",
    "company",
    "email",
    "lead_source",
    "status",
    "score",
    "owner",
  ]),
  table("accounts", "Accounts", "客户", "account", [
    "name",
    "domain",
    "industry",
    "region",
    "tier",
    "owner",
    "open_pipeline_amount",
  ]),
  table("contacts", "Contacts", "联系人", "contact", ["last_name", "first_name", "account", "title", "email"]),
  table(
    "activities",
    "Activities",
    "活动",
    "activity",
    ["type", "subject", "due_date", "status", "owner", "opportunity"],
    {
      sort: [{ by: "due_date", direction: "asc" }],
    },
  ),
  table("quotas", "Quotas", "配额", "quota", ["owner", "team", "period", "amount"]),
  table("forecast_submissions", "Forecast calls", "预测提交", "forecast_submission", [
    "period",
    "owner",
    "category",
    "amount",
    "adjustment",
    "adjusted_amount",
    "submitted_at",
  ]),
  table(
    "stage_history",
    "Stage history",
    "阶段历史",
    "stage_history",
    ["opportunity", "from_stage", "to_stage", "amount", "close_date", "changed_at"],
    { roles: ["manager", "revops", "executive"] },
  ),
];

export const navigation: Navigation = pages.map((p) => ({ kind: "page", page: p.id }));
