import { l } from "./labels.js";

const m = (id: string, en: string, zh: string, aggregate: string, field?: string, filter?: string) => ({
  id,
  label: l(en, zh),
  aggregate,
  ...(field ? { field } : {}),
  ...(filter ? { filter } : {}),
});

/** A ratio measure: `field`'s sum divided by another measure of the query, as a percent. */
const pct = (id: string, en: string, zh: string, field: string, divideBy: string) => ({
  id,
  label: l(en, zh),
  aggregate: "sum",
  field,
  divideBy,
  percent: true,
});

/** Expense ratio vs the region's target (§2.7): green up to it, amber up to 10 % over, red above. */
const againstTarget = (measure: string) => [
  {
    measure,
    bands: [{ color: "green", atMost: "target" }, { color: "amber", atMost: "target", times: 1.1 }, { color: "red" }],
  },
];

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
      query: {
        entity: "fund_transaction",
        groupBy: [{ field: "region", blankLabel: l("HQ reserve", "总部储备") }],
        measures: [
          ...balanceMeasures,
          m("funded", "Allocated + net transfers", "分配+净调拨", "sum", "d_funded"),
          pct("utilization", "Utilization %", "使用率%", "d_used", "funded"),
        ],
      },
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
          pct("expense_ratio", "Expense ratio %", "费比%", "actual_spend", "net_sales"),
          m("target", "Expense-ratio target %", "费比目标%", "max", "region.expense_ratio_target"),
          {
            id: "roi_revenue",
            label: l("Revenue ROI", "收入投入产出比"),
            aggregate: "sum",
            field: "actual_incremental_revenue",
            divideBy: "spend",
          },
          {
            id: "roi_profit",
            label: l(
              "Profit ROI ((incremental gross profit − spend) ÷ spend)",
              "利润投入产出比（(增量毛利−费用)÷费用）",
            ),
            aggregate: "sum",
            field: "actual_incremental_margin",
            minus: "spend",
            divideBy: "spend",
          },
          m("promotions", "Promotions", "促销数", "count"),
        ],
      },
      thresholds: againstTarget("expense_ratio"),
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
    ...(["desc", "asc"] as const).map((direction) => ({
      id: direction === "desc" ? "top_roi" : "bottom_roi",
      label:
        direction === "desc"
          ? l("Top 10 settled promotions by profit ROI", "利润投入产出比最高的10个已核销促销")
          : l("Bottom 10 settled promotions by profit ROI", "利润投入产出比最低的10个已核销促销"),
      type: "table",
      query: {
        entity: "promotion",
        filter: "status IN ('settled', 'closed') AND actual_spend > 0",
        groupBy: [{ field: "code" }],
        measures: [
          m("spend", "Spend", "费用", "sum", "actual_spend"),
          {
            id: "roi_profit",
            label: l("Profit ROI", "利润投入产出比"),
            aggregate: "sum",
            field: "actual_incremental_margin",
            minus: "spend",
            divideBy: "spend",
          },
        ],
        sort: [{ by: "roi_profit", direction }],
        limit: 10,
      },
    })),
    {
      id: "expense_ratio_trend",
      label: l("Expense ratio by month (settled, by in-store end)", "按月费比（已核销，按门店结束月）"),
      type: "line",
      query: {
        entity: "promotion",
        filter: "status IN ('settled', 'closed')",
        groupBy: [{ field: "in_store_to", bucket: "month" }],
        measures: [
          m("net_sales", "Net sales", "净销售额", "sum", "actual_net_sales"),
          pct("expense_ratio", "Expense ratio %", "费比%", "actual_spend", "net_sales"),
        ],
      },
    },
    {
      id: "claims_rejected",
      label: l("Claims rejected and settlement lag by region", "各区域核销驳回率与滞后"),
      type: "table",
      query: {
        entity: "claim",
        groupBy: [{ field: "region" }],
        measures: [
          m("claims", "Claims", "核销单数", "count"),
          {
            id: "rejected_pct",
            label: l("Rejected %", "驳回率%"),
            aggregate: "count",
            filter: "status = 'rejected'",
            divideBy: "claims",
            percent: true,
          },
          m("lag", "Settlement lag (median days)", "核销滞后中位数（天）", "median", "settlement_lag_days"),
        ],
      },
    },
    {
      id: "approval_cycle",
      label: l("Approval cycle by region (days: median, p90)", "各区域审批周期（天：中位数、P90）"),
      type: "table",
      query: {
        entity: "promotion",
        filter: "NOT(ISBLANK(approved_at))",
        groupBy: [{ field: "region" }],
        measures: [
          m("median", "Median", "中位数", "median", "approval_cycle_days"),
          { ...m("p90", "p90", "P90", "percentile", "approval_cycle_days"), p: 90 },
          m("approved", "Approved", "已批准", "count"),
        ],
      },
    },
    {
      // §2.7 "promo calendar heat-map (SKU × week, overlaps flagged)": each promotion line counts
      // in every week its promotion is in store (a span grouping); a cell of 2+ promotions of one
      // SKU in one week is an overlap, flagged red by the thresholds. The page's region filter (on
      // promotions) reaches the lines through their required `promotion` (the core's
      // dashboardFilterPath); the period keeps the promotions in store during it.
      id: "calendar",
      label: l("Promotion calendar: SKU × in-store week (overlaps in red)", "促销日历：商品 × 门店周（重叠标红）"),
      type: "heatmap",
      query: {
        entity: "promotion_line",
        filter: "promotion.status IN ('approved', 'in_execution', 'ended', 'claim_submitted', 'settled', 'closed')",
        groupBy: [
          { field: "sku.code" },
          { field: "promotion.in_store_from", bucket: "week", through: "promotion.in_store_to" },
        ],
        measures: [m("promotions", "Promotions in store", "在店促销数", "countDistinct", "promotion")],
      },
      thresholds: [{ measure: "promotions", bands: [{ color: "green", atMost: 1 }, { color: "red" }] }],
    },
  ],
} as const;

