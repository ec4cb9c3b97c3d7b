import type { App } from "@plinth/runtime";
import type { TemplateVariant } from "../../types.js";
import { l } from "../labels.js";

/**
 * Southwest's overlay: a logistics check for mountain-county deliveries, a field marking them,
 * and its own name for the Region Finance step.
 */
export const southwestOverlay = [
  {
    op: "add",
    target: "/entities/promotion/fields",
    value: {
      id: "mountain_county",
      kind: "boolean",
      label: l("Mountain county delivery", "山区县配送"),
      default: false,
    },
  },
  { op: "add", target: "/roles", value: { id: "sw_logistics", label: l("Southwest logistics", "西南物流") } },
  {
    op: "add",
    target: "/workflows/promotion_approval/steps",
    value: {
      id: "sw_logistics",
      label: l("Southwest logistics check", "西南物流审核"),
      condition: "mountain_county",
      approvers: { kind: "role", role: "sw_logistics" },
    },
  },
  {
    op: "set",
    target: "/workflows/promotion_approval/steps/region_finance/label",
    value: l("Southwest finance & evidence check", "西南财务与凭证审核"),
  },
] as const;

export const southwestApp = {
  schemaVersion: 1,
  id: "promotion_southwest",
  version: "1.0.0",
  label: l("Promotion approval — Southwest", "促销审批——西南"),
  extends: { app: "promotion", version: "^1.0.0" },
  overlay: southwestOverlay,
} as unknown as App;

export const southwestVariant: TemplateVariant = {
  app: southwestApp,
  users: [
    {
      username: "tp.southwest.logistics",
      displayName: "Southwest Logistics / 西南物流",
      roles: ["sw_logistics"],
      attributes: { region: "southwest" },
    },
  ],
};
