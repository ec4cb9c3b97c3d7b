// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { chooseOption, renderWithI18n } from "../testing.js";
import { ViewPicker, type ViewPickerProps } from "./ViewPicker.js";
import { type SavedView, sameContent } from "./viewsApi.js";

const view = (id: string, name: string): SavedView => ({
  id,
  page: "deals",
  name,
  filter: "amount > 1",
  sort: [{ field: "amount", direction: "desc" }],
  columns: ["name", "amount"],
  createdAt: "2026-06-01T09:00:00.000Z",
  updatedAt: "2026-06-01T09:00:00.000Z",
});
const views = [view("v1", "Big deals"), view("v2", "Mine")];

function mount(props: Partial<ViewPickerProps> = {}, locale: "en" | "zh-CN" = "en") {
  const handlers = {
    onSelect: vi.fn(),
    onSave: vi.fn(async () => undefined),
    onUpdate: vi.fn(async () => undefined),
    onDelete: vi.fn(async () => undefined),
  };
  renderWithI18n(<ViewPicker views={views} dirty={false} {...handlers} {...props} />, locale);
  return handlers;
}

afterEach(() => cleanup());

describe("ViewPicker", () => {
  it("picks a saved view or the page default", async () => {
    const { onSelect } = mount();
    const picker = screen.getByRole("combobox", { name: "View" });
    await chooseOption(picker, "Big deals");
    expect(onSelect).toHaveBeenLastCalledWith("v1");
    cleanup();
    const again = mount({ currentId: "v1" });
    await chooseOption(screen.getByRole("combobox", { name: "View" }), "Page default");
    expect(again.onSelect).toHaveBeenLastCalledWith(undefined);
  });

  it("saves the table as a named view from a dialog; Enter saves", async () => {
    const user = userEvent.setup();
    const { onSave } = mount();
    await user.click(screen.getByRole("button", { name: "Save view" }));
    const dialog = await screen.findByRole("dialog");
    const name = screen.getByRole("textbox", { name: "View name" });
    await waitFor(() => expect(document.activeElement).toBe(name));
    await user.type(name, "  East deals {Enter}");
    expect(onSave).toHaveBeenCalledWith("East deals");
    await waitFor(() =>
      expect(dialog.closest(".ant-modal-wrap")?.getAttribute("style") ?? "").toMatch(/display: none|^$/),
    );
  });

  it("warns that saving under an existing name replaces that view, and shows why a save failed", async () => {
    const user = userEvent.setup();
    const { onSave } = mount({
      onSave: vi.fn(async () => {
        throw new Error("The filter is not valid.");
      }),
      errorText: (e) => (e as Error).message,
    });
    await user.click(screen.getByRole("button", { name: "Save view" }));
    await user.type(screen.getByRole("textbox", { name: "View name" }), "Mine");
    expect(screen.getByText("You already have a view named “Mine”. Saving replaces it.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("alert")).toHaveProperty("textContent", "The filter is not valid.");
    expect(screen.getByRole("dialog")).toBeTruthy();
    void onSave;
  });

  it("offers to save changes over the current view and to delete it", async () => {
    const user = userEvent.setup();
    const { onUpdate, onDelete } = mount({ currentId: "v1", dirty: true });
    expect(screen.getByTestId("view-changed").textContent).toBe("changed");
    await user.click(screen.getByRole("button", { name: "Save changes to “Big deals”" }));
    expect(onUpdate).toHaveBeenCalledOnce();
    await user.click(screen.getByRole("button", { name: "Delete view “Big deals”" }));
    expect(onDelete).toHaveBeenCalledWith("v1");
    expect(screen.getByRole("button", { name: "Save as a new view" })).toBeTruthy();
  });

  it("hides what does not apply: no changes, no current view", () => {
    mount({ dirty: false });
    expect(screen.queryByTestId("view-changed")).toBeNull();
    expect(screen.queryByRole("button", { name: /Save changes/ })).toBeNull();
    expect(screen.queryByRole("button", { name: /Delete view/ })).toBeNull();
  });

  it("speaks Chinese", () => {
    mount({ currentId: "v2", dirty: true }, "zh-CN");
    expect(screen.getByRole("combobox", { name: "视图" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "保存对“Mine”的修改" })).toBeTruthy();
    expect(screen.getByTestId("view-changed").textContent).toBe("已修改");
  });
});

describe("sameContent", () => {
  it("compares filter (ignoring outer spaces), sort and column order", () => {
    const a = { filter: "x > 1", sort: [{ field: "x", direction: "asc" as const }], columns: ["a", "b"] };
    expect(sameContent(a, { ...a, filter: " x > 1 " })).toBe(true);
    expect(sameContent(a, { ...a, columns: ["b", "a"] })).toBe(false);
    expect(sameContent(a, { ...a, sort: [{ field: "x", direction: "desc" }] })).toBe(false);
  });
});
