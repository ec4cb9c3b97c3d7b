// @vitest-environment happy-dom
import type { DashboardPage } from "@plinth/runtime";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { setValue } from "../../store/commands.js";
import { renderDesigner } from "../../testing/renderDesigner.js";
import { DashboardsPanel } from "./DashboardsPanel.js";

afterEach(cleanup);

const FORECAST = 5;
const forecast = (store: ReturnType<typeof renderDesigner>["store"]) =>
  store.getState().doc.pages?.[FORECAST] as DashboardPage;
const measureBox = (n: number) => screen.getByRole("group", { name: `Measure ${n}` });

function open(widget: number) {
  const rendered = renderDesigner(<DashboardsPanel />);
  act(() => rendered.store.getState().select(`/pages/${FORECAST}/widgets/${widget}`));
  return rendered;
}

describe("expression measures in the query builder", () => {
  it("switch a measure to a formula over the others: the aggregate's settings go, in one undo step", async () => {
    const { store, runtime } = open(0);
    const before = store.getState().doc;
    const second = measureBox(2);
    expect(within(second).getByRole("combobox", { name: "Measure 2 aggregate" })).toBeTruthy();
    fireEvent.click(within(second).getByRole("radio", { name: "Formula over measures" }));
    // It starts as the first measure it may name, so that the app stays valid.
    expect(forecast(store).widgets[0]?.query.measures?.[1]).toEqual({ id: "amount", expression: "count" });
    // No aggregate selector, field or filter any more; the formula input names what it may use.
    expect(within(measureBox(2)).queryByRole("combobox", { name: "Measure 2 aggregate" })).toBeNull();
    expect(within(measureBox(2)).queryByRole("textbox", { name: /Measure 2 filter/ })).toBeNull();
    expect(measureBox(2).textContent).toContain("Name the query's number measures: count");
    const input = within(measureBox(2)).getByRole("textbox", { name: "Measure 2 expression (a formula)" });
    fireEvent.change(input, { target: { value: "count * 2" } });
    expect(forecast(store).widgets[0]?.query.measures?.[1]).toEqual({ id: "amount", expression: "count * 2" });
    const issues = runtime.validateApp(store.getState().doc).issues;
    expect(issues.filter((x) => x.path.includes(`/widgets/0/query/measures/1`))).toEqual([]);
    act(() => store.getState().undo());
    act(() => store.getState().undo());
    expect(store.getState().doc).toEqual(before);
  });

  it("shows the core's issue under the formula, at its path, for a name that is no number measure", async () => {
    const { store } = open(0);
    fireEvent.click(within(measureBox(2)).getByRole("radio", { name: "Formula over measures" }));
    fireEvent.change(within(measureBox(2)).getByRole("textbox", { name: "Measure 2 expression (a formula)" }), {
      target: { value: "count / amountt" },
    });
    const alert = await within(measureBox(2)).findByRole("alert");
    expect(alert.textContent).toMatch(/amountt/);
    expect(alert.querySelector("[data-issue]")?.getAttribute("data-issue")).toBeTruthy();
    // Back to an aggregate: the formula goes, counting rows until another aggregate is chosen.
    fireEvent.click(within(measureBox(2)).getByRole("radio", { name: "Aggregate rows" }));
    expect(forecast(store).widgets[0]?.query.measures?.[1]).toEqual({ id: "amount", aggregate: "count" });
    await waitFor(() => expect(within(measureBox(2)).queryByRole("alert")).toBeNull());
  });

  it("offers to remove an aggregate's settings left beside an expression by a JSON edit", async () => {
    const { store } = open(0);
    act(() => {
      store.getState().apply(
        setValue(`/pages/${FORECAST}/widgets/0/query/measures/1`, {
          id: "amount",
          expression: "count",
          aggregate: "sum",
        }),
      );
    });
    expect((await within(measureBox(2)).findByRole("alert")).textContent).toMatch(/aggregate/);
    fireEvent.click(within(measureBox(2)).getByRole("button", { name: "Remove the aggregate settings" }));
    expect(forecast(store).widgets[0]?.query.measures?.[1]).toEqual({ id: "amount", expression: "count" });
  });

  it("shows under an aggregate the core's issue with a ratio over a measure that became an expression", async () => {
    const { store } = open(0);
    act(() => {
      store.getState().apply(
        setValue(`/pages/${FORECAST}/widgets/0/query/measures/1`, {
          id: "amount",
          aggregate: "sum",
          field: "amount",
          divideBy: "count",
        }),
      );
    });
    expect(within(measureBox(2)).queryByRole("alert")).toBeNull();
    fireEvent.click(within(measureBox(1)).getByRole("radio", { name: "Formula over measures" }));
    expect((await within(measureBox(2)).findByRole("alert")).textContent).toMatch(/count/);
  });

  it("edits the formula in the formula editor, checked against the query's measures, and applies it", async () => {
    const { store } = open(0);
    fireEvent.click(within(measureBox(2)).getByRole("radio", { name: "Formula over measures" }));
    fireEvent.click(screen.getByRole("button", { name: "Open measure 2 in the formula editor" }));
    const dialog = await screen.findByRole("dialog");
    // The plain input stands in while Monaco loads; both edit the same text.
    const editor = within(dialog).getAllByRole("textbox", { name: "Measure 2 expression (a formula)" })[0] as
      | HTMLInputElement
      | HTMLTextAreaElement;
    fireEvent.change(editor, { target: { value: "stage" } });
    // `stage` is a field of the entity, not a measure of the query.
    expect((await within(dialog).findByRole("alert")).textContent).toMatch(/stage/);
    fireEvent.change(editor, { target: { value: "ROUND(count / 3, 1)" } });
    await waitFor(() => expect(within(dialog).queryByRole("alert")).toBeNull());
    expect(forecast(store).widgets[0]?.query.measures?.[1]).toEqual({ id: "amount", expression: "count" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Apply" }));
    expect(forecast(store).widgets[0]?.query.measures?.[1]).toEqual({
      id: "amount",
      expression: "ROUND(count / 3, 1)",
    });
  });

  it("switches kinds in Chinese", async () => {
    const rendered = renderDesigner(<DashboardsPanel />, { locale: "zh-CN" });
    act(() => rendered.store.getState().select(`/pages/${FORECAST}/widgets/0`));
    const second = screen.getByRole("group", { name: "度量 2" });
    fireEvent.click(within(second).getByRole("radio", { name: "按度量计算的公式" }));
    expect(within(second).getByRole("textbox", { name: "度量 2 表达式（公式）" })).toBeTruthy();
    expect(second.textContent).toContain("可使用查询中的数值度量：count");
    expect(rendered.store.getState().past.at(-1)?.label["zh-CN"]).toBe("由其他度量计算 amount");
  });
});
