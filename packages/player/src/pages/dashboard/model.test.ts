import type { App } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { andAll, categoryLabel, equalsFormula, filteredQuery, formatMeasure, periodFormula, quote } from "./model.js";
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

  it("has the same words in both languages", () => {
    expect(Object.keys(dashboardStrings["zh-CN"]).sort()).toEqual(Object.keys(dashboardStrings.en).sort());
  });
});
