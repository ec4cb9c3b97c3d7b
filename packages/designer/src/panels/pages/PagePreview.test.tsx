// @vitest-environment happy-dom
import { act, cleanup, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { insertItem } from "../../store/commands.js";
import { renderDesigner } from "../../testing/renderDesigner.js";
import { PagesPanel } from "./PagesPanel.js";

afterEach(cleanup);

describe("the page preview", () => {
  it("renders the form page with the runtime's renderers on a sample record, and follows edits", async () => {
    const { store } = renderDesigner(<PagesPanel />);
    act(() => store.getState().select("/pages/1/layout"));
    await userEvent.click(screen.getByRole("tab", { name: "Preview" }));
    const region = await screen.findByRole("region", { name: "Preview" }, { timeout: 10_000 });
    // The first sample opportunity, made through the memory source (the core's rules applied).
    expect(await screen.findByDisplayValue("name 1", {}, { timeout: 10_000 })).toBeTruthy();
    expect(region.textContent).toContain("Deal");
    act(() => {
      store.getState().apply(insertItem("/pages/1/layout/children", { kind: "field", field: "contact_email" }, 0));
    });
    expect(await screen.findByDisplayValue("sample1@example.com", {}, { timeout: 10_000 })).toBeTruthy();
  });

  it("asks to fix the problems first while the document is invalid", async () => {
    const { store } = renderDesigner(<PagesPanel />);
    act(() => store.getState().select("/pages/1/layout"));
    act(() => {
      store.getState().apply(insertItem("/pages/1/layout/children", { kind: "field", field: "no_such_field" }, 0));
    });
    await userEvent.click(screen.getByRole("tab", { name: "Preview" }));
    expect(await screen.findByText(/Fix the problems/, {}, { timeout: 10_000 })).toBeTruthy();
  });
});
