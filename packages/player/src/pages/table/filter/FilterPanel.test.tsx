// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { testApp } from "../testApp.js";
import { chooseOption, renderWithI18n } from "../testing.js";
import { FilterPanel } from "./FilterPanel.js";
import type { FilterField } from "./filter.types.js";
import { filterFields } from "./filterFields.js";

const fields = filterFields(testApp, "deal", new Set(["notes"]));

/** The panel with its host: the host keeps the formula text, as the table page does. */
function Host({
  onApply,
  initial = "",
  lookup,
}: {
  onApply: (text: string) => void;
  initial?: string;
  lookup?: never;
}) {
  const [text, setText] = useState(initial);
  return (
    <FilterPanel
      fields={fields}
      text={text}
      onTextChange={setText}
      onApply={onApply}
      onClear={() => setText("")}
      locale="en"
      {...(lookup ? { lookup } : {})}
    />
  );
}

const formulaBox = () => screen.getByRole("textbox", { name: "Filter" }) as HTMLInputElement;

afterEach(() => cleanup());

describe("FilterPanel", () => {
  it("builds a formula from rows, shows it in the formula box and applies it", async () => {
    const user = userEvent.setup();
    const onApply = vi.fn();
    renderWithI18n(<Host onApply={onApply} />);
    const toggle = screen.getByRole("button", { name: "Build a filter" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    await user.click(toggle);
    const builder = screen.getByRole("region", { name: "Condition builder" });
    expect(within(builder).getByText(/No conditions yet/)).toBeTruthy();
    expect(within(builder).queryByRole("combobox", { name: "Field of condition 1" })).toBeNull();

    await user.click(screen.getByRole("button", { name: "Add condition" }));
    const field1 = screen.getByRole("combobox", { name: "Field of condition 1" });
    await chooseOption(field1, "Amount");
    await chooseOption(screen.getByRole("combobox", { name: "Operator of condition 1" }), ">");
    await user.type(screen.getByRole("textbox", { name: "Value of condition 1" }), "500,000");
    expect(formulaBox().value).toBe("amount > 500000");

    await user.click(screen.getByRole("button", { name: "Add condition" }));
    await chooseOption(screen.getByRole("combobox", { name: "Field of condition 2" }), "Stage");
    await chooseOption(screen.getByRole("combobox", { name: "Value of condition 2" }), "Won");
    expect(formulaBox().value).toBe("amount > 500000 AND stage IN ('won')");

    // antd draws the radio over its label; the label takes the click.
    await user.click(screen.getByRole("radio", { name: "any" }).closest("label") as HTMLElement);
    expect((screen.getByRole("radio", { name: "any" }) as HTMLInputElement).checked).toBe(true);
    expect(formulaBox().value).toBe("amount > 500000 OR stage IN ('won')");

    await user.click(screen.getByRole("button", { name: "Remove condition 1" }));
    expect(formulaBox().value).toBe("stage IN ('won')");
    expect(screen.getByRole("combobox", { name: "Field of condition 1" }).closest("li")?.textContent).toContain(
      "Stage",
    );

    await user.click(screen.getByRole("button", { name: "Apply" }));
    expect(onApply).toHaveBeenLastCalledWith("stage IN ('won')");
  });

  it("quotes typed text the way the formula language reads it", async () => {
    const user = userEvent.setup();
    renderWithI18n(<Host onApply={vi.fn()} />);
    await user.click(screen.getByRole("button", { name: "Build a filter" }));
    await user.click(screen.getByRole("button", { name: "Add condition" }));
    // Name "contains" is the first field's first operator.
    fireEvent.change(screen.getByRole("textbox", { name: "Value of condition 1" }), {
      target: { value: `O'Brien "Ltd" \\ 50%` },
    });
    expect(formulaBox().value).toBe(`CONTAINS(LOWER(name), LOWER('O''Brien "Ltd" \\ 50%'))`);
  });

  it("does not apply incomplete rows; it says what each one needs", async () => {
    const user = userEvent.setup();
    const onApply = vi.fn();
    renderWithI18n(<Host onApply={onApply} />);
    await user.click(screen.getByRole("button", { name: "Build a filter" }));
    await user.click(screen.getByRole("button", { name: "Add condition" }));
    await chooseOption(screen.getByRole("combobox", { name: "Field of condition 1" }), "Close date");
    await chooseOption(screen.getByRole("combobox", { name: "Operator of condition 1" }), "is within the last");
    await user.type(screen.getByRole("spinbutton", { name: "Value of condition 1" }), "1.5");
    await user.click(screen.getByRole("button", { name: "Apply" }));
    expect(onApply).not.toHaveBeenCalled();
    const value = screen.getByRole("spinbutton", { name: "Value of condition 1" });
    expect(value.getAttribute("aria-invalid")).toBe("true");
    const message = document.getElementById(value.getAttribute("aria-describedby") ?? "");
    expect(message?.textContent).toBe("Enter a whole number of days (0–36500).");

    await user.clear(value);
    await user.type(value, "30");
    expect(formulaBox().value).toBe("close >= DATEADD($today, -30, 'day') AND close <= $today");
    await user.click(screen.getByRole("button", { name: "Apply" }));
    expect(onApply).toHaveBeenCalledWith("close >= DATEADD($today, -30, 'day') AND close <= $today");
  });

  it("reads a typed formula back into rows, and says so when it cannot", async () => {
    const user = userEvent.setup();
    const onApply = vi.fn();
    renderWithI18n(<Host onApply={onApply} initial="owner = $user.id" />);
    await user.click(screen.getByRole("button", { name: "Build a filter" }));
    expect(screen.getByRole("combobox", { name: "Field of condition 1" }).closest("li")?.textContent).toContain(
      "Owner",
    );
    expect(
      screen.getByRole("combobox", { name: "Operator of condition 1" }).closest(".ant-select")?.textContent,
    ).toContain("is me");

    fireEvent.change(formulaBox(), { target: { value: "amount * 2 > 1" } });
    expect(screen.getByText(/written by hand/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Apply" }));
    expect(onApply).toHaveBeenLastCalledWith("amount * 2 > 1");

    fireEvent.change(formulaBox(), { target: { value: "ISBLANK(close)" } });
    await waitFor(() => expect(screen.queryByText(/written by hand/)).toBeNull());
    expect(
      screen.getByRole("combobox", { name: "Operator of condition 1" }).closest(".ant-select")?.textContent,
    ).toContain("is empty");

    await user.click(screen.getByRole("button", { name: "Clear" }));
    expect(formulaBox().value).toBe("");
    expect(screen.queryByRole("combobox", { name: "Field of condition 1" })).toBeNull();
  });

  it("offers only the fields the user may read", async () => {
    const user = userEvent.setup();
    renderWithI18n(<Host onApply={vi.fn()} />);
    await user.click(screen.getByRole("button", { name: "Build a filter" }));
    await user.click(screen.getByRole("button", { name: "Add condition" }));
    fireEvent.mouseDown(screen.getByRole("combobox", { name: "Field of condition 1" }));
    const titles = await waitFor(() => {
      const found = [...document.querySelectorAll(".ant-select-item-option")].map((o) => o.getAttribute("title"));
      expect(found.length).toBeGreaterThan(3);
      return found;
    });
    expect(titles).toContain("Probability");
    expect(titles).not.toContain("Notes");
    expect(titles).not.toContain("Files");
    expect(fields.map((f: FilterField) => f.id)).not.toContain("notes");
  });

  it("speaks Chinese", async () => {
    const user = userEvent.setup();
    renderWithI18n(<Host onApply={vi.fn()} />, "zh-CN");
    await user.click(screen.getByRole("button", { name: "构建筛选条件" }));
    await user.click(screen.getByRole("button", { name: "添加条件" }));
    expect(screen.getByRole("combobox", { name: "条件 1 的字段" })).toBeTruthy();
    expect(screen.getByRole("region", { name: "条件构建器" }).textContent).toContain("包含");
  });
});
