import type { App, Query } from "../schema/types.js";

export type DateBucket = "day" | "week" | "month" | "quarter" | "year";

type GroupBy = NonNullable<Query["groupBy"]>[number];

/**
 * The longest span a span grouping counts a record in: 371 days (53 weeks) from its start day
 * through its end day. A record whose end is later refuses the query (`http.spanTooLong`) rather
 * than running a query that grows with one record's dates; a promotion runs weeks, not years.
 */
export const SPAN_MAX_DAYS = 371;

/** A grouping that counts a record in every bucket from `field` through `through` (a date span). */
export function isSpanGrouping(group: GroupBy): group is GroupBy & { readonly through: string; bucket: DateBucket } {
  return group.through !== undefined && group.bucket !== undefined;
}

const DAY_MS = 86_400_000;

/** A stored date or datetime's calendar day as a UTC time value (its first ten characters), or undefined. */
function dayOf(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
}

/**
 * The days from a span's start day to its end day (end − start); 0 when the end is blank or
 * before the start, undefined when the start is blank. The server computes the same in SQL.
 */
export function spanDays(from: unknown, through: unknown): number | undefined {
  const start = dayOf(from);
  if (start === undefined) return undefined;
  const end = dayOf(through);
  return end === undefined || end < start ? 0 : Math.round((end - start) / DAY_MS);
}

/**
 * The buckets a record spanning `from` through `through` (dates or datetimes, by their day)
 * counts in: each bucket of each day of the span, once, in order. A blank end, or an end before
 * the start, gives the start's bucket alone; a blank start gives the blank group. `bucketOf`
 * labels one day (`YYYY-MM-DD`) as the plain date grouping does (weeks: `2026-W07`).
 *
 * The meaning is the same on every source: the memory source calls this; the server's SQL
 * (storage/recordStore.ts) walks the same days and keeps the first day of each bucket.
 *
 * @example
 * // Friday 1 May to Tuesday 12 May 2026: three Monday-weeks
 * spanBuckets("2026-05-01", "2026-05-12", (day) => weekOf(day)) // ["2026-W17", "2026-W18", "2026-W19"]
 */
export function spanBuckets(
  from: unknown,
  through: unknown,
  bucketOf: (day: string) => unknown,
): { readonly buckets: readonly unknown[]; readonly days: number | undefined } {
  const days = spanDays(from, through);
  const start = dayOf(from);
  if (days === undefined || start === undefined) return { buckets: [null], days };
  const buckets: unknown[] = [];
  const n = Math.min(days, SPAN_MAX_DAYS - 1);
  for (let i = 0; i <= n; i++) {
    const bucket = bucketOf(new Date(start + i * DAY_MS).toISOString().slice(0, 10));
    if (buckets.at(-1) !== bucket) buckets.push(bucket);
  }
  return { buckets, days };
}

/** Whether a span of `days` (end − start) is longer than a span grouping counts. */
export function spanTooLong(days: number | undefined): boolean {
  return days !== undefined && days > SPAN_MAX_DAYS - 1;
}

/** System fields every record has that hold a datetime. */
const SYSTEM_DATETIMES: ReadonlySet<string> = new Set(["createdAt", "updatedAt"]);

/**
 * Whether a dotted path of an entity (relations followed) ends at a date or datetime field, as a
 * date bucket and a span's end need; undefined when the path names no field (other checks say so).
 * The sources refuse a query that buckets anything else (validateApp refuses it in an app).
 */
export function isDatePath(app: App, entity: string, path: readonly string[]): boolean | undefined {
  let current = entity;
  for (const [i, segment] of path.entries()) {
    if (i === path.length - 1 && SYSTEM_DATETIMES.has(segment)) return true;
    const field = app.entities?.find((e) => e.id === current)?.fields.find((f) => f.id === segment);
    if (!field) return undefined;
    if (i === path.length - 1) return field.kind === "date" || field.kind === "datetime";
    if (field.kind !== "relation") return undefined;
    current = field.target;
  }
  return undefined;
}

/** Why a grouping cannot bucket its field or span to its end, for a 400 (http.badRequest), or undefined. */
export function bucketProblem(
  app: App,
  entity: string,
  group: GroupBy,
  index: number,
): { readonly reason: string; readonly path: string } | undefined {
  if (group.bucket === undefined) return undefined;
  for (const [key, value] of [
    ["field", group.field],
    ["through", group.through],
  ] as const) {
    if (value !== undefined && isDatePath(app, entity, value.split(".")) === false)
      return {
        reason: `'${value}' is not a date or datetime field: only dates group by ${group.bucket} and end a span`,
        path: `/groupBy/${index}/${key}`,
      };
  }
  return undefined;
}
