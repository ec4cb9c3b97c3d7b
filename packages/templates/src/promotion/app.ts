import type { App } from "@plinth/runtime";
import { navigation, pages } from "./dashboards.js";
import { budgetPool, budgetTransfer, fundTransaction } from "./entities/budget.js";
import { channel, customer, region, sku, store } from "./entities/master.js";
import { changeRequest, promotion, promotionLine } from "./entities/promotion.js";
import {
  claim,
  claimDocument,
  claimEvidence,
  evidencePhoto,
  executionCheck,
  payment,
  salesActual,
} from "./entities/settlement.js";
import { l } from "./labels.js";
import { permissions, roles } from "./permissions.js";
import { approval, automations, changeApproval, claimFlow, lifecycle, transferApproval } from "./workflows.js";

/**
 * HQ's red lines for regional overlays: the HQ-mandatory approval steps, the ledger and its rules,
 * and the cap on a region's limit (a region may lower it, never raise it).
 */
export const locks = [
  {
    target: "/workflows/promotion_approval/steps/hq_trade",
    mode: "frozen",
    reason: l("HQ-mandatory approval step", "总部必审步骤"),
  },
  {
    target: "/workflows/promotion_approval/steps/hq_finance",
    mode: "frozen",
    reason: l("HQ-mandatory approval step", "总部必审步骤"),
  },
  {
    target: "/workflows/promotion_approval/entryCriteria",
    mode: "frozen",
    reason: l("Budget check on submit", "提交时的预算校验"),
  },
  { target: "/entities/fund_transaction", mode: "frozen", reason: l("HQ fund ledger", "总部资金台账") },
  {
    target: "/entities/region/fields/single_request_limit/max",
    mode: "tightenOnly",
    reason: l("HQ cap on regional limits", "总部区域限额上限"),
  },
  {
    target: "/entities/region/rules/limit_within_hq_cap",
    mode: "frozen",
    reason: l("HQ cap on regional limits", "总部区域限额上限"),
  },
  {
    target: "/entities/region/rules/hq_guardrails",
    mode: "frozen",
    reason: l("HQ guardrails: director threshold and ROI floor", "总部红线：总监审批金额与投入产出比下限"),
  },
] as const;

/** The regional trade-promotion (TPM) approval app (sales-domain §2). */
export const promotionApp = {
  schemaVersion: 1,
  id: "promotion",
  version: "1.0.0",
  label: l("Regional promotion approval (TPM)", "区域促销审批（TPM）"),
  description: l(
    "Central control + local autonomy: 23 regions with their own limits and budget pools, one HQ report.",
    "中央管控+地方自主：23个区域各有限额与费用池，总部一张报表看全局。",
  ),
  settings: { currency: "CNY" },
  locks,
  roles,
  entities: [
    region,
    channel,
    customer,
    store,
    sku,
    budgetPool,
    fundTransaction,
    budgetTransfer,
    promotion,
    promotionLine,
    changeRequest,
    claim,
    claimEvidence,
    evidencePhoto,
    claimDocument,
    payment,
    executionCheck,
    salesActual,
  ],
  workflows: [lifecycle, approval, claimFlow, transferApproval, changeApproval],
  automations,
  permissions,
  pages,
  navigation,
} as unknown as App;
