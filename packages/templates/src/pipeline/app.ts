import type { App } from "@plinth/runtime";
import { automations } from "./automations.js";
import { account, contact } from "./entities/account.js";
import { activity, forecastSubmission, quota } from "./entities/activity.js";
import { lead } from "./entities/lead.js";
import { opportunity, opportunityContactRole, opportunityLineItem, stageHistory } from "./entities/opportunity.js";
import { L } from "./labels.js";
import { navigation, pages } from "./pages.js";
import { permissions } from "./permissions.js";
import { leadStatus, opportunityStage } from "./workflows.js";

/**
 * The Sales pipeline template (sales-domain §1): Lead → Opportunity → Won/Lost with a seven-stage
 * machine and its exit guards, lead conversion with account de-duplication, rules V1–V6,
 * stale-deal automation, the forecast dashboard and the §1.8 permission matrix.
 */
export const pipelineApp = {
  schemaVersion: 1,
  id: "pipeline",
  version: "1.0.0",
  label: L("Sales pipeline", "销售管道"),
  description: L(
    "Leads, accounts, contacts and opportunities through a seven-stage pipeline, with a forecast dashboard.",
    "线索、客户、联系人与商机，经七个阶段的销售管道，并提供销售预测看板。",
  ),
  settings: { currency: "CNY" },
  roles: [
    { id: "rep", label: L("Sales rep", "销售代表") },
    { id: "manager", label: L("Sales manager", "销售经理") },
    { id: "revops", label: L("RevOps admin", "销售运营管理员") },
    { id: "executive", label: L("Executive", "高管") },
    { id: "marketing", label: L("Marketing", "市场") },
    { id: "finance", label: L("Finance", "财务") },
  ],
  entities: [
    lead,
    account,
    contact,
    opportunity,
    opportunityContactRole,
    opportunityLineItem,
    stageHistory,
    activity,
    quota,
    forecastSubmission,
  ],
  workflows: [opportunityStage, leadStatus],
  automations,
  permissions,
  pages,
  navigation,
} satisfies App;
