import type { Page } from "@plinth/runtime";
import { L, OPEN } from "./labels.js";

const WON = "stage = 'closed_won'";
const LOST = "stage = 'closed_lost'";
const CLOSED = "stage IN ('closed_won', 'closed_lost')";

const sum = (id: string, en: string, zh: string, filter?: string) => ({
  id,
  label: L(en, zh),
  aggregate: "sum" as const,
  field: "amount",
  ...(filter ? { filter } : {}),
});
const count = (id: string, en: string, zh: string, filter?: string) => ({
  id,
  label: L(en, zh),
  aggregate: "count" as const,
  ...(filter ? { filter } : {}),
});

/** Filters every forecast widget follows: the period is the close date (§1.7), the owner, the team. */
const filters = [
  { id: "period", label: L("Close date", "成交日期"), entity: "opportunity", field: "close_date" },
  { id: "owner", label: L("Owner", "负责人"), entity: "opportunity", field: "owner" },
  { id: "team", label: L("Team", "团队"), entity: "opportunity", field: "team" },
];

/** The forecast dashboard (§1.7): every metric the query model expresses exactly. */
export const forecastDashboard: Page = {
  kind: "dashboard",
  id: "forecast",
  label: L("Forecast", "销售预测"),
  filters,
  widgets: [
    {
      id: "weighted_forecast",
      label: L("Weighted forecast (Σ open amount × p + Σ won)", "加权预测（未结金额×赢率 + 赢单）"),
      type: "kpi",
      format: "currency",
      query: { entity: "opportunity", measures: [{ id: "forecast", aggregate: "sum", field: "forecast_value" }] },
      layout: { x: 0, y: 0, w: 3, h: 2 },
    },
    {
      id: "win_rate",
      label: L("Win rate (count)", "赢率（按数量）"),
      type: "kpi",
      format: "percent",
      query: {
        entity: "opportunity",
        filter: CLOSED,
        measures: [
          { id: "win_rate", label: L("Win rate", "赢率"), aggregate: "count", filter: WON, divideBy: "closed" },
          count("closed", "Closed deals", "已关闭商机"),
        ],
      },
      layout: { x: 3, y: 0, w: 3, h: 2 },
    },
    {
      id: "win_rate_value",
      label: L("Win rate (value)", "赢率（按金额）"),
      type: "kpi",
      format: "percent",
      query: {
        entity: "opportunity",
        filter: CLOSED,
        measures: [
          { ...sum("win_rate_value", "Win rate (value)", "赢率（按金额）", WON), divideBy: "closed_amount" },
          sum("closed_amount", "Closed amount", "已关闭金额"),
        ],
      },
      layout: { x: 6, y: 0, w: 3, h: 2 },
    },
    {
      id: "avg_deal_size",
      label: L("Average deal size", "平均成交金额"),
      type: "kpi",
      format: "currency",
      query: {
        entity: "opportunity",
        filter: WON,
        measures: [
          { ...sum("avg_deal", "Average deal size", "平均成交金额"), divideBy: "won" },
          count("won", "Won", "赢单数"),
        ],
      },
      layout: { x: 9, y: 0, w: 3, h: 2 },
    },
    {
      id: "pipeline_by_stage",
      label: L("Pipeline by stage", "各阶段管道"),
      type: "bar",
      query: {
        entity: "opportunity",
        filter: OPEN,
        groupBy: [{ field: "stage" }],
        measures: [
          count("deals", "Deals", "商机数"),
          sum("amount", "Amount", "金额"),
          { id: "expected", label: L("Expected revenue", "预期收入"), aggregate: "sum", field: "expected_revenue" },
        ],
      },
      layout: { x: 0, y: 2, w: 6, h: 4 },
    },
    {
      id: "category_forecast",
      label: L("Category forecast (cumulative)", "类别预测（累计）"),
      type: "table",
      format: "currency",
      query: {
        entity: "opportunity",
        measures: [
          sum("closed", "Closed", "已成交", WON),
          sum("commit_fc", "Commit forecast", "承诺预测", `${WON} OR (${OPEN} AND forecast_category = 'commit')`),
          sum(
            "best_case_fc",
            "Best-case forecast",
            "最佳预测",
            `${WON} OR (${OPEN} AND forecast_category IN ('commit', 'best_case'))`,
          ),
          sum(
            "open_pipeline",
            "Open pipeline",
            "未结管道",
            `${OPEN} AND forecast_category IN ('pipeline', 'best_case', 'commit')`,
          ),
        ],
      },
      layout: { x: 6, y: 2, w: 6, h: 2 },
    },
    {
      id: "attainment",
      label: L("Quota attainment and pipeline coverage per rep and quarter", "各销售各季度配额完成率与管道覆盖"),
      type: "table",
      query: {
        entity: "quota",
        groupBy: [{ field: "period" }, { field: "owner" }],
        measures: [
          { id: "quota", label: L("Quota", "配额"), aggregate: "sum", field: "amount" },
          { id: "closed", label: L("Closed won", "已赢单"), aggregate: "sum", field: "won_amount" },
          {
            id: "attainment",
            label: L("Attainment (%)", "完成率（%）"),
            aggregate: "sum",
            field: "won_amount",
            divideBy: "quota",
            percent: true,
          },
          { id: "open_pipeline", label: L("Open pipeline", "未结管道"), aggregate: "sum", field: "open_pipeline" },
          {
            id: "remaining",
            label: L("Left to close", "待完成"),
            aggregate: "sum",
            field: "amount",
            minus: "closed",
          },
          {
            id: "coverage",
            label: L("Pipeline coverage (×, target ≥ 3)", "管道覆盖倍数（目标 ≥ 3）"),
            aggregate: "sum",
            field: "open_pipeline",
            divideBy: "remaining",
          },
        ],
        sort: [{ by: "period", direction: "desc" }],
        limit: 1000,
      },
      layout: { x: 0, y: 26, w: 12, h: 6 },
    },
    {
      id: "forecast_accuracy",
      label: L(
        "Forecast accuracy per ended quarter: 1 − |commit forecast at start − closed at end| ÷ closed at end",
        "已结束季度的预测准确率：1 − |期初承诺预测 − 期末已成交| ÷ 期末已成交",
      ),
      type: "table",
      format: "currency",
      query: {
        entity: "quota",
        filter: "period_end < TODAY() AND NOT(ISBLANK(commit_at_start))",
        groupBy: [{ field: "period" }],
        measures: [
          {
            id: "accuracy",
            label: L("Forecast accuracy", "预测准确率"),
            expression: "1 - ABS(commit_at_start - closed) / closed",
            format: "percent",
          },
          {
            id: "commit_at_start",
            label: L("Commit forecast at start", "期初承诺预测"),
            aggregate: "sum",
            field: "commit_at_start",
          },
          { id: "closed", label: L("Closed at end", "期末已成交"), aggregate: "sum", field: "won_amount" },
        ],
        sort: [{ by: "period", direction: "desc" }],
        limit: 100,
      },
      layout: { x: 0, y: 32, w: 12, h: 5 },
    },
    {
      id: "slippage",
      label: L(
        "Slippage: deals whose close date moved out of the quarter during the quarter",
        "滑单：季度内预计成交日期被移出本季度的商机",
      ),
      type: "table",
      format: "currency",
      query: {
        entity: "stage_history",
        filter: "slipped_out",
        groupBy: [{ field: "changed_at", bucket: "quarter" }],
        measures: [
          { id: "deals", label: L("Deals slipped", "滑单商机数"), aggregate: "countDistinct", field: "opportunity" },
          { id: "amount", label: L("Amount slipped", "滑单金额"), aggregate: "sum", field: "amount" },
        ],
        sort: [{ by: "changed_at", direction: "desc" }],
        limit: 100,
      },
      layout: { x: 0, y: 37, w: 12, h: 5 },
    },
    {
      id: "cycle_length",
      label: L("Sales cycle in days, mean and median (won)", "销售周期天数：平均与中位（赢单）"),
      type: "kpi",
      query: {
        entity: "opportunity",
        filter: WON,
        measures: [
          { id: "mean_days", label: L("Mean days", "平均天数"), aggregate: "avg", field: "cycle_days" },
          { id: "median_days", label: L("Median days", "中位天数"), aggregate: "median", field: "cycle_days" },
        ],
      },
      layout: { x: 6, y: 4, w: 3, h: 2 },
    },
    {
      id: "sales_velocity",
      label: L("Sales velocity (revenue per day)", "销售速度（每日收入）"),
      type: "kpi",
      format: "currency",
      query: {
        entity: "opportunity",
        measures: [
          {
            id: "velocity",
            label: L(
              "Open deals × win rate × average deal size ÷ mean cycle days",
              "未结商机数 × 赢率 × 平均成交金额 ÷ 平均周期天数",
            ),
            expression: "open_deals * win_rate * avg_deal / cycle_days",
          },
          count("open_deals", "Open deals", "未结商机数", OPEN),
          count("won", "Won", "赢单数", WON),
          count("closed", "Closed deals", "已关闭商机", CLOSED),
          { id: "win_rate", label: L("Win rate", "赢率"), aggregate: "count", filter: WON, divideBy: "closed" },
          { ...sum("avg_deal", "Average deal size", "平均成交金额", WON), divideBy: "won" },
          {
            id: "cycle_days",
            label: L("Mean cycle (days)", "平均周期（天）"),
            aggregate: "avg",
            field: "cycle_days",
            filter: WON,
          },
        ],
      },
      layout: { x: 9, y: 4, w: 3, h: 2 },
    },
    {
      id: "won_by_quarter",
      label: L("Won by quarter", "每季度赢单"),
      type: "line",
      query: {
        entity: "opportunity",
        filter: WON,
        groupBy: [{ field: "close_date", bucket: "quarter" }],
        measures: [sum("won", "Won", "赢单金额")],
      },
      layout: { x: 0, y: 6, w: 6, h: 4 },
    },
    {
      id: "loss_by_reason",
      label: L("Losses by reason", "输单原因"),
      type: "bar",
      query: {
        entity: "opportunity",
        filter: LOST,
        groupBy: [{ field: "lost_reason" }],
        measures: [count("deals", "Deals", "商机数"), sum("amount", "Amount", "金额")],
        sort: [{ by: "amount", direction: "desc" }],
      },
      layout: { x: 6, y: 6, w: 3, h: 4 },
    },
    {
      id: "loss_by_competitor",
      label: L("Losses by competitor", "输给竞争对手"),
      type: "pie",
      query: {
        entity: "opportunity",
        filter: `${LOST} AND NOT(ISBLANK(competitor))`,
        groupBy: [{ field: "competitor" }],
        measures: [sum("amount", "Amount", "金额")],
      },
      layout: { x: 9, y: 6, w: 3, h: 4 },
    },
    {
      id: "stage_reach",
      label: L("Deals that reached each stage (stage conversion)", "到达各阶段的商机数（阶段转化）"),
      type: "funnel",
      query: {
        entity: "stage_history",
        // Edits of the close date or amount write same-stage rows; only moves forward count here.
        filter: "NOT(is_backward) AND from_stage <> to_stage",
        groupBy: [{ field: "to_stage" }],
        measures: [{ id: "deals", label: L("Deals", "商机数"), aggregate: "countDistinct", field: "opportunity" }],
      },
      layout: { x: 0, y: 16, w: 6, h: 4 },
    },
    {
      id: "lead_conversion",
      label: L("Lead conversion", "线索转化率"),
      type: "kpi",
      format: "percent",
      query: {
        entity: "lead",
        measures: [
          {
            id: "conversion",
            label: L("Converted / created", "已转化 / 已创建"),
            aggregate: "count",
            filter: "status = 'qualified'",
            divideBy: "leads",
          },
          { id: "leads", label: L("Leads", "线索数"), aggregate: "count" },
        ],
      },
      layout: { x: 6, y: 16, w: 3, h: 2 },
    },
    {
      id: "activities_by_week",
      label: L("Activities per rep per week", "每位销售每周的活动数"),
      type: "table",
      query: {
        entity: "activity",
        filter: "status = 'completed'",
        groupBy: [{ field: "owner" }, { field: "type" }, { field: "completed_at", bucket: "week" }],
        measures: [{ id: "activities", label: L("Activities", "活动数"), aggregate: "count" }],
        limit: 1000,
      },
      layout: { x: 0, y: 20, w: 12, h: 6 },
    },
    {
      id: "leaderboard",
      label: L("Rep leaderboard", "销售排行榜"),
      type: "table",
      query: {
        entity: "opportunity",
        groupBy: [{ field: "owner" }],
        measures: [
          sum("won_amount", "Won amount", "赢单金额", WON),
          {
            id: "win_rate",
            label: L("Win rate (%)", "赢率（%）"),
            aggregate: "count",
            filter: WON,
            divideBy: "closed",
            percent: true,
          },
          count("closed", "Closed deals", "已关闭商机", CLOSED),
          {
            id: "cycle",
            label: L("Mean cycle (days)", "平均周期（天）"),
            aggregate: "avg",
            field: "cycle_days",
            filter: WON,
          },
          sum("pipeline", "Open pipeline", "未结管道", OPEN),
        ],
        sort: [{ by: "won_amount", direction: "desc" }],
        limit: 100,
      },
      layout: { x: 0, y: 10, w: 12, h: 6 },
    },
  ],
};

