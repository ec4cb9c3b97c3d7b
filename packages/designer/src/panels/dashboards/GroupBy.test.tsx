// @vitest-environment happy-dom
import type { DashboardPage } from "@plinth/runtime";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { setValue } from "../../store/commands.js";
import { chooseOption } from "../../testing/antdSelect.js";
import { renderDesigner } from "../../testing/renderDesigner.js";
import { DashboardsPanel } from "./DashboardsPanel.js";
import { FORECAST, openWidget, renderLockedVariant, type Store } from "./testing.js";

afterEach(cleanup);

const queryOf = (store: Store, i: number) =>
  ((store.getState().doc.pages ?? [])[FORECAST] as DashboardPage).widgets[i]?.query;
/** A cleared issue's help leaves with antd's motion (its deadline, as no transition ends in happy-dom). */
const GONE = { timeout: 3000 };
const group = (name: string) => screen.getByRole("group", { name });

/** The titles of the options a select offers (opened). */
async function optionsOf(label: string): Promise<string[]> {
  fireEvent.mouseDown(screen.getByRole("combobox", { name: label }));
  const list = await waitFor(() => {
    const id = screen.getByRole("combobox", { name: label }).getAttribute("aria-controls");
    const popup = id ? document.getElementById(id)?.closest(".ant-select-dropdown") : null;
    expect(popup).toBeTruthy();
    return popup as HTMLElement;
  });
  return [...list.querySelectorAll<HTMLElement>(".ant-select-item-option")].map((o) => o.title);
}

