// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { renderDesigner } from "../../testing/renderDesigner.js";
import { FormulaEditor } from "./FormulaEditor.js";

afterEach(cleanup);

function Harness({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  return <FormulaEditor entity="opportunity" value={value} onChange={setValue} label="Visible when" />;
}

describe("FormulaEditor", () => {
  it("edits the value (plain input while Monaco loads) and shows the core's errors in words", async () => {
    renderDesigner(<Harness initial="amount > 0" />, { locale: "en" });
    const input = screen.getAllByRole("textbox", { name: "Visible when" })[0] as HTMLInputElement;
    expect(input.value).toBe("amount > 0");
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.change(input, { target: { value: "amount * nonsense" } });
    expect((await screen.findByRole("alert")).textContent).toContain("nonsense");
  });
});