/** The manager's dashboard: deals that need attention now (past due, stale) and the team's board. */
export const managerDashboard: Page = {
  kind: "dashboard",
  id: "team_health",
  label: L("Team pipeline health", "团队管道健康度"),
  roles: ["manager", "revops", "executive"],
  filters: [
    { id: "owner", label: L("Owner", "负责人"), entity: "opportunity", field: "owner" },
    { id: "team", label: L("Team", "团队"), entity: "opportunity", field: "team" },
  ],
  widgets: [
    {
      id: "past_due",
      label: L("Past-due open deals (close date before today)", "已过预计成交日期的未结商机"),
      type: "table",
      query: {
        entity: "opportunity",
        filter: `${OPEN} AND close_date < TODAY()`,
        groupBy: [{ field: "name" }, { field: "owner" }, { field: "close_date" }],
        measures: [sum("amount", "Amount", "金额")],
        sort: [{ by: "close_date", direction: "asc" }],
        limit: 500,
      },
      layout: { x: 0, y: 0, w: 12, h: 6 },
    },
    {
      id: "stale",
      label: L("Stale deals", "停滞商机"),
      type: "table",
      query: {
        entity: "opportunity",
        filter: `${OPEN} AND is_stale`,
        groupBy: [{ field: "name" }, { field: "owner" }, { field: "stage" }],
        measures: [sum("amount", "Amount", "金额")],
        sort: [{ by: "amount", direction: "desc" }],
        limit: 500,
      },
      layout: { x: 0, y: 6, w: 12, h: 6 },
    },
  ],
};
