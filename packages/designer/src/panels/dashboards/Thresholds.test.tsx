// @vitest-environment happy-dom
import type { App, DashboardPage, Widget } from "@plinth/runtime";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { setValue } from "../../store/commands.js";
import { chooseOption } from "../../testing/antdSelect.js";
import { fixtureApp, renderDesigner } from "../../testing/renderDesigner.js";
import type { Band } from "./commands.js";
import { DashboardsPanel } from "./DashboardsPanel.js";
import { FORECAST, openWidget, renderLockedVariant, type Store } from "./testing.js";

afterEach(cleanup);

const widgetOf = (store: Store, i: number) =>
  ((store.getState().doc.pages ?? [])[FORECAST] as DashboardPage).widgets[i];

/** The fixture app with the forecast's first widget colouring `amount` by `bands`. */
function withThresholds(bands: Band[]): App {
  const doc = fixtureApp();
  const page = (doc.pages ?? [])[FORECAST] as DashboardPage;
  (page.widgets as Widget[])[0] = { ...(page.widgets[0] as Widget), thresholds: [{ measure: "amount", bands }] };
  return doc;
}

describe("widget thresholds in the inspector", () => {
  it("adds a threshold on a measure, green up to a number and red above", async () => {
    const { store } = renderDesigner(<DashboardsPanel />);
    openWidget(store, 0);
    fireEvent.click(screen.getByRole("button", { name: "Add threshold" }));
    expect(widgetOf(store, 0)?.thresholds).toEqual([
      { measure: "count", bands: [{ color: "green", atMost: 0 }, { color: "red" }] },
    ]);
    await chooseOption("Threshold 1 measure", "amount");
    fireEvent.change(screen.getByRole("spinbutton", { name: "Threshold 1 band 1 at most" }), {
      target: { value: "50000" },
    });
    expect(widgetOf(store, 0)?.thresholds).toEqual([
      { measure: "amount", bands: [{ color: "green", atMost: 50000 }, { color: "red" }] },
    ]);
  });

  it("adds a band before the unbounded last one, bounded by another measure times a factor", async () => {
    const { store, runtime } = renderDesigner(<DashboardsPanel />, {
      doc: withThresholds([{ color: "green", atMost: 50000 }, { color: "red" }]),
    });
    openWidget(store, 0);
    const threshold = screen.getByRole("group", { name: "Threshold 1" });
    fireEvent.click(within(threshold).getByRole("button", { name: "Add band" }));
    await chooseOption("Threshold 1 band 2 bound", "Another measure");
    expect(widgetOf(store, 0)?.thresholds?.[0]?.bands[1]).toEqual({ color: "amber", atMost: "count" });
    fireEvent.change(screen.getByRole("spinbutton", { name: "Threshold 1 band 2 times" }), {
      target: { value: "1.1" },
    });
    expect(widgetOf(store, 0)?.thresholds).toEqual([
      {
        measure: "amount",
        bands: [{ color: "green", atMost: 50000 }, { color: "amber", atMost: "count", times: 1.1 }, { color: "red" }],
      },
    ]);
    expect(runtime.validateApp(store.getState().doc).issues.filter((x) => x.path.includes("/thresholds"))).toEqual([]);
  });

  it("orders, recolours and removes bands; a band without a bound takes the rest; the last threshold goes with its list", async () => {
    const doc = withThresholds([
      { color: "green", atMost: 50000 },
      { color: "amber", atMost: "count", times: 1.1 },
      { color: "red" },
    ]);
    const { store } = renderDesigner(<DashboardsPanel />, { doc });
    openWidget(store, 0);
    fireEvent.click(screen.getByRole("button", { name: "Move band 2 of threshold 1 up" }));
    expect(widgetOf(store, 0)?.thresholds?.[0]?.bands.map((b) => b.color)).toEqual(["amber", "green", "red"]);
    await chooseOption("Threshold 1 band 1 colour", "Red");
    expect(widgetOf(store, 0)?.thresholds?.[0]?.bands[0]?.color).toBe("red");
    fireEvent.click(screen.getByRole("button", { name: "Remove band 1 of threshold 1" }));
    expect(widgetOf(store, 0)?.thresholds?.[0]?.bands).toEqual([{ color: "green", atMost: 50000 }, { color: "red" }]);
    await chooseOption("Threshold 1 band 1 bound", "No bound (the rest)");
    expect(widgetOf(store, 0)?.thresholds?.[0]?.bands[0]).toEqual({ color: "green" });
    expect(screen.queryByRole("spinbutton", { name: "Threshold 1 band 1 times" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Remove threshold 1" }));
    expect(widgetOf(store, 0)).not.toHaveProperty("thresholds");
    act(() => store.getState().undo());
    expect(widgetOf(store, 0)?.thresholds?.[0]?.bands).toEqual([{ color: "green" }, { color: "red" }]);
  });

  it("shows the core's issues at their paths: a measure the query does not have, as a threshold and as a bound", async () => {
    const { store } = renderDesigner(<DashboardsPanel />);
    openWidget(store, 0);
    act(() => {
      store
        .getState()
        .apply(
          setValue(`/pages/${FORECAST}/widgets/0/thresholds`, [
            { measure: "revenue", bands: [{ color: "green", atMost: "target" }, { color: "red" }] },
          ]),
        );
    });
    const threshold = screen.getByRole("group", { name: "Threshold 1" });
    const alerts = await within(threshold).findAllByRole("alert");
    expect(alerts.map((a) => a.textContent)).toEqual([
      expect.stringMatching(/revenue/),
      expect.stringMatching(/target/),
    ]);
    // Choosing a real measure clears the first.
    await chooseOption("Threshold 1 measure", "amount");
    await waitFor(() => expect(within(threshold).getAllByRole("alert")).toHaveLength(1));
  });

  it("refuses an edit of a widget HQ locked in a regional variant, and keeps the others' edits in the overlay", async () => {
    const { store, overlay } = renderLockedVariant("by_stage", { en: "HQ forecast", "zh-CN": "总部预测" });
    openWidget(store, 0);
    const before = store.getState().doc;
    fireEvent.click(screen.getByRole("button", { name: "Add threshold" }));
    expect(store.getState().doc).toBe(before);
    expect(store.getState().refusal?.map((x) => x.code)).toEqual(["overlay.locked"]);
    fireEvent.click(
      within(screen.getByRole("group", { name: "Measure 2" })).getByRole("radio", { name: "Formula over measures" }),
    );
    expect(store.getState().doc).toBe(before);

    openWidget(store, 1);
    fireEvent.click(screen.getByRole("button", { name: "Add threshold" }));
    expect(store.getState().refusal).toBeUndefined();
    expect(within(screen.getByRole("group", { name: "Thresholds" })).getByText("changed here")).toBeTruthy();
    const draft = overlay.draft(store.getState().doc);
    expect(draft.overlay).toContainEqual({
      op: "set",
      target: "/pages/forecast/widgets/by_month/thresholds",
      value: [{ measure: "won", bands: [{ color: "green", atMost: 0 }, { color: "red" }] }],
    });
    expect(overlay.effective(draft)).toEqual(store.getState().doc);
  });

  it("reads in Chinese", async () => {
    const { store } = renderDesigner(<DashboardsPanel />, { locale: "zh-CN" });
    openWidget(store, 1);
    fireEvent.click(screen.getByRole("button", { name: /添\s?加\s?阈\s?值/ }));
    expect(screen.getByRole("combobox", { name: "阈值 1 度量" })).toBeTruthy();
    expect(screen.getByRole("combobox", { name: "阈值 1 区间 2 颜色" })).toBeTruthy();
    expect(screen.getByRole("group", { name: "阈值 1" }).textContent).toContain("无上限（其余值）");
    expect(store.getState().past.at(-1)?.label["zh-CN"]).toBe("按阈值为 won 着色");
  });
});
