// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WidgetBoundary } from "./WidgetBoundary.js";

function Broken(): never {
  throw new Error("getContext('2d') returned null");
}

afterEach(cleanup);

describe("WidgetBoundary", () => {
  it("keeps a widget that fails to draw inside its card; its neighbours still render", () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    render(
      <div>
        <WidgetBoundary message="This widget could not be drawn in this browser.">
          <Broken />
        </WidgetBoundary>
        <WidgetBoundary message="unused">
          <p>Pipeline by stage</p>
        </WidgetBoundary>
      </div>,
    );
    quiet.mockRestore();
    expect(screen.getByRole("alert").textContent).toContain("This widget could not be drawn in this browser.");
    expect(screen.getByRole("alert").textContent).toContain("getContext('2d') returned null");
    expect(screen.getByText("Pipeline by stage")).toBeTruthy();
  });
});
