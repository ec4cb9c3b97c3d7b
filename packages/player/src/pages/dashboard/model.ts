import {
  type App,
  andAll,
  compensatedSum,
  DASHBOARD_PERIODS,
  type DashboardFilter,
  type DashboardFilterValues,
  type DashboardPeriod,
  dashboardQuery,
  type Entity,
  equalsFormula,
  fieldAtPath,
  type Locale,
  labelText,
  periodField,
  periodFormula,
  type Query,
  quoteText,
  type Widget,
} from "@plinth/runtime";
import type { FieldView } from "../../format.js";

/**
 * Dashboard logic without React: drill-down, labels and numbers. The shared filters (the period
 * and the page's `filters`) are the core's (`dashboardQuery`), so a server test can run a widget
 * with a filter exactly as the player does; they are re-exported here under the player's names.
 */

export type Period = DashboardPeriod;
export const PERIODS = DASHBOARD_PERIODS;
export type SharedFilters = DashboardFilterValues;
export type PageFilterDef = DashboardFilter;
export { andAll, equalsFormula, periodField, periodFormula };

/** A text literal of the formula language (the core's quoting: single quotes, an inner quote doubled). */
export const quote = quoteText;

/** The field at a dotted path (`account.region` follows the relation `account`): the core's walk. */
export const fieldAt = (app: App, entityId: string, path: string): FieldView | undefined =>
  fieldAtPath(app, entityId, path) as FieldView | undefined;

/**
 * A widget's query with the shared filters ANDed into its filter: the period on its date, and
 * each page filter on its entity or on an entity required to belong to it (the core's rule).
 */
export const filteredQuery = dashboardQuery;

export type DateBucket = "day" | "week" | "month" | "quarter" | "year";

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/**
 * The days a date-bucket key covers, as [from, to) — keys as the server's query returns them:
 * day `2026-03-05`, week `2026-W09` (weeks start on Monday; week 00 holds the days before the
 * year's first Monday), month `2026-03`, quarter `2026-Q1`, year `2026`. Undefined for anything else.
 */
export function bucketRange(bucket: DateBucket, key: string): { from: Date; to: Date } | undefined {
  const parts = (re: RegExp): number[] | undefined => re.exec(key)?.slice(1).map(Number);
  switch (bucket) {
    case "day": {
      const [y = 0, m = 0, d = 0] = parts(/^(\d{4})-(\d{2})-(\d{2})$/) ?? [];
      return y ? { from: utc(y, m - 1, d), to: utc(y, m - 1, d + 1) } : undefined;
    }
    case "month": {
      const [y = 0, m = 0] = parts(/^(\d{4})-(\d{2})$/) ?? [];
      return y && m >= 1 && m <= 12 ? { from: utc(y, m - 1, 1), to: utc(y, m, 1) } : undefined;
    }
    case "quarter": {
      const [y = 0, q = 0] = parts(/^(\d{4})-Q([1-4])$/) ?? [];
      return y ? { from: utc(y, (q - 1) * 3, 1), to: utc(y, q * 3, 1) } : undefined;
    }
    case "year": {
      const [y = 0] = parts(/^(\d{4})$/) ?? [];
      return y ? { from: utc(y, 0, 1), to: utc(y + 1, 0, 1) } : undefined;
    }
    case "week": {
      const [y = 0, week = 99] = parts(/^(\d{4})-W(\d{2})$/) ?? [];
      if (!y || week > 53) return undefined;
      const firstMonday = 1 + ((8 - utc(y, 0, 1).getUTCDay()) % 7); // day of January
      if (week === 0) return firstMonday === 1 ? undefined : { from: utc(y, 0, 1), to: utc(y, 0, firstMonday) };
      const from = utc(y, 0, firstMonday + (week - 1) * 7);
      const to = utc(y, 0, firstMonday + week * 7);
      const next = utc(y + 1, 0, 1);
      if (from >= next) return undefined;
      // biome-ignore lint/complexity/useMathMinMax: Dates; Math.min would give a number
      return { from, to: to > next ? next : to };
    }
  }
}

const dayLit = (d: Date) => `DATE(${d.getUTCFullYear()}, ${d.getUTCMonth() + 1}, ${d.getUTCDate()})`;

/** A date-bucket key as a formula on the bucketed field (datetimes compare by their day), or undefined. */
export function bucketFormula(field: string, kind: string, bucket: DateBucket, key: unknown): string | undefined {
  if (key === null || key === undefined || key === "") return `ISBLANK(${field})`;
  const range = typeof key === "string" ? bucketRange(bucket, key) : undefined;
  if (!range) return undefined;
  const subject = kind === "datetime" ? `DATEVALUE(${field})` : field;
  return `${subject} >= ${dayLit(range.from)} AND ${subject} < ${dayLit(range.to)}`;
}

/**
 * The formula that narrows a query's records to one group row (its first grouping): equality for
 * a field, the bucket's days for a date bucket. Undefined when the row cannot be expressed.
 */
