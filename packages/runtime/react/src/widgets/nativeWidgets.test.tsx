// @vitest-environment happy-dom
import type { Field } from "@plinth/runtime";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PlinthProvider } from "../PlinthProvider.js";
import { BooleanWidget } from "./BooleanWidget.js";
import { CurrencyWidget, NumberWidget, parseNumberText } from "./NumberWidget.js";
import { SelectWidget } from "./SelectFacade.js";
import type { WidgetComponent } from "./widget.types.js";

afterEach(() => cleanup());

/** A widget under a label, holding its value as a form would; `changes` records what it reported. */
function mount(Widget: WidgetComponent, field: Field, initial: unknown = null) {
  const changes = vi.fn();
  function Harness() {
    const [value, setValue] = useState<unknown>(initial);
    return (
      <PlinthProvider locale="en">
        <label htmlFor="w" id="w-label">
          {field.id}
        </label>
        <Widget
          field={field}
          value={value}
          onChange={(next) => {
            changes(next);
            setValue(next);
          }}
          disabled={false}
          invalid={false}
          required={false}
          id="w"
          labelId="w-label"
          locale="en"
        />
        <button type="button">elsewhere</button>
      </PlinthProvider>
    );
  }
  render(<Harness />);
  return { control: screen.getByLabelText<HTMLInputElement>(field.id), changes };
}

describe("parseNumberText", () => {
  it("reads blanks as null, numbers with grouping, and half-typed numbers as not yet", () => {
    expect(parseNumberText(" ")).toBeNull();
    expect(parseNumberText("1,234.5")).toBe(1234.5);
    expect(parseNumberText("-0.25")).toBe(-0.25);
    expect(parseNumberText("1.")).toBe(1);
    for (const partial of ["-", ".", "1e", "abc", "1.2.3"]) expect(parseNumberText(partial)).toBeUndefined();
  });
});

describe("NumberWidget", () => {
  it("keeps the typed text while focused and reports each complete number", async () => {
    const user = userEvent.setup();
    const { control, changes } = mount(NumberWidget, { id: "qty", kind: "number" });
    expect(control.getAttribute("role")).toBe("spinbutton");
    await user.type(control, "-1.5");
    expect(control.value).toBe("-1.5");
    expect(changes.mock.calls.map((c) => c[0])).toEqual([-1, -1, -1.5]);
    await user.clear(control);
    expect(changes).toHaveBeenLastCalledWith(null);
  });

  it("steps with the arrow keys within the field's bounds", async () => {
    const user = userEvent.setup();
    const { control, changes } = mount(NumberWidget, { id: "pct", kind: "percent", min: 0, max: 100 }, 99);
    await user.click(control);
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(changes).toHaveBeenLastCalledWith(100);
    expect(control.getAttribute("aria-valuenow")).toBe("100");
    await user.keyboard("{Shift>}{ArrowDown}{/Shift}");
    expect(changes).toHaveBeenLastCalledWith(90);
  });
});

describe("CurrencyWidget", () => {
  it("shows the amount grouped with the currency's symbol, and the plain number while editing", async () => {
    const user = userEvent.setup();
    const { control } = mount(CurrencyWidget, { id: "amount", kind: "currency", currency: "CNY" }, 1234567);
    expect(control.value).toBe("1,234,567");
    expect(control.parentElement?.textContent).toContain("CN¥");
    await user.click(control);
    expect(control.value).toBe("1234567");
    await user.type(control, "8");
    await user.click(screen.getByRole("button", { name: "elsewhere" }));
    expect(control.value).toBe("12,345,678");
  });
});

describe("BooleanWidget", () => {
  it("is a switch that the keyboard toggles", async () => {
    const user = userEvent.setup();
    const { control, changes } = mount(BooleanWidget, { id: "key", kind: "boolean" }, false);
    expect(control.getAttribute("role")).toBe("switch");
    control.focus();
    await user.keyboard(" ");
    expect(changes).toHaveBeenLastCalledWith(true);
    expect(control.getAttribute("aria-checked")).toBe("true");
  });
});

describe("SelectWidget", () => {
  const stage: Field = {
    id: "stage",
    kind: "select",
    options: [
      { value: "open", label: { en: "Open", "zh-CN": "进行中" } },
      { value: "won", label: { en: "Won", "zh-CN": "赢单" } },
    ],
  };

  it("shows the chosen option's label in a closed combobox until it is opened", () => {
    const { control } = mount(SelectWidget, stage, "won");
    expect(control.getAttribute("role")).toBe("combobox");
    expect(control.getAttribute("aria-expanded")).toBe("false");
    expect(control.value).toBe("Won");
    expect(document.querySelector(".ant-select")).toBeNull();
  });

  it("mounts antd's select, focused and open, on Arrow Down, and takes a choice", async () => {
    const { control, changes } = mount(SelectWidget, stage);
    fireEvent.keyDown(control, { key: "ArrowDown" });
    const option = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.ant-select-item-option[title="Open"]');
      expect(found).not.toBeNull();
      return found as HTMLElement;
    });
    expect(document.activeElement?.id).toBe("w");
    fireEvent.click(option);
    expect(changes).toHaveBeenLastCalledWith("open");
  });
});
