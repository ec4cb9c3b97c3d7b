import type { WidgetProps } from "@plinth/runtime/react";

const labels = {
  en: (n: number) => `${n} star${n === 1 ? "" : "s"}`,
  "zh-CN": (n: number) => `${n} 星`,
} as const;

/**
 * A star rating for a number field (0–5): a radio group, so arrow keys move between stars and
 * screen readers announce "3 stars". Hand it to `PlinthProvider` under a name and use that name
 * as a field node's `widget` — no registration by import.
 *
 * @example
 * const widgets = { stars: StarRating };              // a module constant: keep it stable
 * <PlinthProvider locale="en" widgets={widgets}>…</PlinthProvider>
 * // in the app schema: { "kind": "field", "field": "satisfaction", "widget": "stars" }
 */
export function StarRating({ value, onChange, disabled, id, labelId, describedBy, invalid, locale }: WidgetProps) {
  const current = typeof value === "number" ? value : 0;
  return (
    <div
      id={id}
      role="radiogroup"
      aria-labelledby={labelId}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      style={{ display: "flex", gap: 4 }}
    >
      {[1, 2, 3, 4, 5].map((n) => (
        // biome-ignore lint/a11y/useSemanticElements: a styled radio group of buttons, with roving focus
        <button
          key={n}
          type="button"
          role="radio"
          aria-checked={current === n}
          aria-label={labels[locale](n)}
          tabIndex={current === n || (current === 0 && n === 1) ? 0 : -1}
          disabled={disabled}
          onClick={() => onChange(current === n ? null : n)}
          onKeyDown={(event) => {
            if (event.key === "ArrowRight" || event.key === "ArrowUp") onChange(Math.min(5, current + 1));
            if (event.key === "ArrowLeft" || event.key === "ArrowDown") onChange(Math.max(1, current - 1));
          }}
          style={{
            border: "none",
            background: "none",
            fontSize: 22,
            cursor: "pointer",
            color: n <= current ? "#faad14" : "#d9d9d9",
          }}
        >
          ★
        </button>
      ))}
    </div>
  );
}
