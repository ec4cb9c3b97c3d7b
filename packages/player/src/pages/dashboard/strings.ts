/** The dashboard page's own words (namespace "dashboard"), merged into the player's i18n resources. */
export const dashboardStrings = {
  en: {
    period: "Period",
    period_all: "All time",
    period_year: "This year",
    period_last12: "Last 12 months",
    filterAll: "All",
    total: "Total",
    count: "Count",
    noData: "No data.",
    widgetError: "This widget could not load its data.",
    widgetDrawError: "This widget could not be drawn in this browser.",
    noQuery: "This data source cannot run dashboard queries.",
    drillHint: "Click a bar or slice to open the matching records.",
    blank: "(blank)",
    chartLoading: "Loading chart…",
    band_green: "on target",
    band_amber: "near the limit",
    band_red: "over the limit",
    heatmapLabel:
      "{{title}}: heat-map of {{measure}} by {{rows}} and {{columns}}; {{flagged}} flagged cell(s) listed below the chart.",
    heatmapFlagged: "Flagged cells",
    heatmapNoneFlagged: "No flagged cells.",
    notNarrowed: "Not narrowed by {{filters}}",
    notNarrowedWhy:
      "This widget's records have no required link to what {{filters}} chooses: it still counts them all.",
  },
  "zh-CN": {
    period: "期间",
    period_all: "全部时间",
    period_year: "今年",
    period_last12: "最近 12 个月",
    filterAll: "全部",
    total: "合计",
    count: "数量",
    noData: "没有数据。",
    widgetError: "此组件无法加载数据。",
    widgetDrawError: "此组件无法在当前浏览器中绘制。",
    noQuery: "此数据源不支持仪表板查询。",
    drillHint: "点击柱形或扇区可打开对应记录。",
    blank: "（空）",
    chartLoading: "图表加载中…",
    band_green: "达标",
    band_amber: "接近上限",
    band_red: "超出上限",
    heatmapLabel: "{{title}}：按{{rows}}和{{columns}}显示{{measure}}的热力图；图表下方列出 {{flagged}} 个标记单元格。",
    heatmapFlagged: "标记的单元格",
    heatmapNoneFlagged: "没有标记的单元格。",
    notNarrowed: "未按{{filters}}筛选",
    notNarrowedWhy: "此组件的记录与{{filters}}所选的记录没有必填关联，因此仍统计全部记录。",
  },
} as const;

export const DASHBOARD_NS = "dashboard";

/** The player's resources with the dashboard's words added as the "dashboard" namespace. */
export function withDashboardStrings<R extends Record<"en" | "zh-CN", object>>(resources: R) {
  return {
    ...resources,
    en: { ...resources.en, [DASHBOARD_NS]: dashboardStrings.en },
    "zh-CN": { ...resources["zh-CN"], [DASHBOARD_NS]: dashboardStrings["zh-CN"] },
  };
}
