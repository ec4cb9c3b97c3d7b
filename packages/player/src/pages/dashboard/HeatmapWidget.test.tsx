// @vitest-environment happy-dom
import { type App, createMemorySource, type MemoryUser, type Widget } from "@plinth/runtime";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { provideCharts } from "../testing/charts.js";
import { renderPage } from "../testing/renderPage.js";
import { DashboardPage } from "./DashboardPage.js";
import { FLAG_COLORS, heatmapModel, heatmapOption } from "./heatmap.js";

let restoreCharts: () => void;
beforeEach(() => {
  restoreCharts = provideCharts();
});
afterEach(() => {
  cleanup();
  restoreCharts();
});

const label = (en: string, zh: string) => ({ en, "zh-CN": zh });
const NOW = "2026-06-01T09:00:00.000Z";

/** SKU × the weeks each line's promotion runs; 2+ promotions in one cell are flagged red. */
const calendar = {
  id: "calendar",
  label: label("Promotion calendar", "促销日历"),
  type: "heatmap",
  query: {
    entity: "line",
    groupBy: [{ field: "sku" }, { field: "promo.from", bucket: "week", through: "promo.to" }],
    measures: [{ id: "promotions", label: label("Promotions", "促销数"), aggregate: "countDistinct", field: "promo" }],
  },
  thresholds: [{ measure: "promotions", bands: [{ color: "green", atMost: 1 }, { color: "red" }] }],
} as const;

const page = { kind: "dashboard", id: "hq", label: label("HQ", "总部"), widgets: [calendar] } as const;

const app = {
  schemaVersion: 1,
  id: "promos",
  version: "1.0.0",
  label: label("Promotions", "促销"),
  entities: [
    {
      id: "promo",
      label: label("Promotion", "促销"),
      fields: [
        { id: "from", kind: "date", label: label("In-store from", "门店开始") },
        { id: "to", kind: "date", label: label("In-store to", "门店结束") },
      ],
    },
    {
      id: "line",
      label: label("Line", "明细"),
      fields: [
        { id: "promo", kind: "relation", target: "promo", label: label("Promotion", "促销") },
        { id: "sku", kind: "text", label: label("SKU", "商品") },
      ],
    },
  ],
  pages: [page],
} as unknown as App;

const admin: MemoryUser = { id: "admin", username: "admin", roles: [], attributes: {}, isAdmin: true };
const stamp = { version: 1, createdAt: NOW, updatedAt: NOW };

function source() {
  const promo = (id: string, from: string, to: string) => ({ id, from, to, ...stamp });
  const line = (id: string, p: string, sku: string) => ({ id, promo: p, sku, ...stamp });
  return createMemorySource({
    app,
    user: admin,
    users: [admin],
    clock: () => NOW,
    newId: () => "n",
    records: {
      promo: [promo("a", "2026-05-01", "2026-05-12"), promo("b", "2026-05-11", "2026-05-17")],
      line: [line("l1", "a", "cola"), line("l2", "b", "cola"), line("l3", "a", "chips")],
    },
  });
}

async function show(locale: "en" | "zh-CN" = "en") {
  const s = source();
  renderPage(<DashboardPage app={app} page={page as never} source={s} />, { source: s, user: admin, locale });
  const widget = screen.getByTestId("widget-calendar");
  await waitFor(() => expect(widget.getAttribute("data-state")).toBe("ok"));
  return widget;
}

describe("the heat-map widget", () => {
  it("draws SKU × week and lists the cells its thresholds flag, with the band's word", async () => {
    const widget = await show();
    const chart = await within(widget).findByRole("img", {}, { timeout: 10_000 });
    await waitFor(() => expect(chart.getAttribute("data-drawn")).toBe("true"));
    expect(chart.getAttribute("aria-label")).toBe(
      "Promotion calendar: heat-map of Promotions by SKU and In-store from; 1 flagged cell(s) listed below the chart.",
    );
    const flags = within(widget).getAllByTestId("heatmap-flag");
    expect(flags.map((li) => [li.textContent, li.getAttribute("data-band")])).toEqual([
      ["cola · 2026-W19: 2over the limit", "red"],
    ]);
  });

  it("speaks Chinese", async () => {
    const widget = await show("zh-CN");
    const chart = await within(widget).findByRole("img", {}, { timeout: 10_000 });
    await waitFor(() => expect(chart.getAttribute("data-drawn")).toBe("true"));
    expect(chart.getAttribute("aria-label")).toBe(
      "促销日历：按商品和门店开始显示促销数的热力图；图表下方列出 1 个标记单元格。",
    );
    expect(within(widget).getByTestId("heatmap-flag").textContent).toBe("cola · 2026-W19: 2超出上限");
  });

  it("places cells by their two groupings, weeks in date order, and outlines the flagged ones", () => {
    const rows = [
      { sku: "cola", week: "2026-W10", promotions: 1 },
      { sku: "chips", week: "2026-W09", promotions: 2 },
      { sku: "chips", week: null, promotions: 1 },
    ];
    const widget = {
      ...calendar,
      query: { ...calendar.query, groupBy: [{ field: "sku" }, { field: "week", bucket: "week" }] },
    } as unknown as Widget;
    const model = heatmapModel(widget, rows, (row, i) => String((i === 0 ? row.sku : row.week) ?? "(blank)"));
    expect(model.rows).toEqual(["cola", "chips"]);
    expect(model.columns).toEqual(["(blank)", "2026-W09", "2026-W10"]);
    expect(model.cells.map((c) => c.flag)).toEqual([undefined, "red", undefined]);
    const option = heatmapOption(model, "Promotions", "Calendar") as {
      series: Array<{ type: string; data: Array<{ value: unknown[]; itemStyle?: { borderColor: string } }> }>;
      visualMap: { min: number; max: number };
    };
    expect(option.series[0]?.type).toBe("heatmap");
    expect(option.series[0]?.data.map((d) => [d.value, d.itemStyle?.borderColor])).toEqual([
      [[2, 0, 1], undefined],
      [[1, 1, 2], FLAG_COLORS.red],
      [[0, 1, 1], undefined],
    ]);
    expect([option.visualMap.min, option.visualMap.max]).toEqual([1, 2]);
  });
});
