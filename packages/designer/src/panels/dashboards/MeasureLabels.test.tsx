// @vitest-environment happy-dom
import type { DashboardPage } from "@plinth/runtime";
import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { setValue } from "../../store/commands.js";
import { renderDesigner } from "../../testing/renderDesigner.js";
import { DashboardsPanel } from "./DashboardsPanel.js";
import { FORECAST, openWidget, type Store } from "./testing.js";

afterEach(cleanup);

const measuresOf = (store: Store, i: number) =>
  ((store.getState().doc.pages ?? [])[FORECAST] as DashboardPage).widgets[i]?.query.measures;
const measureBox = (n: number) => screen.getByRole("group", { name: `Measure ${n}` });
const card = (i: number, list = "Widgets") => screen.getByRole("list", { name: list }).children[i] as HTMLElement;

describe("measure labels in the query builder", () => {
  it("labels a measure in English and Chinese, which the widget's card then shows; emptying both removes it", () => {
    const { store, runtime } = renderDesigner(<DashboardsPanel />);
    openWidget(store, 0);
    const before = store.getState().doc;
    expect(card(0).textContent).toContain("Sum(amount)");
    const en = within(measureBox(2)).getByRole("textbox", { name: "Measure 2 label (English)" });
    const zh = within(measureBox(2)).getByRole("textbox", { name: "Measure 2 label (Chinese)" });
    fireEvent.change(en, { target: { value: "Pipeline" } });
    fireEvent.change(zh, { target: { value: "管道金额" } });
    expect(measuresOf(store, 0)?.[1]).toEqual({
      id: "amount",
      aggregate: "sum",
      field: "amount",
      label: { en: "Pipeline", "zh-CN": "管道金额" },
    });
    expect((en as HTMLInputElement).value).toBe("Pipeline");
    expect(runtime.validateApp(store.getState().doc).issues).toEqual([]);
    // The card names the measure as the player's legend and columns do: by its label.
    expect(card(0).textContent).toContain("Pipeline");
    expect(card(0).textContent).not.toContain("Sum(amount)");
    // Only measure 2 got a label.
    expect(measuresOf(store, 0)?.[0]).toEqual({ id: "count", aggregate: "count" });
    fireEvent.change(en, { target: { value: "" } });
    fireEvent.change(zh, { target: { value: "" } });
    expect(measuresOf(store, 0)?.[1]).toEqual({ id: "amount", aggregate: "sum", field: "amount" });
    expect(card(0).textContent).toContain("Sum(amount)");
    // Each language was its own step.
    act(() => store.getState().undo());
    expect(measuresOf(store, 0)?.[1]?.label).toEqual({ "zh-CN": "管道金额" });
    act(() => store.getState().undo());
    act(() => store.getState().undo());
    act(() => store.getState().undo());
    expect(store.getState().doc).toEqual(before);
  });

  it("keeps a formula measure's label through a switch of kinds", () => {
    const { store } = renderDesigner(<DashboardsPanel />);
    openWidget(store, 0);
    fireEvent.change(within(measureBox(2)).getByRole("textbox", { name: "Measure 2 label (English)" }), {
      target: { value: "Double count" },
    });
    fireEvent.click(within(measureBox(2)).getByRole("radio", { name: "Formula over measures" }));
    expect(measuresOf(store, 0)?.[1]).toEqual({ id: "amount", label: { en: "Double count" }, expression: "count" });
    expect(
      (within(measureBox(2)).getByRole("textbox", { name: "Measure 2 label (English)" }) as HTMLInputElement).value,
    ).toBe("Double count");
    expect(card(0).textContent).toContain("Double count");
  });

  it("shows a plain-text label (the JSON view's) in English, and the core's issue with a label beside its inputs", async () => {
    const { store } = renderDesigner(<DashboardsPanel />);
    openWidget(store, 1);
    act(() => {
      store.getState().apply(setValue(`/pages/${FORECAST}/widgets/1/query/measures/0/label`, "Won"));
    });
    const en = within(measureBox(1)).getByRole("textbox", { name: "Measure 1 label (English)" }) as HTMLInputElement;
    expect(en.value).toBe("Won");
    expect(
      (within(measureBox(1)).getByRole("textbox", { name: "Measure 1 label (Chinese)" }) as HTMLInputElement).value,
    ).toBe("");
    act(() => {
      store.getState().apply(setValue(`/pages/${FORECAST}/widgets/1/query/measures/0/label`, {}));
    });
    const alerts = await within(measureBox(1)).findAllByRole("alert");
    expect(alerts).toHaveLength(1);
    // Beside the label's inputs, not under the aggregate's field.
    expect(en.closest(".ant-form-item")?.contains(alerts[0] as Node)).toBe(true);
  });

  it("reads in Chinese", () => {
    const { store } = renderDesigner(<DashboardsPanel />, { locale: "zh-CN" });
    openWidget(store, 1);
    const first = screen.getByRole("group", { name: "度量 1" });
    expect(first.textContent).toContain("名称");
    fireEvent.change(within(first).getByRole("textbox", { name: "度量 1 名称（中文）" }), {
      target: { value: "赢单金额" },
    });
    expect(within(first).getByRole("textbox", { name: "度量 1 名称（英文）" })).toBeTruthy();
    expect(measuresOf(store, 1)?.[0]?.label).toEqual({ "zh-CN": "赢单金额" });
    expect(store.getState().past.at(-1)?.label["zh-CN"]).toBe("设置度量 won 的名称（zh-CN）");
    expect(card(1, "组件").textContent).toContain("赢单金额");
  });
});
