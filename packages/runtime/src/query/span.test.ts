import { describe, expect, it } from "vitest";
import { validateApp } from "../runtime.js";
import type { App, Query } from "../schema/types.js";
import { DataSourceError } from "../source/errors.js";
import { createMemorySource } from "../source/memory.js";
import { bucketOf } from "../source/memoryQuery.js";
import { bucketProblem, isDatePath, SPAN_MAX_DAYS, spanBuckets, spanDays, spanTooLong } from "./span.js";

const weeks = (from: unknown, to: unknown) => spanBuckets(from, to, (day) => bucketOf("week", day)).buckets;

describe("spanBuckets: every bucket of the days from a start through an end, once", () => {
  it("counts a span in each Monday-week it touches (the week grouping's labels)", () => {
    // Friday 1 May to Tuesday 12 May 2026: the week of 27 April, of 4 May and of 11 May.
    expect(weeks("2026-05-01", "2026-05-12")).toEqual(["2026-W17", "2026-W18", "2026-W19"]);
    expect(weeks("2026-05-04", "2026-05-10")).toEqual(["2026-W18"]);
    // Across New Year the week of 28 December splits as the plain grouping splits it (week 00).
    expect(weeks("2026-12-30", "2027-01-05")).toEqual(["2026-W52", "2027-W00", "2027-W01"]);
    // Datetimes count by their day.
    expect(weeks("2026-05-03T23:00:00.000Z", "2026-05-04T01:00:00.000Z")).toEqual(["2026-W17", "2026-W18"]);
  });

  it("gives the start's bucket for a blank or earlier end, and the blank group for a blank start", () => {
    expect(weeks("2026-05-01", null)).toEqual(["2026-W17"]);
    expect(weeks("2026-05-12", "2026-05-01")).toEqual(["2026-W19"]);
    expect(weeks(null, "2026-05-01")).toEqual([null]);
    expect(spanBuckets("2026-01-20", "2026-03-02", (day) => bucketOf("month", day)).buckets).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
    ]);
  });

  it("bounds a span at 371 days (53 weeks): end − start up to 370 is counted, more is too long", () => {
    expect(SPAN_MAX_DAYS).toBe(371);
    expect(spanDays("2026-01-01", "2027-01-06")).toBe(370);
    expect(spanTooLong(spanDays("2026-01-01", "2027-01-06"))).toBe(false);
    expect(spanTooLong(spanDays("2026-01-01", "2027-01-07"))).toBe(true);
    expect(spanTooLong(spanDays(null, "2030-01-01"))).toBe(false);
    expect(spanBuckets("2026-01-01", "2040-01-01", (day) => day).buckets).toHaveLength(SPAN_MAX_DAYS);
  });
});

const NOW = "2026-06-01T09:00:00.000Z";
const label = (en: string) => ({ en, "zh-CN": en });
const app = {
  schemaVersion: 1,
  id: "promos",
  version: "1.0.0",
  label: label("Promotions"),
  entities: [
    {
      id: "promo",
      label: label("Promotion"),
      fields: [
        { id: "name", kind: "text", label: label("Name") },
        { id: "from", kind: "date", label: label("From") },
        { id: "to", kind: "date", label: label("To") },
      ],
    },
    {
      id: "line",
      label: label("Line"),
      fields: [
        { id: "promo", kind: "relation", target: "promo", label: label("Promotion") },
        { id: "sku", kind: "text", label: label("SKU") },
      ],
    },
  ],
} as unknown as App;

/** The heat-map's query: SKU × the weeks each line's promotion runs, distinct promotions per cell. */
const calendarQuery: Query = {
  entity: "line",
  groupBy: [{ field: "sku" }, { field: "promo.from", bucket: "week", through: "promo.to" }],
  measures: [
    { id: "promotions", aggregate: "countDistinct", field: "promo" },
    { id: "lines", aggregate: "count" },
  ],
};

function source(promos: ReadonlyArray<readonly [string, string | null, string | null]>, lines: string[][]) {
  const admin = { id: "admin", username: "admin", roles: [], attributes: {}, isAdmin: true };
  const stamp = { version: 1, createdAt: NOW, updatedAt: NOW };
  return createMemorySource({
    app,
    user: admin,
    users: [admin],
    clock: () => NOW,
    newId: () => "n",
    records: {
      promo: promos.map(([id, from, to]) => ({ id, name: id, from, to, ...stamp })),
      line: lines.map(([id, promo, sku]) => ({ id, promo, sku, ...stamp })),
    },
  });
}

