// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { fixtureApp, renderDesigner } from "../../testing/renderDesigner.js";
import { PagesPanel } from "./PagesPanel.js";

afterEach(cleanup);

const form = "/pages/1";
const section = `${form}/layout/children`;

function canvas() {
  return within(screen.getByRole("region", { name: /Canvas|画布/ }));
}

/** The document's page `index` now, seen as `T` (the test knows the fixture's page kinds). */
function pageAt<T>(store: ReturnType<typeof renderDesigner>["store"], index: number): T {
  const page = store.getState().doc.pages?.[index];
  if (!page) throw new Error(`No page ${index}`);
  return page as unknown as T;
}

function openForm(store: ReturnType<typeof renderDesigner>["store"], pointer = `${form}/layout`) {
  act(() => store.getState().select(pointer));
}

describe("the page builder", () => {
  it("lists the pages but dashboards and opens one", async () => {
    const { store } = renderDesigner(<PagesPanel />);
    const list = within(screen.getByRole("navigation", { name: "Pages" }));
    expect(list.getByRole("button", { name: "Opportunities" })).toBeTruthy();
    expect(list.queryByRole("button", { name: "forecast" })).toBeNull();
    await userEvent.click(list.getByRole("button", { name: "opportunity_form" }));
    expect(store.getState().selection).toBe(form);
    expect(canvas().getByRole("button", { name: "Section: Deal" })).toBeTruthy();
  });

  it("adds a palette field to the selected section; undo restores the document", async () => {
    const original = fixtureApp();
    const { store } = renderDesigner(<PagesPanel />, { doc: original });
    openForm(store);
    await userEvent.click(screen.getByRole("button", { name: "Add close_date to the selected container" }));
    const children = pageAt<{ layout: { children: unknown[] } }>(store, 1).layout.children;
    expect(children.at(-1)).toEqual({ kind: "field", field: "close_date" });
    expect(store.getState().selection).toBe(`${section}/4`);
    expect(canvas().getByRole("button", { name: "Field: close_date" }).closest("[data-selected]")).toBeTruthy();
    // The field is on the page now, so the palette no longer offers it.
    expect(screen.queryByRole("button", { name: "Add close_date to the selected container" })).toBeNull();
    act(() => store.getState().undo());
    expect(store.getState().doc).toEqual(fixtureApp());
  });

  it("moves a node from the section into a tab with the keyboard, and back", async () => {
    const { store } = renderDesigner(<PagesPanel />);
    openForm(store);
    const name = canvas().getByRole("button", { name: "Field: name" });
    name.focus();
    await userEvent.keyboard("{Enter}");
    expect(store.getState().selection).toBe(`${section}/0`);
    await userEvent.click(screen.getByRole("combobox", { name: "Move into…" }));
    await userEvent.click(await screen.findByText("Tabs › Money"));
    const tabs = "/pages/1/layout/children/1";
    expect(store.getState().selection).toBe(`${tabs}/tabs/0/children/2`);
    const doc = pageAt<{ layout: { children: Array<{ kind: string; tabs?: Array<{ children: unknown[] }> }> } }>(
      store,
      1,
    );
    expect(doc.layout.children.map((c) => c.kind)).toEqual(["field", "tabs", "columns"]);
    expect(doc.layout.children[1]?.tabs?.[0]?.children.at(-1)).toEqual({ kind: "field", field: "name" });
    act(() => store.getState().undo());
    expect(store.getState().doc).toEqual(fixtureApp());
  });

  it("moves the selected node up and down with buttons", async () => {
    const { store } = renderDesigner(<PagesPanel />);
    openForm(store, `${section}/1`);
    const up = screen.getByRole("button", { name: /Move up/ });
    up.focus();
    await userEvent.keyboard("{Enter}");
    const fields = () =>
      pageAt<{ layout: { children: Array<{ field?: string }> } }>(store, 1)
        .layout.children.slice(0, 2)
        .map((c) => c.field);
    expect(fields()).toEqual(["account", "name"]);
    expect(store.getState().selection).toBe(`${section}/0`);
    expect((screen.getByRole("button", { name: /Move up/ }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole("button", { name: /Move down/ }));
    expect(fields()).toEqual(["name", "account"]);
    act(() => store.getState().undo());
    act(() => store.getState().undo());
    expect(store.getState().doc).toEqual(fixtureApp());
  });

  it("edits a node's Chinese label in the zh-CN inspector as one undo step", async () => {
    const { store } = renderDesigner(<PagesPanel />, { locale: "zh-CN" });
    openForm(store);
    await userEvent.type(screen.getByRole("textbox", { name: "名称（中文）" }), "交易");
    const layout = () => pageAt<{ layout: { label: unknown } }>(store, 1).layout;
    expect(layout().label).toEqual({ en: "Deal", "zh-CN": "交易" });
    expect(canvas().getByRole("button", { name: "分组: 交易" })).toBeTruthy();
    act(() => store.getState().undo());
    expect(layout().label).toBe("Deal");
  });

  it("shows the core's issues for a node's condition", async () => {
    const { store } = renderDesigner(<PagesPanel />);
    openForm(store, `${section}/0`);
    await userEvent.type(screen.getByRole("textbox", { name: "Visible when" }), "nonsense = 1");
    expect(
      pageAt<{ layout: { children: Array<{ visibleWhen?: string }> } }>(store, 1).layout.children[0]?.visibleWhen,
    ).toBe("nonsense = 1");
    await waitFor(() =>
      expect(screen.getByText(/nonsense/, { selector: ".ant-form-item-explain-error" })).toBeTruthy(),
    );
  });

  it("selects from a pointer inside a node: the page opens and the node is highlighted", () => {
    const { store } = renderDesigner(<PagesPanel />);
    act(() => store.getState().select(`${section}/2/tabs/1/visibleWhen`));
    const selected = document.querySelectorAll("[data-selected]");
    expect(selected).toHaveLength(1);
    expect(selected[0]?.getAttribute("data-pointer")).toBe(`${section}/2`);
    expect(screen.getByRole("region", { name: "Properties" }).textContent).toContain("Tabs");
    expect(screen.getByRole("textbox", { name: "Id of tab Loss" })).toBeTruthy();
  });

  it("edits a table page's columns: add, reorder, remove", async () => {
    const { store } = renderDesigner(<PagesPanel />);
    act(() => store.getState().select("/pages/0"));
    const columns = () => pageAt<{ columns: Array<{ field: string }> }>(store, 0).columns.map((c) => c.field);
    await userEvent.click(screen.getByRole("combobox", { name: "Add a column…" }));
    await userEvent.click(await screen.findByText("close_date", { selector: ".ant-select-item-option-content" }));
    expect(columns()).toEqual(["name", "account.region", "amount", "stage", "close_date"]);
    await userEvent.click(screen.getByRole("button", { name: "Move column close_date up" }));
    expect(columns()).toEqual(["name", "account.region", "amount", "close_date", "stage"]);
    await userEvent.click(screen.getByRole("button", { name: "Remove column name" }));
    expect(columns()).toEqual(["account.region", "amount", "close_date", "stage"]);
    for (let i = 0; i < 3; i++) act(() => store.getState().undo());
    expect(store.getState().doc).toEqual(fixtureApp());
  });

  it("clears a kanban page's sum field", async () => {
    const { store } = renderDesigner(<PagesPanel />);
    act(() => store.getState().select("/pages/4"));
    const clear = document.querySelector(".ant-select-clear");
    expect(clear).toBeTruthy();
    await userEvent.click(clear as Element);
    expect(pageAt<{ sumField?: string }>(store, 4).sumField).toBeUndefined();
    act(() => store.getState().undo());
    expect(pageAt<{ sumField?: string }>(store, 4).sumField).toBe("amount");
  });

  it("adds a form page for an entity and removes it", async () => {
    const { store } = renderDesigner(<PagesPanel />);
    const before = store.getState().doc.pages?.length ?? 0;
    await userEvent.click(screen.getByRole("button", { name: /Add page/ }));
    const pages = store.getState().doc.pages ?? [];
    expect(pages).toHaveLength(before + 1);
    expect(pages.at(-1)).toMatchObject({ kind: "form", id: "account_form", entity: "account" });
    expect(store.getState().selection).toBe(`/pages/${before}`);
    await userEvent.click(screen.getByRole("button", { name: "Remove page account_form" }));
    expect(store.getState().doc).toEqual(fixtureApp());
  });

  it("adds a KPI widget from the palette with a free id and names the page in both languages", async () => {
    const { store } = renderDesigner(<PagesPanel />);
    openForm(store);
    await userEvent.click(
      screen.getByRole("button", { name: "Add Number of Opportunity (KPI) to the selected container" }),
    );
    const layout = () => pageAt<{ layout: { children: Array<Record<string, unknown>> } }>(store, 1).layout;
    expect(layout().children.at(-1)).toMatchObject({
      kind: "widget",
      widget: { id: "kpi_1", type: "kpi", query: { entity: "opportunity" } },
    });
    expect(canvas().getByRole("button", { name: "Widget: Number of Opportunity" })).toBeTruthy();
    openForm(store);
    await userEvent.click(
      screen.getByRole("button", { name: "Add Number of Opportunity (KPI) to the selected container" }),
    );
    expect(layout().children.at(-1)).toMatchObject({ widget: { id: "kpi_2" } });
    act(() => store.getState().select(form));
    await userEvent.type(screen.getByRole("textbox", { name: "Page name (Chinese)" }), "商机表单");
    expect(pageAt<{ label: unknown }>(store, 1).label).toEqual({ "zh-CN": "商机表单" });
    // With no English name, the English UI shows the Chinese one rather than the id.
    expect(screen.getByRole("navigation", { name: "Pages" }).textContent).toContain("商机表单");
  });
});
