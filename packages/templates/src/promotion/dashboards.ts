import { l } from "./labels.js";

const m = (id: string, en: string, zh: string, aggregate: string, field?: string, filter?: string) => ({
  id,
  label: l(en, zh),
  aggregate,
  ...(field ? { field } : {}),
  ...(filter ? { filter } : {}),
});

/** Balances per region, from the ledger (each row's signed effect on each balance). */
const balanceMeasures = [
  m("allocated", "Allocated", "已分配", "sum", "d_allocated"),
  m("transfers_in", "Transferred in", "调入", "sum", "d_transfer_in"),
  m("transfers_out", "Transferred out", "调出", "sum", "d_transfer_out"),
  m("reserved", "Reserved", "预占", "sum", "d_reserved"),
  m("committed", "Committed", "已承诺", "sum", "d_committed"),
  m("actual", "Actual", "实际", "sum", "d_actual"),
  m("available", "Available", "可用", "sum", "d_available"),
];

/** HQ's one report over the 23 regions (§2.7). */
export const hqDashboard = {
  kind: "dashboard",
  id: "hq_dashboard",
  label: l("HQ: 23 regions", "总部：23区域总览"),
  filters: [{ id: "region", entity: "promotion", field: "region" }],
  widgets: [
    {
      id: "region_balances",
      label: l("Budget by region", "各区域预算"),
      type: "table",
      query: { entity: "fund_transaction", groupBy: [{ field: "region" }], measures: balanceMeasures },
      format: "currency",
      layout: { x: 0, y: 0, w: 12, h: 8 },
    },
    {
      id: "region_roi",
      label: l("Spend, sales and ROI by region", "各区域费用、销售与投入产出"),
      type: "table",
      query: {
        entity: "promotion",
        filter: "status IN ('settled', 'closed')",
        groupBy: [{ field: "region" }],
        measures: [
          m("spend", "Actual spend", "实际费用", "sum", "actual_spend"),
          m("net_sales", "Net sales", "净销售额", "sum", "actual_net_sales"),
          m("promotions", "Promotions", "促销数", "count"),
        ],
      },
      layout: { x: 0, y: 8, w: 12, h: 6 },
    },
    {
      id: "spend_by_month",
      label: l("Actual spend by month", "每月实际费用"),
      type: "line",
      query: {
        entity: "fund_transaction",
        filter: "type = 'ACTUAL'",
        groupBy: [{ field: "createdAt", bucket: "month" }],
        measures: [m("actual", "Actual", "实际", "sum", "amount")],
      },
    },
    {
      id: "by_mechanic",
      label: l("Planned spend by mechanic", "各促销方式计划费用"),
      type: "pie",
      query: {
        entity: "promotion_line",
        groupBy: [{ field: "mechanic" }],
        measures: [m("spend", "Planned cost", "计划费用", "sum", "planned_cost")],
      },
    },
    {
      id: "by_status",
      label: l("Promotions by status", "各状态促销数"),
      type: "bar",
      query: {
        entity: "promotion",
        groupBy: [{ field: "status" }],
        measures: [m("count", "Promotions", "促销数", "count")],
      },
    },
    {
      id: "top_roi",
      label: l("Top promotions by expected ROI", "预期投入产出比最高的促销"),
      type: "table",
      query: {
        entity: "promotion",
        filter: "NOT(ISBLANK(expected_roi))",
        groupBy: [{ field: "code" }],
        measures: [m("roi", "Expected ROI", "预期投入产出比", "max", "expected_roi")],
        sort: [{ by: "roi", direction: "desc" }],
        limit: 10,
      },
    },
    {
      id: "claims_rejected",
      label: l("Claims by outcome", "核销结果"),
      type: "pie",
      query: { entity: "claim", groupBy: [{ field: "status" }], measures: [m("count", "Claims", "核销单数", "count")] },
    },
  ],
} as const;

