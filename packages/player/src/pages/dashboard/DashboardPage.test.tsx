// @vitest-environment happy-dom
import type { DashboardPage as DashboardPageDef, Locale, MemorySource, MemoryUser } from "@plinth/runtime";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chooseOption } from "../table/testing.js";
import { provideCharts } from "../testing/charts.js";
import { forecastPage, manager, pipelineApp, rep } from "../testing/pipelineApp.js";
import { pipelineSource, renderPage } from "../testing/renderPage.js";
import { DashboardPage } from "./DashboardPage.js";

let restoreCharts: () => void;
beforeEach(() => {
  restoreCharts = provideCharts();
});
afterEach(() => {
  cleanup();
  restoreCharts();
});

let source: MemorySource;

async function showDashboard(user: MemoryUser, locale: Locale = "en") {
  source = pipelineSource(user);
  const shown = renderPage(<DashboardPage app={pipelineApp} page={forecastPage} source={source} />, {
    source,
    user,
    locale,
  });
  await settled();
  return shown;
}

const widget = (id: string) => screen.getByTestId(`widget-${id}`);

/** Every widget has its query's answer (none loading, none failed). */
async function settled() {
  await waitFor(() => {
    for (const w of forecastPage.widgets) expect(widget(w.id).getAttribute("data-state")).toBe("ok");
  });
}

const kpi = (id: string) => within(widget(id)).getByTestId("kpi-value").textContent;
const legend = (id: string) =>
  within(within(widget(id)).getByTestId("legend"))
    .getAllByRole("listitem")
    .map((li) => li.textContent);
const tableRows = (id: string) =>
  within(widget(id))
    .getAllByRole("row")
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    );