export function groupFormula(app: App, query: Query, row: Readonly<Record<string, unknown>>): string | undefined {
  const group = query.groupBy?.[0];
  if (!group) return undefined;
  const value = row[group.field];
  if (group.bucket === undefined) return equalsFormula(group.field, value);
  const kind = fieldAt(app, query.entity, group.field)?.kind ?? "date";
  return bucketFormula(group.field, kind, group.bucket, value);
}

/** The first table page on an entity: where a click on a bar or slice leads. */
export function drillPage(app: App, entity: string): string | undefined {
  return (app.pages ?? []).find((p) => p.kind === "table" && p.entity === entity)?.id;
}

/**
 * A group value as a category label: select options in the locale, people's names and related
 * records' titles from `titles`, date buckets as returned.
 */
export function categoryLabel(
  field: FieldView | undefined,
  value: unknown,
  locale: Locale,
  blank: string,
  titles?: ReadonlyMap<string, string>,
): string {
  if (value === null || value === undefined || value === "") return blank;
  if ((field?.kind === "user" || field?.kind === "relation") && typeof value === "string") {
    return titles?.get(value) ?? value;
  }
  if (field?.kind === "select" || field?.kind === "multiSelect") {
    const option = field.options?.find((o) => o.value === value);
    return option ? labelText(option.label, locale, option.value) : String(value);
  }
  if (typeof value === "boolean") return value ? "✓" : "✗";
  return String(value);
}

const intlLocale = (locale: Locale) => (locale === "zh-CN" ? "zh-CN" : "en-US");

/** A measure value by the widget's `format` (currency: the app's currency; percent: 0.25 → 25%). */
export function formatMeasure(
  value: unknown,
  format: Widget["format"],
  locale: Locale,
  currency: string | undefined,
): string {
  if (value === null || value === undefined) return "—";
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  try {
    if (format === "currency")
      return new Intl.NumberFormat(intlLocale(locale), {
        style: "currency",
        currency: currency ?? "CNY",
        maximumFractionDigits: 0,
      }).format(n);
    if (format === "percent")
      return new Intl.NumberFormat(intlLocale(locale), { style: "percent", maximumFractionDigits: 1 }).format(n);
  } catch {
    // an unknown currency code: plain number below
  }
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 }).format(n);
}

/**
 * The sum of a measure over rows (the widget's total; for counts and sums it is the whole), added
 * as the server adds (the core's compensatedSum): a legend's total matches a report's to the digit.
 */
export function total(rows: readonly Record<string, unknown>[], measure: string): number {
  return compensatedSum(rows.map((row) => (typeof row[measure] === "number" ? row[measure] : 0)));
}

/** The measure's label: its own, else the measured field's, else its id. */
export function measureLabel(app: App, query: Query, measureId: string, locale: Locale, countLabel: string): string {
  const measure = (query.measures ?? []).find((m) => m.id === measureId);
  if (!measure) return measureId;
  if (measure.label !== undefined) return labelText(measure.label, locale, measure.id);
  if (measure.aggregate === "count" || measure.aggregate === "countDistinct") return countLabel;
  const field = measure.field ? fieldAt(app, query.entity, measure.field) : undefined;
  return labelText(field?.label, locale, measure.id);
}

/**
 * How a measure's numbers read: its own `format`; else the widget's, except that a ratio
 * (divideBy) is never money (money over money is a number); else a ratio as a number; else
 * currency for sums and averages of money fields.
 */
export function measureFormat(app: App, widget: Widget, measureId: string): Widget["format"] {
  const measure = (widget.query.measures ?? []).find((m) => m.id === measureId);
  if (measure?.format) return measure.format;
  if (measure?.divideBy) return widget.format === "percent" ? "percent" : "number";
  if (widget.format) return widget.format;
  if (!measure?.field || measure.aggregate === "count" || measure.aggregate === "countDistinct") return "number";
  return fieldAt(app, widget.query.entity, measure.field)?.kind === "currency" ? "currency" : "number";
}

/**
 * What a dashboard needs named: the user and relation fields its widgets group by and its page
 * filters use, as columns of one combined entity (ids are unique across entities), for
 * useRelationTitles.
 */
export function namedFields(
  app: App,
  widgets: readonly Widget[],
  filters: readonly PageFilterDef[],
): { entity: Entity; columns: string[] } {
  const fields = new Map<string, Entity["fields"][number]>();
  const add = (entityId: string, path: string) => {
    const field = fieldAt(app, entityId, path);
    if (field && (field.kind === "user" || field.kind === "relation") && !path.includes("."))
      fields.set(path, field as unknown as Entity["fields"][number]);
  };
  for (const w of widgets) for (const g of w.query.groupBy ?? []) add(w.query.entity, g.field);
  for (const f of filters) add(f.entity, f.field);
  return { entity: { id: "dashboard", fields: [...fields.values()] } as Entity, columns: [...fields.keys()] };
}
