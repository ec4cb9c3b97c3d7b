/**
 * The app the table and dashboard UI benchmarks open in the real player: the demo's starter app
 * (as installed, so the opportunity table the bulk loader fills is the one these pages read) plus
 * two pages of its own, so that the demo's pages can change without moving the benchmark:
 *
 * - `bench_table`: the opportunities table with the largest page the API serves (500 rows per
 *   request), sorted by close date like the demo's table;
 * - `bench_dashboard`: six widgets, one of each kind the issue names (KPI, bar, line, pie, funnel,
 *   table), each a query over the whole opportunity table.
 */
import type { App, DashboardPage, Page, TablePage } from "../../../packages/runtime/src/index.js";

export const BENCH_APP_ID = "starter";
export const BENCH_TABLE_PAGE = "bench_table";
export const BENCH_DASHBOARD_PAGE = "bench_dashboard";
/** Rows per list request of the table page (the API's cap). */
export const BENCH_TABLE_PAGE_SIZE = 500;

/** The table page's columns (the demo's opportunities table) and sort, shared with the hand-written list. */
export const BENCH_TABLE_COLUMNS = ["number", "name", "account", "stage", "amount", "close_date"] as const;
export const BENCH_TABLE_SORT = { field: "close_date", direction: "asc" } as const;

const benchTable: TablePage = {
  kind: "table",
  id: BENCH_TABLE_PAGE,
  label: { en: "Opportunities (bench)", "zh-CN": "商机（基准）" },
  entity: "opportunity",
  columns: BENCH_TABLE_COLUMNS.map((field) => ({ field })),
  sort: [{ by: BENCH_TABLE_SORT.field, direction: BENCH_TABLE_SORT.direction }],
  pageSize: BENCH_TABLE_PAGE_SIZE,
};

const open = "stage <> 'won' AND stage <> 'lost'";

const benchDashboard: DashboardPage = {
  kind: "dashboard",
  id: BENCH_DASHBOARD_PAGE,
  label: { en: "Sales overview (bench)", "zh-CN": "销售概览（基准）" },
  widgets: [
    {
      id: "open_pipeline",
      label: { en: "Open pipeline", "zh-CN": "未结管道" },
      type: "kpi",
      format: "currency",
      query: { entity: "opportunity", filter: open, measures: [{ id: "amount", aggregate: "sum", field: "amount" }] },
    },
    {
      id: "by_stage",
      label: { en: "Pipeline by stage", "zh-CN": "各阶段管道" },
      type: "bar",
      query: {
        entity: "opportunity",
        groupBy: [{ field: "stage" }],
        measures: [
          { id: "amount", aggregate: "sum", field: "amount" },
          { id: "deals", aggregate: "count" },
        ],
      },
    },
    {
      id: "won_by_month",
      label: { en: "Won by month", "zh-CN": "每月赢单" },
      type: "line",
      query: {
        entity: "opportunity",
        filter: "stage = 'won'",
        groupBy: [{ field: "close_date", bucket: "month" }],
        measures: [{ id: "amount", aggregate: "sum", field: "amount" }],
        sort: [{ by: "close_date" }],
      },
    },
    {
      id: "by_region",
      label: { en: "Amount by region", "zh-CN": "各区域金额" },
      type: "pie",
      query: {
        entity: "opportunity",
        groupBy: [{ field: "region" }],
        measures: [{ id: "amount", aggregate: "sum", field: "amount" }],
      },
    },
    {
      id: "funnel",
      label: { en: "Deals through the funnel", "zh-CN": "销售漏斗" },
      type: "funnel",
      query: {
        entity: "opportunity",
        filter: "stage <> 'lost'",
        groupBy: [{ field: "stage" }],
        measures: [{ id: "deals", aggregate: "count" }],
      },
    },
    {
      id: "region_stage",
      label: { en: "Region by stage", "zh-CN": "区域与阶段" },
      type: "table",
      query: {
        entity: "opportunity",
        groupBy: [{ field: "region" }, { field: "stage" }],
        measures: [
          { id: "deals", aggregate: "count" },
          { id: "amount", aggregate: "sum", field: "amount" },
          { id: "avg_probability", aggregate: "avg", field: "probability" },
        ],
      },
    },
  ],
};

/** `base` (the starter app) with the two bench pages added to its pages and navigation. */
export function benchApp(base: App): App {
  const pages: Page[] = [...(base.pages ?? []).filter((p) => !p.id.startsWith("bench_")), benchTable, benchDashboard];
  const navigation = [
    ...(base.navigation ?? []),
    { kind: "page" as const, page: BENCH_TABLE_PAGE },
    { kind: "page" as const, page: BENCH_DASHBOARD_PAGE },
  ];
  return { ...base, version: `${base.version}-bench`, pages, navigation };
}
