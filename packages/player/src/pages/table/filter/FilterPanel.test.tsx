// @vitest-environment happy-dom
import { createMemorySource, type Locale } from "@plinth/runtime";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { builderLookup } from "../lookups.js";
import { rep, testApp, testPeople, testRecords } from "../testApp.js";
import { chooseOption, renderWithI18n } from "../testing.js";
import type { FilterLookup } from "./FilterBuilder.js";
import { FilterPanel } from "./FilterPanel.js";
import type { FilterField } from "./filter.types.js";
import { filterFields } from "./filterFields.js";

const fields = filterFields(testApp, "deal", new Set(["notes"]));

/** The panel with its host: the host keeps the formula text, as the table page does. */
function Host({
  onApply,
  initial = "",
  lookup,
  locale = "en",
}: {
  onApply: (text: string) => void;
  initial?: string;
  lookup?: FilterLookup;
  locale?: Locale;
}) {
  const [text, setText] = useState(initial);
  return (
    <FilterPanel
      fields={fields}
      text={text}
      onTextChange={setText}
      onApply={onApply}
      onClear={() => setText("")}
      locale={locale}
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

/** The table page's lookup over a memory source that knows the app's people. */
function peopleLookup() {
  const source = createMemorySource({
    app: testApp,
    user: rep,
    people: testPeople,
    records: testRecords,
    clock: () => "2026-06-02T10:00:00.000Z",
    newId: () => "n-1",
  });
  const people = vi.spyOn(source, "people");
  return { lookup: builderLookup(testApp, source), people };
}

/** The names in the open dropdown, in order. */
const shownOptions = () =>
  [...document.querySelectorAll(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")].map(
    (o) => o.getAttribute("title"),
  );

/** The text an antd select shows for its value. */
const shownValue = (control: HTMLElement) => control.closest(".ant-select")?.textContent;

describe("FilterPanel: a user field's value is a person", () => {
  it("searches the people who may hold the field by name and writes the chosen person's id", async () => {
    const user = userEvent.setup();
    const onApply = vi.fn();
    const { lookup, people } = peopleLookup();
    renderWithI18n(<Host onApply={onApply} lookup={lookup} />);
    await user.click(screen.getByRole("button", { name: "Build a filter" }));
    await user.click(screen.getByRole("button", { name: "Add condition" }));
    await chooseOption(screen.getByRole("combobox", { name: "Field of condition 1" }), "Owner");
    const operator = screen.getByRole("combobox", { name: "Operator of condition 1" });
    expect(shownValue(operator)).toContain("is me");
    expect(screen.queryByRole("combobox", { name: "Value of condition 1" })).toBeNull(); // "is me" takes none
    expect(formulaBox().value).toBe("owner = $user.id");

    await chooseOption(operator, "is");
    const value = screen.getByRole("combobox", { name: "Value of condition 1" });
    expect(people).not.toHaveBeenCalled(); // nothing is fetched until the picker is used
    expect(shownValue(value)).toContain("Search people by name");
    fireEvent.mouseDown(value);
    // Only the owner field's role (reps): not the manager, nor someone without a role in the app.
    await waitFor(() => expect(shownOptions()).toEqual(["Olive O'Neil", "Otto Other", "Rita Rep", "李雷"]));
    expect(people).toHaveBeenLastCalledWith({ search: "", limit: 20, roles: ["rep"] });

    await user.type(value, "ott");
    await waitFor(() => expect(shownOptions()).toEqual(["Otto Other"]));
    expect(people).toHaveBeenLastCalledWith({ search: "ott", limit: 20, roles: ["rep"] });
    await chooseOption(value, "Otto Other");
    expect(formulaBox().value).toBe("owner = 'u-other'");
    expect(shownValue(value)).toContain("Otto Other");
    expect(shownValue(value)).not.toContain("u-other");

    await user.click(screen.getByRole("button", { name: "Apply" }));
    expect(onApply).toHaveBeenLastCalledWith("owner = 'u-other'");
  });

  it("leaves quoting to the formula language, and keeps blanks for 'is not'", async () => {
    const user = userEvent.setup();
    const { lookup } = peopleLookup();
    renderWithI18n(<Host onApply={vi.fn()} lookup={lookup} />);
    await user.click(screen.getByRole("button", { name: "Build a filter" }));
    await user.click(screen.getByRole("button", { name: "Add condition" }));
    await chooseOption(screen.getByRole("combobox", { name: "Field of condition 1" }), "Owner");
    await chooseOption(screen.getByRole("combobox", { name: "Operator of condition 1" }), "is not");
    await chooseOption(screen.getByRole("combobox", { name: "Value of condition 1" }), "Olive O'Neil");
    expect(formulaBox().value).toBe("ISBLANK(owner) OR owner <> 'u-o''neil'");
  });

  it("names the person of a formula read back into rows", async () => {
    const user = userEvent.setup();
    const { lookup, people } = peopleLookup();
    renderWithI18n(<Host onApply={vi.fn()} initial="owner = 'u-other'" lookup={lookup} />);
    await user.click(screen.getByRole("button", { name: "Build a filter" }));
    const operator = screen.getByRole("combobox", { name: "Operator of condition 1" });
    expect(shownValue(operator)).toContain("is");
    expect(shownValue(operator)).not.toContain("is me");
    const value = screen.getByRole("combobox", { name: "Value of condition 1" });
    await waitFor(() => expect(shownValue(value)).toContain("Otto Other"));
    expect(people).toHaveBeenCalledWith({ ids: ["u-other"], limit: 1 });

    // Typed in the formula box: the rows follow, with the name.
    fireEvent.change(formulaBox(), { target: { value: "ISBLANK(owner) OR owner <> 'u-o''neil'" } });
    await waitFor(() =>
      expect(shownValue(screen.getByRole("combobox", { name: "Value of condition 1" }))).toContain("Olive O'Neil"),
    );
    expect(shownValue(screen.getByRole("combobox", { name: "Operator of condition 1" }))).toContain("is not");

    // Someone the app no longer lists keeps their id: the filter still means what it says.
    fireEvent.change(formulaBox(), { target: { value: "owner = 'u-gone'" } });
    await waitFor(() => expect(people).toHaveBeenLastCalledWith({ ids: ["u-gone"], limit: 1 }));
    await waitFor(() =>
      expect(shownValue(screen.getByRole("combobox", { name: "Value of condition 1" }))).toContain("u-gone"),
    );
  });

  it("speaks Chinese", async () => {
    const user = userEvent.setup();
    const { lookup } = peopleLookup();
    renderWithI18n(<Host onApply={vi.fn()} initial="owner = 'u-li'" lookup={lookup} locale="zh-CN" />, "zh-CN");
    await user.click(screen.getByRole("button", { name: "构建筛选条件" }));
    const operator = screen.getByRole("combobox", { name: "条件 1 的运算符" });
    expect(shownValue(operator)).toBe("是");
    const value = screen.getByRole("combobox", { name: "条件 1 的值" });
    await waitFor(() => expect(shownValue(value)).toContain("李雷"));
    await user.click(screen.getByRole("button", { name: "删除条件 1" }));
    await user.click(screen.getByRole("button", { name: "添加条件" }));
    await chooseOption(screen.getByRole("combobox", { name: "条件 1 的字段" }), "负责人");
    await chooseOption(screen.getByRole("combobox", { name: "条件 1 的运算符" }), "是");
    const picker = screen.getByRole("combobox", { name: "条件 1 的值" });
    expect(shownValue(picker)).toContain("按姓名搜索人员");
    await chooseOption(picker, "Rita Rep");
    expect((screen.getByRole("textbox", { name: "筛选" }) as HTMLInputElement).value).toBe("owner = 'u-rep'");
  });
});