describe("a span grouping in the memory source: a record in every week between two dates", () => {
  const promos = [
    ["a", "2026-05-01", "2026-05-12"], // W17, W18, W19
    ["b", "2026-05-11", "2026-05-17"], // W19
    ["c", "2026-05-04", null], // W18 (no end)
    ["d", null, "2026-05-04"], // blank
  ] as const;
  const lines = [
    ["l1", "a", "cola"],
    ["l2", "a", "cola"],
    ["l3", "b", "cola"],
    ["l4", "c", "chips"],
    ["l5", "a", "chips"],
    ["l6", "d", "chips"],
  ];

  it("counts each line once in each week of its promotion; cells of 2+ promotions are overlaps", async () => {
    const { rows } = await source(promos, lines).query(calendarQuery);
    expect(rows).toEqual([
      { sku: "chips", "promo.from": null, promotions: 1, lines: 1 },
      { sku: "chips", "promo.from": "2026-W17", promotions: 1, lines: 1 },
      { sku: "chips", "promo.from": "2026-W18", promotions: 2, lines: 2 },
      { sku: "chips", "promo.from": "2026-W19", promotions: 1, lines: 1 },
      { sku: "cola", "promo.from": "2026-W17", promotions: 1, lines: 2 },
      { sku: "cola", "promo.from": "2026-W18", promotions: 1, lines: 2 },
      { sku: "cola", "promo.from": "2026-W19", promotions: 2, lines: 3 },
    ]);
  });

  it("refuses a record spanning more than 371 days with http.spanTooLong at the grouping", async () => {
    const long = source([["x", "2026-01-01", "2027-01-07"]], [["l1", "x", "cola"]]);
    const error = await long.query(calendarQuery).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataSourceError);
    expect([
      (error as DataSourceError).status,
      (error as DataSourceError).code,
      (error as DataSourceError).path,
    ]).toEqual([400, "http.spanTooLong", "/groupBy/1/through"]);
    // A filter that leaves it out lets the query run.
    const { rows } = await long.query({ ...calendarQuery, filter: "sku <> 'cola'" });
    expect(rows).toEqual([]);
  });
});

describe("bucketProblem: only dates bucket and end a span", () => {
  it("names the grouping's field or end that is no date, following relations; system datetimes bucket", () => {
    const problem = (g: NonNullable<Query["groupBy"]>[number]) => bucketProblem(app, "line", g, 1)?.path;
    expect(problem({ field: "promo.from", bucket: "week", through: "promo.to" })).toBeUndefined();
    expect(problem({ field: "promo.from", bucket: "week", through: "sku" })).toBe("/groupBy/1/through");
    expect(problem({ field: "sku", bucket: "day" })).toBe("/groupBy/1/field");
    expect(problem({ field: "sku" })).toBeUndefined();
    expect(problem({ field: "createdAt", bucket: "month" })).toBeUndefined();
    expect(problem({ field: "promo.updatedAt", bucket: "month" })).toBeUndefined();
    expect(isDatePath(app, "line", ["nothing"])).toBeUndefined();
  });

  it("makes the memory source refuse such a query as the server does", async () => {
    const error = await source([], [])
      .query({ entity: "line", groupBy: [{ field: "sku", bucket: "week" }] })
      .then(
        () => undefined,
        (e: unknown) => e as DataSourceError,
      );
    expect([error?.status, error?.code, error?.path]).toEqual([400, "http.badRequest", "/groupBy/0/field"]);
  });
});

describe("validateApp: span groupings and the heat-map's shape", () => {
  const withWidget = (widget: unknown) =>
    ({
      ...app,
      pages: [{ kind: "dashboard", id: "d", label: "D", widgets: [widget] }],
    }) as unknown as App;
  const issues = (widget: unknown) => validateApp(withWidget(widget)).issues.map((i) => [i.code, i.path]);

  it("accepts a heat-map of two groupings and one measure with a span", () => {
    const measures = calendarQuery.measures?.slice(0, 1);
    expect(issues({ id: "w", type: "heatmap", query: { ...calendarQuery, measures } })).toEqual([]);
  });

  it("reports a wrong shape, a span without a bucket or onto no date, and a second span", () => {
    expect(issues({ id: "w", type: "heatmap", query: calendarQuery })).toEqual([
      ["schema.widgetShape", "/pages/0/widgets/0/query"],
    ]);
    expect(
      issues({
        id: "w",
        type: "table",
        query: {
          entity: "line",
          groupBy: [
            { field: "promo.from", through: "promo.to" },
            { field: "promo.from", bucket: "week", through: "sku" },
          ],
        },
      }),
    ).toEqual([
      ["schema.required", "/pages/0/widgets/0/query/groupBy/0"],
      ["schema.oneSpanGrouping", "/pages/0/widgets/0/query/groupBy/1/through"],
      ["schema.wrongFieldKind", "/pages/0/widgets/0/query/groupBy/1/through"],
    ]);
  });
});