/** The requester's own view: my requests by status, with their money. */
export const myDashboard = {
  kind: "dashboard",
  id: "my_requests",
  label: l("My requests", "我的申请"),
  widgets: [
    {
      id: "mine",
      label: l("My requests by status", "我的申请（按状态）"),
      type: "table",
      query: {
        entity: "promotion",
        filter: "createdBy = $user.id",
        groupBy: [{ field: "status" }],
        measures: [
          m("count", "Requests", "申请数", "count"),
          m("planned", "Planned", "计划费用", "sum", "planned_spend"),
          m("committed", "Committed", "承诺中", "sum", "committed_open"),
        ],
      },
    },
    {
      id: "returned",
      label: l("Rejected, to revise", "被驳回待修改"),
      type: "table",
      query: {
        entity: "promotion",
        filter: "createdBy = $user.id AND status = 'draft' AND approval_status = 'rejected'",
        groupBy: [{ field: "code" }],
        measures: [m("version", "Version", "版本", "max", "version_no")],
      },
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
      id: "expense_ratio",
      label: l("Expense ratio of settled promotions %", "已核销促销费比%"),
      type: "kpi",
      query: {
        entity: "promotion",
        filter: "status IN ('settled', 'closed')",
        // A KPI shows its first measure: the ratio (already times 100), then what it is made of.
        measures: [
          pct("ratio", "Expense ratio %", "费比%", "actual_spend", "net_sales"),
          m("net_sales", "Net sales", "净销售额", "sum", "actual_net_sales"),
          m("target", "Target %", "目标%", "max", "region.expense_ratio_target"),
        ],
      },
      thresholds: againstTarget("ratio"),
    },
    {
      id: "roi_ended",
      label: l("ROI of ended promotions", "已结束促销的投入产出"),
      type: "table",
      query: {
        entity: "promotion",
        filter: "status IN ('settled', 'closed')",
        groupBy: [{ field: "code" }],
        measures: [
          m("spend", "Spend", "费用", "sum", "actual_spend"),
          {
            id: "roi",
            label: l("Revenue ROI", "收入投入产出比"),
            aggregate: "sum",
            field: "actual_incremental_revenue",
            divideBy: "spend",
          },
        ],
        sort: [{ by: "roi", direction: "desc" }],
        limit: 20,
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
  myDashboard,
  {
    kind: "table",
    id: "transfers",
    label: l("Budget transfers", "预算调拨"),
    entity: "budget_transfer",
    columns: [
      { field: "code" },
      { field: "from_pool" },
      { field: "to_pool" },
      { field: "amount" },
      { field: "status" },
    ],
  },
  {
    kind: "inbox",
    id: "approvals",
    label: l("Approvals", "审批"),
    workflows: ["promotion_approval", "transfer_approval", "change_approval"],
  },
] as const;

export const navigation = [
  { kind: "page", page: "promotions" },
  { kind: "page", page: "my_requests" },
  { kind: "page", page: "approvals" },
  { kind: "page", page: "region_dashboard" },
  { kind: "page", page: "hq_dashboard" },
  { kind: "page", page: "pools" },
  { kind: "page", page: "ledger" },
  { kind: "page", page: "transfers" },
  { kind: "page", page: "claims" },
  { kind: "page", page: "regions" },
] as const;
