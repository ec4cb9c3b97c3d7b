import { type KeyboardEvent, useState } from "react";
import { controlAria } from "./aria.js";
import type { WidgetProps } from "./widget.types.js";

function numberOf(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** A typed text as a number: blank is null, a number half typed ("-", "1e") is undefined. */
export function parseNumberText(text: string): number | null | undefined {
  const plain = text.replace(/[,\s]/g, "");
  if (plain === "") return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(plain)) return undefined;
  const n = Number(plain);
  return Number.isFinite(n) ? n : undefined;
}

interface NumberInputOptions {
  readonly min?: number;
  readonly max?: number;
  readonly prefix?: string;
  readonly suffix?: string;
  /** How the value reads while the control does not have focus. */
  readonly format: (n: number) => string;
}

/**
 * A spin button over a text input: while focused it keeps the person's own text (so "1." or
 * "-" can be typed) and reports each complete number; ArrowUp and ArrowDown step by 1 (10
 * with Shift) within the bounds. Out-of-range values are left to the core's messages.
 * A hook rather than a component: one component per field less on forms of hundreds.
 */
function useNumberInput(widget: WidgetProps, { min, max, prefix, suffix, format }: NumberInputOptions) {
  const { value, onChange, onBlur, disabled } = widget;
  const current = numberOf(value);
  // The person's own text while the control has focus; null when it has not.
  const [draft, setDraft] = useState<string | null>(null);
  const typed = draft === null ? undefined : parseNumberText(draft);
  // A value set from elsewhere while focused (undo, a reset) replaces what was typed.
  const text =
    draft !== null && (typed === undefined || typed === current)
      ? draft
      : current === null
        ? ""
        : draft !== null
          ? String(current)
          : format(current);

  const step = (event: KeyboardEvent<HTMLInputElement>) => {
    const direction = event.key === "ArrowUp" ? 1 : event.key === "ArrowDown" ? -1 : 0;
    if (direction === 0 || disabled) return;
    event.preventDefault();
    let next = (current ?? 0) + direction * (event.shiftKey ? 10 : 1);
    if (min !== undefined) next = Math.max(min, next);
    if (max !== undefined) next = Math.min(max, next);
    setDraft(String(next));
    onChange(next);
  };

  const input = (
    <input
      {...controlAria(widget)}
      className={prefix === undefined && suffix === undefined ? "plinth-input" : undefined}
      role="spinbutton"
      inputMode="decimal"
      autoComplete="off"
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={current ?? undefined}
      value={text}
      onFocus={() => setDraft(current === null ? "" : String(current))}
      onChange={(e) => {
        setDraft(e.target.value);
        const parsed = parseNumberText(e.target.value);
        if (parsed !== undefined) onChange(parsed);
      }}
      onKeyDown={step}
      onBlur={() => {
        setDraft(null);
        onBlur?.();
      }}
      disabled={disabled}
    />
  );
  if (prefix === undefined && suffix === undefined) return input;
  return (
    <span
      className={`plinth-input plinth-affix${widget.invalid ? " plinth-affix-invalid" : ""}${disabled ? " plinth-affix-disabled" : ""}`}
    >
      {prefix === undefined ? null : <span aria-hidden="true">{prefix}</span>}
      {input}
      {suffix === undefined ? null : <span aria-hidden="true">{suffix}</span>}
    </span>
  );
}

/** number and percent (with a % suffix); bounds come from the field. */
export function NumberWidget(props: WidgetProps) {
  const { field } = props;
  const bounds = field.kind === "number" || field.kind === "percent" ? field : undefined;
  return useNumberInput(props, {
    min: bounds?.min,
    max: bounds?.max,
    suffix: field.kind === "percent" ? "%" : undefined,
    format: String,
  });
}

interface MoneyFormat {
  readonly symbol: string;
  readonly format: (n: number) => string;
}

// Building an Intl.NumberFormat costs more than rendering the field: one per locale and currency.
const moneyFormats = new Map<string, MoneyFormat>();

function moneyFormat(locale: string, currency: string, decimals: number): MoneyFormat {
  const key = `${locale}|${currency}|${decimals}`;
  let found = moneyFormats.get(key);
  if (!found) {
    const money = new Intl.NumberFormat(locale, { style: "currency", currency });
    const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals });
    found = {
      symbol: money.formatToParts(0).find((p) => p.type === "currency")?.value ?? currency,
      format: (n: number) => plain.format(n),
    };
    moneyFormats.set(key, found);
  }
  return found;
}

/** currency: an amount shown with the locale's grouping and the currency's symbol (Intl.NumberFormat). */
export function CurrencyWidget(props: WidgetProps) {
  const { field, locale } = props;
  const currency = field.kind === "currency" ? (field.currency ?? "CNY") : "CNY";
  const decimals = field.kind === "currency" ? (field.decimals ?? 2) : 2;
  const { symbol, format } = moneyFormat(locale, currency, decimals);
  return useNumberInput(props, {
    prefix: symbol,
    min: field.kind === "currency" ? field.min : undefined,
    max: field.kind === "currency" ? field.max : undefined,
    format,
  });
}
