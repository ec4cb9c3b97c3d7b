import { InputNumber } from "antd";
import { useMemo } from "react";
import { controlAria } from "./aria.js";
import type { WidgetProps } from "./widget.types.js";

function numberOf(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** number and percent (with a % suffix); bounds come from the field. */
export function NumberWidget(props: WidgetProps) {
  const { field, value, onChange, onBlur, disabled, invalid } = props;
  const bounds = field.kind === "number" || field.kind === "percent" ? field : undefined;
  return (
    <InputNumber<number>
      {...controlAria(props)}
      style={{ width: "100%" }}
      value={numberOf(value)}
      onChange={(v) => onChange(v ?? null)}
      onBlur={onBlur}
      disabled={disabled}
      status={invalid ? "error" : undefined}
      min={bounds?.min}
      max={bounds?.max}
      suffix={field.kind === "percent" ? "%" : undefined}
    />
  );
}

/** currency: an amount shown with the locale's grouping and the currency's symbol (Intl.NumberFormat). */
export function CurrencyWidget(props: WidgetProps) {
  const { field, value, onChange, onBlur, disabled, invalid, locale } = props;
  const currency = field.kind === "currency" ? (field.currency ?? "CNY") : "CNY";
  const decimals = field.kind === "currency" ? (field.decimals ?? 2) : 2;
  const { symbol, format } = useMemo(() => {
    const money = new Intl.NumberFormat(locale, { style: "currency", currency });
    const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals });
    return {
      symbol: money.formatToParts(0).find((p) => p.type === "currency")?.value ?? currency,
      format: (n: number) => plain.format(n),
    };
  }, [locale, currency, decimals]);
  return (
    <InputNumber<number>
      {...controlAria(props)}
      style={{ width: "100%" }}
      prefix={symbol}
      value={numberOf(value)}
      // While typing, keep the person's own text; format when the value comes from elsewhere.
      formatter={(v, info) => (info.userTyping ? info.input : String(v ?? "") === "" ? "" : format(Number(v)))}
      parser={(text) => Number((text ?? "").replace(/[^\d.-]/g, ""))}
      onChange={(v) => onChange(v ?? null)}
      onBlur={onBlur}
      disabled={disabled}
      status={invalid ? "error" : undefined}
      min={field.kind === "currency" ? field.min : undefined}
      max={field.kind === "currency" ? field.max : undefined}
    />
  );
}