/** A region's own view: pools and balances, promotions by status, claims due. */
export const regionDashboard = {
  kind: "dashboard",
  id: "region_dashboard",
  label: l("My region", "本区域"),
  widgets: [
    {
      id: "available",
      label: l("Available budget", "可用预算"),
      type: "kpi",
      query: { entity: "fund_transaction", measures: [m("available", "Available", "可用", "sum", "d_available")] },
      format: "currency",
      layout: { x: 0, y: 0, w: 4, h: 2 },
    },
    {
      id: "committed",
      label: l("Committed", "已承诺"),
      type: "kpi",
      query: { entity: "fund_transaction", measures: [m("committed", "Committed", "已承诺", "sum", "d_committed")] },
      format: "currency",
      layout: { x: 4, y: 0, w: 4, h: 2 },
    },
    {
      id: "actual",
      label: l("Actual", "实际"),
      type: "kpi",
      query: { entity: "fund_transaction", measures: [m("actual", "Actual", "实际", "sum", "d_actual")] },
      format: "currency",
      layout: { x: 8, y: 0, w: 4, h: 2 },
    },
    {
      id: "pools",
      label: l("Pools and balances", "费用池余额"),
      type: "table",
      query: { entity: "fund_transaction", groupBy: [{ field: "pool" }], measures: balanceMeasures },
      format: "currency",
    },
    {
      id: "by_status",
      label: l("Promotions by status", "各状态促销"),
      type: "bar",
      query: {
        entity: "promotion",
        groupBy: [{ field: "status" }],
        measures: [
          m("count", "Promotions", "促销数", "count"),
          m("spend", "Planned", "计划费用", "sum", "planned_spend"),
        ],
      },
    },
    {
      id: "claims_due",
      label: l("Ended, claim due within 14 days", "14天内到期待核销"),
      type: "table",
      query: {
        entity: "promotion",
        filter: "status = 'ended' AND DATEADD(in_store_to, 90, 'day') <= DATEADD($today, 14, 'day')",
        groupBy: [{ field: "code" }],
        measures: [m("committed", "Committed", "承诺中", "sum", "committed_open")],
      },
    },
  ],
} as const;

export const pages = [
  {
    kind: "table",
    id: "promotions",
    label: l("Promotion requests", "促销申请"),
    entity: "promotion",
    columns: [
      { field: "code" },
      { field: "title" },
      { field: "region" },
      { field: "status" },
      { field: "planned_spend" },
      { field: "version_no" },
      { field: "in_store_from" },
    ],
    sort: [{ by: "in_store_from", direction: "desc" }],
  },
  {
    kind: "table",
    id: "pools",
    label: l("Budget pools", "费用池"),
    entity: "budget_pool",
    columns: [
      { field: "code" },
      { field: "region" },
      { field: "allocated" },
      { field: "reserved" },
      { field: "committed" },
      { field: "actual" },
      { field: "available" },
    ],
  },
  {
    kind: "table",
    id: "ledger",
    label: l("Fund ledger", "资金台账"),
    entity: "fund_transaction",
    columns: [{ field: "pool" }, { field: "type" }, { field: "amount" }, { field: "promotion" }, { field: "reason" }],
  },
  {
    kind: "table",
    id: "claims",
    label: l("Claims", "核销"),
    entity: "claim",
    columns: [
      { field: "code" },
      { field: "promotion" },
      { field: "claimed_amount" },
      { field: "verified_amount" },
      { field: "status" },
    ],
  },
  {
    kind: "table",
    id: "regions",
    label: l("Regions", "区域"),
    entity: "region",
    columns: [
      { field: "region_no" },
      { field: "name" },
      { field: "single_request_limit" },
      { field: "hq_limit_cap" },
      { field: "expense_ratio_target" },
    ],
  },
  hqDashboard,
  regionDashboard,
  { kind: "inbox", id: "approvals", label: l("Approvals", "审批"), workflows: ["promotion_approval"] },
] as const;

export const navigation = [
  { kind: "page", page: "promotions" },
  { kind: "page", page: "approvals" },
  { kind: "page", page: "region_dashboard" },
  { kind: "page", page: "hq_dashboard" },
  { kind: "page", page: "pools" },
  { kind: "page", page: "ledger" },
  { kind: "page", page: "claims" },
  { kind: "page", page: "regions" },
] as const;
