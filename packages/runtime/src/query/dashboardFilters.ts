import { fieldAtPath } from "../app/fieldPath.js";
import { quoteText } from "../expr/print.js";
import type { App, DashboardPage, Query } from "../schema/types.js";
import { isSpanGrouping } from "./span.js";

/**
 * A dashboard's shared filters as formulas ANDed into each widget's query: the period (on the
 * widget's date) and the page's `filters` (a field of an entity, with the value the viewer
 * chose). The player applies them with `dashboardQuery`; a test that runs a widget "as the
 * player does" calls the same function, so the two cannot disagree.
 */

/** One of a dashboard page's `filters`. */
export type DashboardFilter = NonNullable<DashboardPage["filters"]>[number];

/** The period every dashboard offers: everything, this calendar year, or the last 12 months. */
export type DashboardPeriod = "all" | "year" | "last12";
export const DASHBOARD_PERIODS: readonly DashboardPeriod[] = ["all", "year", "last12"];

/** What the viewer chose: the period and, per page filter id, a value (absent = all). */
export interface DashboardFilterValues {
  readonly period: DashboardPeriod;
  readonly values: Readonly<Record<string, string | undefined>>;
}

/** The longest field path the query model accepts (`a.b.c.d`). */
const MAX_PATH_SEGMENTS = 4;

function entityOf(app: App, id: string) {
  return (app.entities ?? []).find((e) => e.id === id);
}

/** The kind of the date at a path (`createdAt` and `updatedAt` are datetimes), else `date`. */
function dateKindAt(app: App, entity: string, path: string): string {
  return fieldAtPath(app, entity, path)?.kind ?? "date";
}

/**
 * The path on `entity` a page filter narrows, or undefined when it does not apply there.
 *
 * A filter applies to the widgets on its own entity, at its field. It applies as well to the
 * widgets on an entity whose every record belongs to one record of the filter's entity — a
 * required relation to it, the only relation to it — at the field behind that relation: HQ's
 * region filter on promotions narrows the promotion lines to those of the region's promotions
 * (`promotion.region`). An optional relation is not followed (the ledger's rows without a
 * promotion, a region's allocations, would vanish under a promotion filter), nor a second one
 * (which of the two would be a guess), nor one whose path would pass the query's four segments.
 *
 * @example
 * dashboardFilterPath(app, { id: "region", entity: "promotion", field: "region" }, "promotion_line")
 * // "promotion.region"
 */
export function dashboardFilterPath(app: App, filter: DashboardFilter, entity: string): string | undefined {
  if (filter.entity === entity) return filter.field;
  const relations = (entityOf(app, entity)?.fields ?? []).filter(
    (f) => f.kind === "relation" && f.target === filter.entity,
  );
  const [only] = relations;
  if (relations.length !== 1 || !only || only.required !== true) return undefined;
  if (filter.field.split(".").length + 1 > MAX_PATH_SEGMENTS) return undefined;
  return `${only.id}.${filter.field}`;
}

/** Parts ANDed together, each in parentheses; blanks dropped. */
export function andAll(parts: readonly (string | undefined)[]): string | undefined {
  const kept = parts.map((p) => p?.trim()).filter((p): p is string => !!p);
  if (kept.length === 0) return undefined;
  if (kept.length === 1) return kept[0];
  return kept.map((p) => `(${p})`).join(" AND ");
}

/** Equality with a group value as a formula (text, number, boolean; blank → ISBLANK). */
export function equalsFormula(field: string, value: unknown): string | undefined {
  if (value === null || value === undefined || value === "") return `ISBLANK(${field})`;
  if (typeof value === "number" && Number.isFinite(value)) return `${field} = ${value}`;
  if (typeof value === "boolean") return value ? field : `NOT(${field})`;
  if (typeof value === "string") return `${field} = ${quoteText(value)}`;
  return undefined;
}

const dateLit = (d: Date) => `DATE(${d.getFullYear()}, ${d.getMonth() + 1}, ${d.getDate()})`;

/** A date or datetime path as the formula a period compares (datetimes by their day). */
const dayOf = (path: DatePath) => (path.kind === "datetime" ? `DATEVALUE(${path.field})` : path.field);

/** A date (or datetime) field path and its kind. */
export interface DatePath {
  readonly field: string;
  readonly kind: string;
}

/**
 * The period as a formula on a date field, with the bounds computed from `today` (the viewer's
 * calendar day): this year = 1 Jan–31 Dec of today's year; last 12 months = the day after the
 * same day a year ago up to today. `datetime` fields compare by their day (DATEVALUE).
 *
 * With `through` (a span's end: a promotion in store from one day through another), the records
 * whose span meets the period: starting in it, or starting before it and ending in or after it.
 * A blank end, or one before the start, is the start day alone, as a span grouping counts it.
 */
export function periodFormula(
  period: DashboardPeriod,
  field: string,
  kind: string,
  today: Date,
  through?: DatePath,
): string | undefined {
  if (period === "all") return undefined;
  const start = dayOf({ field, kind });
  let from: Date;
  let to: Date;
  if (period === "year") {
    from = new Date(today.getFullYear(), 0, 1);
    to = new Date(today.getFullYear(), 11, 31);
  } else {
    from = new Date(today.getFullYear() - 1, today.getMonth(), today.getDate() + 1);
    to = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  }
  if (!through) return `${start} >= ${dateLit(from)} AND ${start} <= ${dateLit(to)}`;
  const end = dayOf(through);
  return `${start} <= ${dateLit(to)} AND (${start} >= ${dateLit(from)} OR ${end} >= ${dateLit(from)})`;
}

/**
 * The date field the period applies to for a query: its date-bucket grouping if any (with the
 * span's end when it is a span grouping), else the entity's first date (or datetime) field, else
 * `createdAt`.
 */
export function periodField(app: App, query: Query): DatePath & { readonly through?: DatePath } {
  const bucketed = (query.groupBy ?? []).find((g) => g.bucket !== undefined);
  if (bucketed) {
    const start = { field: bucketed.field, kind: dateKindAt(app, query.entity, bucketed.field) };
    if (!isSpanGrouping(bucketed)) return start;
    const end = { field: bucketed.through, kind: dateKindAt(app, query.entity, bucketed.through) };
    return { ...start, through: end };
  }
  const date = entityOf(app, query.entity)?.fields.find((f) => f.kind === "date" || f.kind === "datetime");
  return date ? { field: date.id, kind: date.kind } : { field: "createdAt", kind: "datetime" };
}

/**
 * A widget's query with the dashboard's shared filters ANDed into its filter: the period on the
 * query's date (`periodField`) and each chosen page filter where it applies
 * (`dashboardFilterPath`).
 */
export function dashboardQuery(
  app: App,
  query: Query,
  filters: readonly DashboardFilter[],
  chosen: DashboardFilterValues,
  today: Date,
): Query {
  const date = periodField(app, query);
  const parts = [query.filter, periodFormula(chosen.period, date.field, date.kind, today, date.through)];
  for (const f of filters) {
    const value = chosen.values[f.id];
    const path = value === undefined ? undefined : dashboardFilterPath(app, f, query.entity);
    if (path !== undefined) parts.push(equalsFormula(path, value));
  }
  const filter = andAll(parts);
  const { filter: _old, ...rest } = query;
  return filter ? { ...rest, filter } : rest;
}
