import { type Label, type Locale, labelText } from "@plinth/runtime";

/** The parts of a field definition the player reads to show a value (any field kind fits this shape). */
export interface FieldView {
  readonly id: string;
  readonly kind: string;
  readonly label?: Label;
  readonly options?: readonly { readonly value: string; readonly label?: Label }[];
  readonly currency?: string;
  readonly format?: string;
  readonly target?: string;
}

const intlLocale = (locale: Locale) => (locale === "zh-CN" ? "zh-CN" : "en-US");

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * One Intl.NumberFormat per locale and currency, kept: building one costs tens of microseconds,
 * which a table paid per cell on every scroll frame (the table scroll benchmark found it the
 * largest item of a frame). Throws a RangeError for an unknown currency code, as the constructor does.
 */
function numberFormat(locale: Locale, currency?: string): Intl.NumberFormat {
  const key = `${locale}|${currency ?? ""}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      intlLocale(locale),
      currency ? { style: "currency", currency, maximumFractionDigits: 2 } : undefined,
    );
    formatters.set(key, format);
  }
  return format;
}

/** Names by id: related records' titles and people's names (a map, or maps layered). */
export interface TitleLookup {
  get(id: string): string | undefined;
}

/**
 * A stored value as text for a table cell. `titles` resolves relation ids to their records' titles
 * and user ids to people's names (when the player could load them); unknown ids are shown as they are.
 */
export function formatValue(
  field: FieldView | undefined,
  value: unknown,
  locale: Locale,
  titles?: TitleLookup,
  appCurrency?: string,
): string {
  if (value === null || value === undefined || value === "") return "";
  if (!field) return typeof value === "object" ? JSON.stringify(value) : String(value);
  switch (field.kind) {
    case "select": {
      const option = field.options?.find((o) => o.value === value);
      return option ? labelText(option.label, locale, option.value) : String(value);
    }
    case "multiSelect":
      return Array.isArray(value)
        ? value.map((v) => formatValue({ ...field, kind: "select" }, v, locale)).join(", ")
        : String(value);
    case "currency":
      return typeof value === "number" ? money(value, field.currency ?? appCurrency ?? "CNY", locale) : String(value);
    case "percent":
      return typeof value === "number" ? `${numberFormat(locale).format(value)}%` : String(value);
    case "number":
    case "rollup":
      return typeof value === "number" ? numberFormat(locale).format(value) : String(value);
    case "formula":
      if (typeof value === "number") {
        return field.format === "currency"
          ? money(value, appCurrency ?? "CNY", locale)
          : numberFormat(locale).format(value);
      }
      return typeof value === "boolean" ? (value ? "✓" : "✗") : String(value);
    case "boolean":
      return value ? "✓" : "✗";
    case "relation":
    case "user":
      // Relation ids name records by their title; user ids name people (useRelationTitles loads both).
      return typeof value === "string" ? (titles?.get(value) ?? value) : String(value);
    case "attachment":
      return Array.isArray(value)
        ? value
            .map((f) => (typeof f === "object" && f !== null ? String((f as { name?: unknown }).name) : ""))
            .join(", ")
        : String(value);
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

function money(value: number, currency: string, locale: Locale): string {
  try {
    return numberFormat(locale, currency).format(value);
  } catch {
    return `${value} ${currency}`;
  }
}

/** Columns of numbers read better right-aligned. */
export function isNumeric(field: FieldView | undefined): boolean {
  if (!field) return false;
  return (
    ["number", "currency", "percent", "rollup"].includes(field.kind) ||
    (field.kind === "formula" && field.format !== undefined)
  );
}