describe("span groupings in the query builder", () => {
  it("offers a span only for a bucketed date, through the entity's date and datetime fields or none", async () => {
    const { store } = renderDesigner(<DashboardsPanel />);
    openWidget(store, 0);
    // by_stage groups by a select field: no bucket, no span.
    expect(within(group("Group 1")).queryByRole("combobox", { name: "Group 1 through" })).toBeNull();
    openWidget(store, 1);
    expect(await optionsOf("Group 1 through")).toEqual([
      "None (its date alone)",
      "close_date",
      "closed_at",
      "Created at (createdAt)",
      "Updated at (updatedAt)",
    ]);
    // Cleared bucket: a single date has no span to offer.
    fireEvent.mouseDown(document.body);
    act(() => {
      store.getState().apply(setValue(`/pages/${FORECAST}/widgets/1/query/groupBy/0/bucket`, undefined));
    });
    expect(screen.queryByRole("combobox", { name: "Group 1 through" })).toBeNull();
  });

  it("spans a grouping through a date field and clears it again, each one undo step, never an unknown property", async () => {
    const { store, runtime } = renderDesigner(<DashboardsPanel />);
    openWidget(store, 1);
    const before = store.getState().doc;
    await chooseOption("Group 1 through", "closed_at");
    expect(queryOf(store, 1)?.groupBy).toEqual([{ field: "close_date", bucket: "month", through: "closed_at" }]);
    expect(store.getState().past.at(-1)?.label.en).toBe("Span close_date through closed_at");
    expect(runtime.validateApp(store.getState().doc).issues).toEqual([]);
    // The card says the grouping spans.
    expect(screen.getByRole("list", { name: "Widgets" }).children[1]?.textContent).toContain(
      "close_date→closed_at/Month",
    );
    await chooseOption("Group 1 through", "None (its date alone)");
    expect(queryOf(store, 1)?.groupBy).toEqual([{ field: "close_date", bucket: "month" }]);
    expect(queryOf(store, 1)?.groupBy?.[0]).not.toHaveProperty("through");
    act(() => store.getState().undo());
    expect(queryOf(store, 1)?.groupBy?.[0]?.through).toBe("closed_at");
    act(() => store.getState().undo());
    expect(store.getState().doc).toEqual(before);
  });

  it("lets a second span through and shows the core's refusal beside it", async () => {
    const { store } = renderDesigner(<DashboardsPanel />);
    openWidget(store, 1);
    await chooseOption("Group 1 through", "closed_at");
    fireEvent.click(screen.getByRole("button", { name: "Add grouping" }));
    await chooseOption("Group 2 field", "closed_at");
    expect(queryOf(store, 1)?.groupBy?.[1]).toEqual({ field: "closed_at", bucket: "month" });
    await chooseOption("Group 2 through", "Updated at (updatedAt)");
    expect(queryOf(store, 1)?.groupBy?.[1]).toEqual({ field: "closed_at", bucket: "month", through: "updatedAt" });
    const alert = await within(group("Group 2")).findByRole("alert");
    expect(alert.querySelector("[data-issue]")?.getAttribute("data-issue")).toBe("schema.oneSpanGrouping");
    expect(alert.textContent).toMatch(/through/);
    expect(within(group("Group 1")).queryByRole("alert")).toBeNull();
    // Clearing the first span makes the second the only one.
    await chooseOption("Group 1 through", "None (its date alone)");
    await waitFor(() => expect(within(group("Group 2")).queryByRole("alert")).toBeNull(), GONE);
  });

  it("shows the core's issues with a span written in the JSON view: not a date, and no bucket", async () => {
    const { store } = renderDesigner(<DashboardsPanel />);
    openWidget(store, 1);
    act(() => {
      store.getState().apply(setValue(`/pages/${FORECAST}/widgets/1/query/groupBy/0/through`, "amount"));
    });
    const alert = await within(group("Group 1")).findByRole("alert");
    expect(alert.querySelector("[data-issue]")?.getAttribute("data-issue")).toBe("schema.wrongFieldKind");
    act(() => {
      store
        .getState()
        .apply(setValue(`/pages/${FORECAST}/widgets/1/query/groupBy/0`, { field: "close_date", through: "closed_at" }));
    });
    // Without a bucket the span still shows, so that it can be cleared; the core says what is missing.
    const missing = await within(group("Group 1")).findByRole("alert");
    expect(missing.querySelector("[data-issue]")?.getAttribute("data-issue")).toBe("schema.required");
    await chooseOption("Group 1 through", "None (its date alone)");
    expect(queryOf(store, 1)?.groupBy).toEqual([{ field: "close_date" }]);
    await waitFor(() => expect(within(group("Group 1")).queryByRole("alert")).toBeNull(), GONE);
  });

  it("spans a date on a related record through that record's other date (a line in every week its promotion runs)", async () => {
    const { store, runtime } = renderDesigner(<DashboardsPanel />);
    openWidget(store, 1);
    act(() => {
      store
        .getState()
        .apply(
          setValue(`/pages/${FORECAST}/widgets/1/query/groupBy/0`, { field: "account.createdAt", bucket: "week" }),
        );
    });
    // The dotted date keeps its bucket select.
    expect(within(group("Group 1")).getByRole("combobox", { name: "Group 1 date bucket" })).toBeTruthy();
    await chooseOption("Group 1 through", "account › Updated at (account.updatedAt)");
    expect(queryOf(store, 1)?.groupBy).toEqual([
      { field: "account.createdAt", bucket: "week", through: "account.updatedAt" },
    ]);
    expect(runtime.validateApp(store.getState().doc).issues).toEqual([]);
  });

  it("clearing the bucket takes the span with it, in one undo step", async () => {
    const { store } = renderDesigner(<DashboardsPanel />);
    openWidget(store, 1);
    await chooseOption("Group 1 through", "closed_at");
    const bucket = within(group("Group 1")).getByRole("combobox", { name: "Group 1 date bucket" });
    const clear = bucket.closest(".ant-select")?.querySelector(".ant-select-clear");
    expect(clear).toBeTruthy();
    fireEvent.mouseDown(clear as Element);
    fireEvent.mouseUp(clear as Element);
    fireEvent.click(clear as Element);
    expect(queryOf(store, 1)?.groupBy).toEqual([{ field: "close_date" }]);
    act(() => store.getState().undo());
    expect(queryOf(store, 1)?.groupBy).toEqual([{ field: "close_date", bucket: "month", through: "closed_at" }]);
  });
});