describe("DashboardPage", () => {
  it("shows each widget's query result: KPI numbers, the legend's groups and totals, table rows", async () => {
    await showDashboard(rep);
    // Rita's four opportunities (Otto's is outside her row scope).
    expect(kpi("pipeline_total")).toBe("CN¥9,000");
    expect(within(widget("pipeline_total")).getByText("Amount")).toBeTruthy();
    expect(kpi("deal_count")).toBe("4");
    expect(legend("by_region")).toEqual(["East: CN¥1,000", "North: CN¥8,000", "Total Amount: CN¥9,000"]);
    expect(legend("by_stage")).toEqual(["Amount · Total CN¥9,000", "Count · Total 4"]);
    // ECharts draws the bar chart (on a canvas that keeps nothing) and says when it is done.
    // (ECharts is a lazy chunk: its first import may take a while on a cold machine.)
    const chart = await within(widget("by_stage")).findByRole("img", { name: "By stage" }, { timeout: 15_000 });
    await waitFor(() => expect(chart.getAttribute("data-drawn")).toBe("true"), { timeout: 5_000 });
    expect(tableRows("by_owner")).toEqual([["Rita Rep", "4", "CN¥9,000"]]);
    expect(
      within(widget("by_owner"))
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Owner", "Deals", "Pipeline"]);
  });

  it("runs the queries with the user's row scope: a manager sees every owner, largest pipeline first", async () => {
    await showDashboard(manager);
    expect(kpi("deal_count")).toBe("5");
    expect(tableRows("by_owner")).toEqual([
      ["Rita Rep", "4", "CN¥9,000"],
      ["Otto Other", "1", "CN¥700"],
    ]);
  });

  it("names a grouping's blank group as the schema says (blankLabel), in either language", async () => {
    source = pipelineSource(manager);
    await source.create("opportunity", { name: "No account yet", region: "east", amount: 5 });
    const page: DashboardPageDef = {
      ...forecastPage,
      filters: [],
      widgets: [
        {
          id: "by_account",
          type: "table" as const,
          query: {
            entity: "opportunity",
            groupBy: [{ field: "region" }, { field: "account", blankLabel: { en: "No account", "zh-CN": "无客户" } }],
            measures: [{ id: "deals", aggregate: "count" as const }],
          },
        },
      ],
    };
    renderPage(<DashboardPage app={pipelineApp} page={page} source={source} />, { source, user: manager });
    await waitFor(() => expect(widget("by_account").getAttribute("data-state")).toBe("ok"));
    expect(tableRows("by_account").map((row) => row[1])).toContain("No account");
  });

  it("colours a measure by the widget's thresholds (a dot and a word), bounded by another measure of the row", async () => {
    source = pipelineSource(manager);
    const page: DashboardPageDef = {
      ...forecastPage,
      filters: [],
      widgets: [
        {
          id: "by_owner_band",
          type: "table" as const,
          // Each owner's pipeline against 1,000 (a measure of the row): green up to it, amber up to 1.1×, red above.
          query: {
            entity: "opportunity",
            groupBy: [{ field: "owner" }],
            measures: [
              { id: "pipeline", aggregate: "sum" as const, field: "amount" },
              { id: "limit", expression: "1000" },
            ],
            sort: [{ by: "pipeline", direction: "desc" as const }],
          },
          thresholds: [
            {
              measure: "pipeline",
              bands: [
                { color: "green" as const, atMost: "limit" },
                { color: "amber" as const, atMost: "limit", times: 1.1 },
                { color: "red" as const },
              ],
            },
          ],
        },
      ],
    };
    renderPage(<DashboardPage app={pipelineApp} page={page} source={source} />, { source, user: manager });
    await waitFor(() => expect(widget("by_owner_band").getAttribute("data-state")).toBe("ok"));
    const bands = [...widget("by_owner_band").querySelectorAll("[data-band]")].map((e) => [
      e.getAttribute("data-band"),
      e.textContent,
    ]);
    // Rita 9,000 (red), Otto 700 (green); the limit column itself is not coloured.
    expect(bands).toEqual([
      ["red", "CN¥9,000over the limit"],
      ["green", "CN¥700on target"],
    ]);
  });

  it("narrows every widget to the shared period and page filter", async () => {
    await showDashboard(rep);
    // This year: Delta closed three years ago drops out.
    await chooseOption(screen.getByRole("combobox", { name: "Period" }), "This year");
    await waitFor(() => expect(kpi("pipeline_total")).toBe("CN¥4,000"));
    await settled();
    expect(kpi("deal_count")).toBe("3");
    expect(legend("by_region")).toEqual(["East: CN¥1,000", "North: CN¥3,000", "Total Amount: CN¥4,000"]);
    expect(tableRows("by_owner")).toEqual([["Rita Rep", "3", "CN¥4,000"]]);

    // And the region filter (the select field's options): East only.
    await chooseOption(screen.getByRole("combobox", { name: "Region" }), "East");
    await waitFor(() => expect(kpi("pipeline_total")).toBe("CN¥1,000"));
    await settled();
    expect(kpi("deal_count")).toBe("2");
    expect(legend("by_region")).toEqual(["East: CN¥1,000", "Total Amount: CN¥1,000"]);
    expect(legend("by_stage")).toEqual(["Amount · Total CN¥1,000", "Count · Total 2"]);

    // Back to all time keeps the region.
    await chooseOption(screen.getByRole("combobox", { name: "Period" }), "All time");
    await waitFor(() => expect(kpi("deal_count")).toBe("2"));
    expect(kpi("pipeline_total")).toBe("CN¥1,000");
  });

  it("says on a widget that a chosen filter does not reach its records (accounts have no region)", async () => {
    const page: DashboardPageDef = {
      ...forecastPage,
      widgets: [
        ...forecastPage.widgets,
        {
          id: "accounts",
          label: { en: "Accounts", "zh-CN": "客户数" },
          type: "kpi",
          query: { entity: "account", measures: [{ id: "n", aggregate: "count" }] },
          layout: { x: 0, y: 8, w: 6, h: 2 },
        },
      ],
    };
    for (const locale of ["en", "zh-CN"] as const) {
      source = pipelineSource(rep);
      renderPage(<DashboardPage app={pipelineApp} page={page} source={source} />, { source, user: rep, locale });
      await waitFor(() => expect(widget("accounts").getAttribute("data-state")).toBe("ok"));
      expect(screen.queryByTestId("unfiltered-accounts")).toBeNull();
      const [region, east] = locale === "en" ? ["Region", "East"] : ["区域", "华东"];
      await chooseOption(screen.getByRole("combobox", { name: region }), east);
      const note = await screen.findByTestId("unfiltered-accounts");
      expect(note.textContent).toBe(locale === "en" ? "Not narrowed by Region" : "未按区域筛选");
      // The opportunity widgets are narrowed, and say nothing.
      for (const w of forecastPage.widgets) expect(screen.queryByTestId(`unfiltered-${w.id}`)).toBeNull();
      cleanup();
    }
  });

  it("speaks Chinese: labels, filters and numbers", async () => {
    await showDashboard(rep, "zh-CN");
    expect(screen.getByText("预测")).toBeTruthy();
    expect(kpi("pipeline_total")).toBe("¥9,000");
    expect(legend("by_region")).toEqual(["华东: ¥1,000", "华北: ¥8,000", "合计 金额: ¥9,000"]);
    expect(tableRows("by_owner")).toEqual([["Rita Rep", "4", "¥9,000"]]);
    await chooseOption(screen.getByRole("combobox", { name: "区域" }), "华北");
    await waitFor(() => expect(kpi("pipeline_total")).toBe("¥8,000"));
  });
});
