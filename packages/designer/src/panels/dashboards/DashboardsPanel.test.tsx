// @vitest-environment happy-dom
import type { DashboardPage } from "@plinth/runtime";
import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { chooseOption } from "../../testing/antdSelect.js";
import { renderDesigner } from "../../testing/renderDesigner.js";
import { DashboardsPanel } from "./DashboardsPanel.js";

afterEach(cleanup);

const FORECAST = 5;
const forecast = (store: ReturnType<typeof renderDesigner>["store"]) =>
  store.getState().doc.pages?.[FORECAST] as DashboardPage;

describe("the dashboards panel", () => {
  it("lists the dashboard pages and shows the open one's widgets as cards in order", () => {
    renderDesigner(<DashboardsPanel />);
    const nav = screen.getByRole("navigation", { name: "Dashboards" });
    expect(within(nav).getByRole("button", { name: "forecast" })).toBeTruthy();
    const cards = [...screen.getByRole("list", { name: "Widgets" }).children];
    expect(cards.map((c) => c.textContent)).toEqual([
      expect.stringContaining("by_stage"),
      expect.stringContaining("by_month"),
    ]);
    expect(cards[1]?.textContent).toContain("close_date/Month");
  });

  it("adds a widget summing a field grouped by another, and changes its chart type", async () => {
    const { store } = renderDesigner(<DashboardsPanel />);
    await userEvent.click(screen.getByRole("button", { name: "Add widget" }));
    expect(store.getState().selection).toBe(`/pages/${FORECAST}/widgets/2`);
    await chooseOption("Entity", "Opportunity (opportunity)");
    fireEvent.change(screen.getByRole("textbox", { name: "Measure 1 ID" }), { target: { value: "total" } });
    await chooseOption("Measure 1 aggregate", "Sum");
    await chooseOption("Measure 1 field", "amount");
    await userEvent.click(screen.getByRole("button", { name: "Add grouping" }));
    await chooseOption("Group 1 field", "stage");
    expect(forecast(store).widgets[2]).toEqual({
      id: "widget_3",
      type: "bar",
      query: {
        entity: "opportunity",
        measures: [{ id: "total", aggregate: "sum", field: "amount" }],
        groupBy: [{ field: "stage" }],
      },
    });
    await chooseOption("Chart type", "Pie chart");
    expect(forecast(store).widgets[2]?.type).toBe("pie");
    act(() => store.getState().undo());
    expect(forecast(store).widgets[2]?.type).toBe("bar");
  });

  it("offers a date bucket for a date field and shows the core's issue for a bad filter", async () => {
    const { store } = renderDesigner(<DashboardsPanel />);
    act(() => store.getState().select(`/pages/${FORECAST}/widgets/0`));
    await chooseOption("Group 1 field", "close_date");
    expect(forecast(store).widgets[0]?.query.groupBy).toEqual([{ field: "close_date", bucket: "month" }]);
    await chooseOption("Group 1 date bucket", "Quarter");
    expect(forecast(store).widgets[0]?.query.groupBy).toEqual([{ field: "close_date", bucket: "quarter" }]);
    fireEvent.change(screen.getByRole("textbox", { name: "Filter (a formula)" }), {
      target: { value: "stage = nowhere" },
    });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/nowhere/);
  });

  it("reorders widgets with the card buttons", async () => {
    const { store } = renderDesigner(<DashboardsPanel />);
    await userEvent.click(screen.getByRole("button", { name: "Move widget by_month earlier" }));
    expect(forecast(store).widgets.map((w) => w.id)).toEqual(["by_month", "by_stage"]);
    // by_stage was placed, so both get cells in the new order (by_month at the default chart size).
    expect(forecast(store).widgets.map((w) => w.layout)).toEqual([
      { x: 0, y: 0, w: 6, h: 5 },
      { x: 6, y: 0, w: 6, h: 4 },
    ]);
    expect(store.getState().selection).toBe(`/pages/${FORECAST}/widgets/0`);
    act(() => store.getState().undo());
    expect(forecast(store).widgets.map((w) => w.id)).toEqual(["by_stage", "by_month"]);
  });

  it("resizes a widget on the grid, the others flowing after it", async () => {
    const { store } = renderDesigner(<DashboardsPanel />);
    act(() => store.getState().select(`/pages/${FORECAST}/widgets/0`));
    await chooseOption("Width", "12 of 12 columns");
    expect(forecast(store).widgets.map((w) => w.layout)).toEqual([
      { x: 0, y: 0, w: 12, h: 4 },
      { x: 0, y: 4, w: 6, h: 5 },
    ]);
    expect(screen.getByRole("list", { name: "Widgets" }).children[0]?.getAttribute("style")).toContain("span 12");
  });

  it("opens the widget an issue's pointer names", () => {
    const { store } = renderDesigner(<DashboardsPanel />);
    act(() => store.getState().select(`/pages/${FORECAST}/widgets/1/query/measures/0/filter`));
    const inspector = screen.getByRole("region", { name: "Widget" });
    expect(inspector.textContent).toContain("Widget: by_month");
    expect((within(inspector).getByRole("textbox", { name: /^Measure 1 filter/ }) as HTMLTextAreaElement).value).toBe(
      "stage = 'won'",
    );
  });

  it("adds and removes a dashboard page, in Chinese", async () => {
    const { store } = renderDesigner(<DashboardsPanel />, { locale: "zh-CN" });
    fireEvent.change(screen.getByRole("textbox", { name: "新仪表盘 ID" }), { target: { value: "regions" } });
    await userEvent.click(screen.getByRole("button", { name: /添\s?加\s?仪\s?表\s?盘/ }));
    const pages = store.getState().doc.pages ?? [];
    expect(pages.at(-1)).toEqual({ kind: "dashboard", id: "regions", widgets: [] });
    expect(screen.getByText("此仪表盘还没有组件。")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "删除仪表盘 regions" }));
    expect(store.getState().doc.pages).toHaveLength(pages.length - 1);
  });
});
