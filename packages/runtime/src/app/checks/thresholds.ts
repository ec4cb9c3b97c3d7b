import type { Widget } from "../../schema/types.js";
import type { CheckContext } from "./context.js";
import { unknown } from "./refs.js";

const MEASURE = { en: "measure of the widget's query", zh: "组件查询中的度量" };

/** A widget's thresholds colour measures of its own query, bounded by numbers or by other measures of it. */
export function checkThresholds(ctx: CheckContext, widget: Widget, path: string): void {
  const ids = (widget.query.measures ?? []).map((m) => m.id);
  widget.thresholds?.forEach((t, i) => {
    if (!ids.includes(t.measure)) unknown(ctx, MEASURE, t.measure, `${path}/thresholds/${i}/measure`, ids);
    t.bands.forEach((band, j) => {
      if (typeof band.atMost === "string" && !ids.includes(band.atMost))
        unknown(ctx, MEASURE, band.atMost, `${path}/thresholds/${i}/bands/${j}/atMost`, ids);
    });
  });
}
