// The only module that imports ECharts: loaded lazily (its own chunk), tree-shaken to what the
// dashboard draws (bar, line/area, pie, funnel, scatter, heat-map with its colour scale on a canvas).
import { BarChart, FunnelChart, HeatmapChart, LineChart, PieChart, ScatterChart } from "echarts/charts";
import { AriaComponent, GridComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import { type ECharts, type EChartsCoreOption, init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

use([
  BarChart,
  LineChart,
  PieChart,
  FunnelChart,
  ScatterChart,
  HeatmapChart,
  GridComponent,
  VisualMapComponent,
  TooltipComponent,
  AriaComponent,
  CanvasRenderer,
]);

export interface EChartProps {
  readonly option: EChartsCoreOption;
  /** A click on a data item (bar, point, slice): its index in the series data. */
  readonly onItemClick?: (dataIndex: number) => void;
  readonly label: string;
}

/** One ECharts instance in a div that fills its container and follows its size (ResizeObserver). */
export default function EChart({ option, onItemClick, label }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | undefined>(undefined);
  const clickRef = useRef(onItemClick);
  clickRef.current = onItemClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: "canvas" });
    chart.current = instance;
    // `data-drawn` says when the chart shows its data, animation included (ECharts' "finished"):
    // what tests and the dashboard benchmark wait for.
    instance.on("finished", () => el.setAttribute("data-drawn", "true"));
    instance.on("click", (params) => {
      const index = (params as { dataIndex?: number }).dataIndex;
      if (typeof index === "number") clickRef.current?.(index);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    ref.current?.setAttribute("data-drawn", "false");
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={ref}
      className="plinth-dash-chart"
      role="img"
      aria-label={label}
      data-clickable={onItemClick ? "true" : "false"}
    />
  );
}