describe("blank-group labels", () => {
  it("names the blank group in English and Chinese; emptying both removes the label", () => {
    const { store, runtime } = renderDesigner(<DashboardsPanel />);
    openWidget(store, 0);
    const en = within(group("Group 1")).getByRole("textbox", { name: "Group 1 blank group name (English)" });
    const zh = within(group("Group 1")).getByRole("textbox", { name: "Group 1 blank group name (Chinese)" });
    fireEvent.change(en, { target: { value: "HQ reserve" } });
    fireEvent.change(zh, { target: { value: "总部储备" } });
    expect(queryOf(store, 0)?.groupBy).toEqual([
      { field: "stage", blankLabel: { en: "HQ reserve", "zh-CN": "总部储备" } },
    ]);
    expect((en as HTMLInputElement).value).toBe("HQ reserve");
    expect(runtime.validateApp(store.getState().doc).issues).toEqual([]);
    fireEvent.change(en, { target: { value: "" } });
    expect(queryOf(store, 0)?.groupBy).toEqual([{ field: "stage", blankLabel: { "zh-CN": "总部储备" } }]);
    fireEvent.change(zh, { target: { value: "" } });
    expect(queryOf(store, 0)?.groupBy).toEqual([{ field: "stage" }]);
  });

  it("keeps the blank group's name when the grouping's field changes", async () => {
    const { store } = renderDesigner(<DashboardsPanel />);
    openWidget(store, 0);
    fireEvent.change(screen.getByRole("textbox", { name: "Group 1 blank group name (English)" }), {
      target: { value: "No stage" },
    });
    await chooseOption("Group 1 field", "close_date");
    expect(queryOf(store, 0)?.groupBy).toEqual([
      { field: "close_date", bucket: "month", blankLabel: { en: "No stage" } },
    ]);
  });

  it("reads in Chinese", async () => {
    const { store } = renderDesigner(<DashboardsPanel />, { locale: "zh-CN" });
    openWidget(store, 1);
    const first = screen.getByRole("group", { name: "分组 1" });
    expect(within(first).getByRole("textbox", { name: "分组 1 空值组名称（英文）" })).toBeTruthy();
    fireEvent.change(within(first).getByRole("textbox", { name: "分组 1 空值组名称（中文）" }), {
      target: { value: "未结束" },
    });
    expect(store.getState().past.at(-1)?.label["zh-CN"]).toBe("命名 close_date 的空值组（zh-CN）");
    expect(first.textContent).toContain("截止日期（跨期）");
    await chooseOption("分组 1 截止日期", "closed_at");
    expect(store.getState().past.at(-1)?.label["zh-CN"]).toBe("close_date 跨期至 closed_at");
    await chooseOption("分组 1 截止日期", "无（仅按其日期）");
    expect(queryOf(store, 1)?.groupBy).toEqual([
      { field: "close_date", bucket: "month", blankLabel: { "zh-CN": "未结束" } },
    ]);
  });
});

describe("locks in a regional variant", () => {
  it("refuses a span, a blank-group name and a measure label on a widget HQ locked, and keeps them elsewhere in the overlay", async () => {
    const { store, overlay } = renderLockedVariant("by_month", { en: "HQ trend", "zh-CN": "总部趋势" });
    openWidget(store, 1);
    const before = store.getState().doc;
    await chooseOption("Group 1 through", "closed_at");
    expect(store.getState().doc).toBe(before);
    expect(store.getState().refusal?.map((x) => x.code)).toEqual(["overlay.locked"]);
    fireEvent.change(screen.getByRole("textbox", { name: "Group 1 blank group name (English)" }), {
      target: { value: "Open" },
    });
    fireEvent.change(screen.getByRole("textbox", { name: "Measure 1 label (English)" }), {
      target: { value: "Won" },
    });
    expect(store.getState().doc).toBe(before);
    // The inputs stay what the document says.
    expect((screen.getByRole("textbox", { name: "Measure 1 label (English)" }) as HTMLInputElement).value).toBe("");

    openWidget(store, 0);
    fireEvent.change(screen.getByRole("textbox", { name: "Measure 2 label (Chinese)" }), {
      target: { value: "金额" },
    });
    fireEvent.change(screen.getByRole("textbox", { name: "Group 1 blank group name (English)" }), {
      target: { value: "No stage" },
    });
    expect(store.getState().refusal).toBeUndefined();
    const draft = overlay.draft(store.getState().doc);
    expect((draft.overlay ?? []).map((x) => x.target)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/pages\/forecast\/widgets\/by_stage\//)]),
    );
    expect(overlay.effective(draft)).toEqual(store.getState().doc);
    expect(queryOf(store, 0)?.measures?.[1]?.label).toEqual({ "zh-CN": "金额" });
    expect(queryOf(store, 0)?.groupBy?.[0]?.blankLabel).toEqual({ en: "No stage" });
  });
});
