import type { App } from "@plinth/runtime";
import type { TemplateVariant } from "../../types.js";
import { l } from "../labels.js";

/**
 * East's overlay: a lower cap on its limit, a lower director threshold, an East marketing review
 * after the regional steps, a store-cluster field, and its own name for the request.
 */
export const eastOverlay = [
  {
    op: "set",
    target: "/entities/region/fields/single_request_limit/max",
    value: 100_000,
    reason: l("East keeps its limit at or below 100,000", "华东单笔限额不超过10万"),
  },
  {
    op: "set",
    target: "/workflows/promotion_approval/steps/director/condition",
    value: "planned_spend > 10000 OR urgent",
    reason: l("East directors see every request above 10,000", "华东总监审批1万以上的申请"),
  },
  { op: "add", target: "/roles", value: { id: "east_marketing", label: l("East marketing", "华东市场部") } },
  {
    op: "add",
    target: "/workflows/promotion_approval/steps",
    value: {
      id: "east_marketing",
      label: l("East marketing review", "华东市场部审核"),
      condition: "planned_spend > 50000",
      approvers: { kind: "role", role: "east_marketing" },
    },
  },
  {
    op: "add",
    target: "/entities/promotion/fields",
    value: { id: "east_store_cluster", kind: "text", label: l("East store cluster", "华东门店集群"), maxLength: 64 },
  },
  {
    op: "set",
    target: "/entities/promotion/label",
    value: l("East promotion request", "华东促销申请"),
  },
] as const;

export const eastApp = {
  schemaVersion: 1,
  id: "promotion_east",
  version: "1.0.0",
  label: l("Promotion approval — East", "促销审批——华东"),
  extends: { app: "promotion", version: "^1.0.0" },
  overlay: eastOverlay,
} as unknown as App;

export const eastVariant: TemplateVariant = {
  app: eastApp,
  users: [
    {
      username: "tp.east.marketing",
      displayName: "East Marketing / 华东市场部",
      roles: ["east_marketing"],
      attributes: { region: "east" },
    },
  ],
};
