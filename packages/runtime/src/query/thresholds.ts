import type { Widget } from "../schema/types.js";

export type BandColor = "green" | "amber" | "red";

function finite(value: unknown): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The colour a widget's thresholds give a measure's value in one result row: the first band
 * whose bound (a number or another measure of the row, times `times`) the value does not exceed;
 * a band without a bound takes the rest. No colour for a measure without thresholds, a blank
 * value, or a blank bound met before the value found its band (nothing to compare with).
 *
 * @example
 * // expense ratio 10.5 % against a 10 % target: amber (at most 10 × 1.1)
 * thresholdColor(widget, "expense_ratio", { expense_ratio: 10.5, target: 10 }) // "amber"
 */
export function thresholdColor(
  widget: Pick<Widget, "thresholds">,
  measure: string,
  row: Readonly<Record<string, unknown>>,
): BandColor | undefined {
  const threshold = widget.thresholds?.find((t) => t.measure === measure);
  const value = finite(row[measure]);
  if (!threshold || value === undefined) return undefined;
  for (const band of threshold.bands) {
    if (band.atMost === undefined) return band.color;
    const bound = finite(typeof band.atMost === "number" ? band.atMost : row[band.atMost]);
    if (bound === undefined) return undefined;
    if (value <= bound * (band.times ?? 1)) return band.color;
  }
  return undefined;
}
