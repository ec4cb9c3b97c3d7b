import { type BandColor, thresholdColor, type Widget } from "@plinth/runtime";
import type { EChartsCoreOption } from "echarts/core";

/** A heat-map cell: one result row, placed by its two groupings, coloured by its one measure. */
export interface HeatCell {
  /** The row's index in the query's answer (what a click drills into). */
  readonly index: number;
  readonly row: string;
  readonly column: string;
  readonly value: number | null;
  /** The band the widget's thresholds put the value in, when it is one that flags (amber, red). */
  readonly flag?: Exclude<BandColor, "green">;
}

export interface HeatmapModel {
  /** The first grouping's labels, in the answer's order (the y axis, top to bottom). */
  readonly rows: readonly string[];
  /** The second grouping's labels: date buckets in date order, others as they first come. */
  readonly columns: readonly string[];
  readonly cells: readonly HeatCell[];
}

type Rows = ReadonlyArray<Record<string, unknown>>;

/**
 * The cells of a heat-map widget (two groupings, one measure; validateApp checks the shape).
 * A cell flags when the widget's thresholds give its value amber or red: the colour scale shows
 * the value, the outline says it crossed a band (2+ promotions of one SKU in one week).
 */
export function heatmapModel(
  widget: Widget,
  rows: Rows,
  label: (row: Record<string, unknown>, grouping: 0 | 1) => string,
): HeatmapModel {
  const measure = widget.query.measures?.[0]?.id ?? "count";
  const bucketed = widget.query.groupBy?.[1]?.bucket !== undefined;
  const rowLabels: string[] = [];
  const columnKeys = new Map<string, unknown>();
  const cells = rows.map((r, index) => {
    const row = label(r, 0);
    const column = label(r, 1);
    if (!rowLabels.includes(row)) rowLabels.push(row);
    if (!columnKeys.has(column)) columnKeys.set(column, r[widget.query.groupBy?.[1]?.field ?? ""]);
    const value = typeof r[measure] === "number" ? (r[measure] as number) : null;
    const color = thresholdColor(widget, measure, r);
    return { index, row, column, value, ...(color && color !== "green" ? { flag: color } : {}) };
  });
  const columns = [...columnKeys.keys()];
  // Buckets sort as their keys (`2026-W09` < `2026-W10`); the blank bucket first, as the server sorts.
  if (bucketed) {
    const key = (c: string) => columnKeys.get(c);
    columns.sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      if (x === y) return 0;
      if (x === null || x === undefined) return -1;
      if (y === null || y === undefined) return 1;
      return String(x) < String(y) ? -1 : 1;
    });
  }
  return { rows: rowLabels, columns, cells };
}

/** Outline colours of flagged cells (the threshold dots' colours). */
export const FLAG_COLORS: Readonly<Record<Exclude<BandColor, "green">, string>> = {
  amber: "#d48806",
  red: "#cf1322",
};

/**
 * The ECharts option of a heat-map: columns on x, rows on y, a continuous scale, flagged cells
 * outlined. `description` replaces ECharts' generated aria text (cell coordinates, not names).
 */
export function heatmapOption(model: HeatmapModel, measureName: string, description: string): EChartsCoreOption {
  const values = model.cells.flatMap((c) => (c.value === null ? [] : [c.value]));
  const min = values.length > 0 ? Math.min(...values) : 0;
  const max = values.length > 0 ? Math.max(...values) : 1;
  return {
    aria: { enabled: true, label: { description } },
    animationDuration: 300,
    tooltip: { position: "top" },
    // The colour scale sits above the cells, clear of the week labels under them.
    grid: { left: 8, right: 8, top: 36, bottom: 40 },
    xAxis: { type: "category", data: model.columns, splitArea: { show: true }, axisLabel: { hideOverlap: true } },
    yAxis: { type: "category", data: model.rows, splitArea: { show: true }, inverse: true },
    visualMap: {
      min,
      max: max > min ? max : min + 1,
      calculable: false,
      orient: "horizontal",
      right: 8,
      top: 0,
      itemHeight: 80,
      inRange: { color: ["#e6f4ff", "#69b1ff", "#0958d9"] },
    },
    series: [
      {
        type: "heatmap",
        name: measureName,
        label: { show: true },
        emphasis: { itemStyle: { shadowBlur: 6, shadowColor: "rgba(0, 0, 0, 0.3)" } },
        data: model.cells.map((c) => ({
          name: `${c.row} · ${c.column}`,
          value: [model.columns.indexOf(c.column), model.rows.indexOf(c.row), c.value ?? "-"],
          ...(c.flag ? { itemStyle: { borderColor: FLAG_COLORS[c.flag], borderWidth: 3 } } : {}),
        })),
      },
    ],
  };
}
