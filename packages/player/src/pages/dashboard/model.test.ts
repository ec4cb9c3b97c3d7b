import type { App } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import {
  andAll,
  bucketFormula,
  bucketRange,
  categoryLabel,
  equalsFormula,
  filteredQuery,
  formatMeasure,
  groupFormula,
  measureFormat,
  measureLabel,
  namedFields,
  periodFormula,
  quote,
  total,
} from "./model.js";
import { dashboardStrings } from "./strings.js";

const app = {
  id: "a",
  entities: [
    {
      id: "deal",
      fields: [
        { id: "stage", kind: "select", options: [{ value: "won", label: { en: "Won", "zh-CN": "赢单" } }] },
        { id: "region", kind: "text" },
        { id: "close", kind: "date" },
        { id: "amount", kind: "currency", label: { en: "Amount", "zh-CN": "金额" } },
      ],
    },
  ],
} as unknown as App;

describe("dashboard model", () => {
  it("quotes values by doubling single quotes", () => {
    expect(quote("O'Brien")).toBe("'O''Brien'");
    expect(equalsFormula("region", "x' OR 1=1 OR 'y")).toBe("region = 'x'' OR 1=1 OR ''y'");
    expect(equalsFormula("n", 3)).toBe("n = 3");
    expect(equalsFormula("n", null)).toBe("ISBLANK(n)");
    expect(andAll(["a = 1", undefined, " "])).toBe("a = 1");
    expect(andAll(["a = 1", "b = 2"])).toBe("(a = 1) AND (b = 2)");
  });

  it("turns the period into date bounds", () => {
    const today = new Date(2026, 5, 15);
    expect(periodFormula("all", "close", "date", today)).toBeUndefined();
    expect(periodFormula("year", "close", "date", today)).toBe(
      "close >= DATE(2026, 1, 1) AND close <= DATE(2026, 12, 31)",
    );
    expect(periodFormula("last12", "at", "datetime", today)).toBe(
      "DATEVALUE(at) >= DATE(2025, 6, 16) AND DATEVALUE(at) <= DATE(2026, 6, 15)",
    );
  });

  it("ANDs the shared filters into a widget query", () => {
    const q = filteredQuery(
      app,
      { entity: "deal", filter: "stage = 'won'" },
      [{ id: "r", field: "region", entity: "deal" }],
      { period: "year", values: { r: "east" } },
      new Date(2026, 0, 2),
    );
    expect(q.filter).toBe(
      "(stage = 'won') AND (close >= DATE(2026, 1, 1) AND close <= DATE(2026, 12, 31)) AND (region = 'east')",
    );
  });

  it("labels select groups in the locale and formats measures", () => {
    const stage = app.entities?.[0]?.fields[0] as never;
    expect(categoryLabel(stage, "won", "zh-CN", "-")).toBe("赢单");
    expect(categoryLabel(undefined, "2026-03", "en", "-")).toBe("2026-03");
    expect(formatMeasure(1234.5, "number", "en", undefined)).toBe("1,234.5");
    expect(formatMeasure(0.25, "percent", "en", undefined)).toBe("25%");
  });

  it("reads a measure by its own format, a ratio as a number, then the widget's format", () => {
    const widget = {
      id: "w",
      type: "table",
      format: "currency",
      query: {
        entity: "deal",
        measures: [
          { id: "amount", aggregate: "sum", field: "close" },
          { id: "used", aggregate: "sum", field: "close", divideBy: "amount", percent: true },
          { id: "share", aggregate: "sum", field: "close", format: "percent" },
        ],
      },
    } as never;
    expect(measureFormat(app, widget, "amount")).toBe("currency");
    expect(measureFormat(app, widget, "used")).toBe("number");
    expect(measureFormat(app, widget, "share")).toBe("percent");
    // A win-rate KPI: a ratio in a percent widget reads 0.288 as 28.8 %.
    const kpi = { ...(widget as object), format: "percent" } as never;
    expect(measureFormat(app, kpi, "used")).toBe("percent");
  });

  it("names a measure by its own label in the locale, else the measured field's, a count as a count, else its id", () => {
    const query = {
      entity: "deal",
      measures: [
        { id: "pipeline", aggregate: "sum", field: "amount", label: { en: "Open pipeline", "zh-CN": "未结管道" } },
        { id: "total", aggregate: "sum", field: "amount" },
        { id: "deals", aggregate: "count" },
        { id: "last_close", aggregate: "max", field: "close" },
      ],
    } as never;
    const names = (locale: "en" | "zh-CN") =>
      ["pipeline", "total", "deals", "last_close", "gone"].map((id) => measureLabel(app, query, id, locale, "#"));
    expect(names("en")).toEqual(["Open pipeline", "Amount", "#", "last_close", "gone"]);
    expect(names("zh-CN")).toEqual(["未结管道", "金额", "#", "last_close", "gone"]);
  });

  it("totals a measure as the server sums it: ten amounts of 0.1 make 1, not 0.9999999999999999", () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ region: `r${i}`, amount: 0.1 }));
    expect(total(rows, "amount")).toBe(1);
    expect(total([{ amount: 5 }, { amount: null }, { amount: "x" }, {}], "amount")).toBe(5);
    expect(total([], "amount")).toBe(0);
  });

  it("has the same words in both languages", () => {
    expect(Object.keys(dashboardStrings["zh-CN"]).sort()).toEqual(Object.keys(dashboardStrings.en).sort());
  });

  it("turns a date-bucket key back into its days, as the server's query keys them", () => {
    const iso = (r: { from: Date; to: Date } | undefined) =>
      r && [r.from, r.to].map((d) => d.toISOString().slice(0, 10));
    expect(iso(bucketRange("day", "2026-02-28"))).toEqual(["2026-02-28", "2026-03-01"]);
    expect(iso(bucketRange("month", "2026-12"))).toEqual(["2026-12-01", "2027-01-01"]);
    expect(iso(bucketRange("quarter", "2026-Q2"))).toEqual(["2026-04-01", "2026-07-01"]);
    expect(iso(bucketRange("year", "2026"))).toEqual(["2026-01-01", "2027-01-01"]);
    // 2026 starts on a Thursday: week 00 is 1–4 January (SQLite's %W), week 01 starts Monday 5 January.
    expect(iso(bucketRange("week", "2026-W00"))).toEqual(["2026-01-01", "2026-01-05"]);
    expect(iso(bucketRange("week", "2026-W01"))).toEqual(["2026-01-05", "2026-01-12"]);
    expect(iso(bucketRange("week", "2026-W52"))).toEqual(["2026-12-28", "2027-01-01"]);
    // 2024 starts on a Monday: no week 00.
    expect(bucketRange("week", "2024-W00")).toBeUndefined();
    expect(iso(bucketRange("week", "2024-W01"))).toEqual(["2024-01-01", "2024-01-08"]);
    for (const bad of ["2026-13", "2026-Q5", "x", "2026-1", "'; DROP"]) {
      expect(bucketRange("month", bad) ?? bucketRange("quarter", bad)).toBeUndefined();
    }
  });

  it("drills into a bucket with a formula on its days; datetimes compare by day", () => {
    expect(bucketFormula("close", "date", "month", "2026-03")).toBe(
      "close >= DATE(2026, 3, 1) AND close < DATE(2026, 4, 1)",
    );
    expect(bucketFormula("at", "datetime", "year", "2026")).toBe(
      "DATEVALUE(at) >= DATE(2026, 1, 1) AND DATEVALUE(at) < DATE(2027, 1, 1)",
    );
    expect(bucketFormula("close", "date", "month", null)).toBe("ISBLANK(close)");
    expect(bucketFormula("close", "date", "month", "bogus")).toBeUndefined();
    const query = { entity: "deal", groupBy: [{ field: "close", bucket: "quarter" as const }] };
    expect(groupFormula(app, query, { close: "2026-Q4" })).toBe(
      "close >= DATE(2026, 10, 1) AND close < DATE(2027, 1, 1)",
    );
    expect(groupFormula(app, { entity: "deal", groupBy: [{ field: "stage" }] }, { stage: "won" })).toBe(
      "stage = 'won'",
    );
    expect(groupFormula(app, { entity: "deal" }, {})).toBeUndefined();
  });

  it("names people and related records in categories, and finds the fields that need names", () => {
    const people = new Map([["u1", "Li Lei"]]);
    expect(categoryLabel({ id: "owner", kind: "user" }, "u1", "en", "(blank)", people)).toBe("Li Lei");
    expect(categoryLabel({ id: "owner", kind: "user" }, "u9", "en", "(blank)", people)).toBe("u9");
    const withOwner = {
      ...app,
      entities: [
        {
          id: "deal",
          fields: [
            { id: "owner", kind: "user" },
            { id: "stage", kind: "select" },
          ],
        },
      ],
    } as unknown as App;
    const widgets = [
      { id: "w", type: "bar", query: { entity: "deal", groupBy: [{ field: "stage" }, { field: "owner" }] } },
    ] as never;
    const named = namedFields(withOwner, widgets, [{ id: "f", entity: "deal", field: "owner" }]);
    expect(named.columns).toEqual(["owner"]);
    expect(named.entity.fields.map((f) => f.kind)).toEqual(["user"]);
  });
});
