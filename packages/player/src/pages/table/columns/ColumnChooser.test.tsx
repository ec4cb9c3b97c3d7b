// @vitest-environment happy-dom
import type { Locale } from "@plinth/runtime";
import { cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dealsPage, testApp } from "../testApp.js";
import { renderWithI18n } from "../testing.js";
import { ColumnChooser } from "./ColumnChooser.js";
import { columnOptions, moveColumn, pageColumns, shownColumns } from "./columns.js";

const entity = testApp.entities?.find((e) => e.id === "deal");
/** A rep may not read notes (see the test app's permissions). */
const options = columnOptions(dealsPage, entity, new Set(["notes"]));

function Host({ onChange, locale = "en" }: { onChange: (columns: string[]) => void; locale?: Locale }) {
  const [value, setValue] = useState(pageColumns(dealsPage));
  return (
    <ColumnChooser
      options={options}
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange(next);
      }}
      defaults={pageColumns(dealsPage)}
      locale={locale}
    />
  );
}

/** The column names in the order the chooser lists them, and which are shown. */
function listed(): Array<[string, boolean]> {
  return screen
    .getAllByRole("checkbox")
    .map((box) => [box.getAttribute("aria-label")?.replace(/^Show /, "") ?? "", (box as HTMLInputElement).checked]);
}

afterEach(() => cleanup());

describe("columnOptions", () => {
  it("lists the page's columns first, then other readable fields and system fields, never hidden fields or files", () => {
    expect(options.map((o) => o.id)).toEqual([
      "name",
      "amount",
      "stage",
      "owner",
      "probability",
      "account",
      "close",
      "score",
      "createdAt",
      "updatedAt",
      "createdBy",
      "updatedBy",
    ]);
    expect(shownColumns(["nope", "notes", "stage", "stage", "name"], options)).toEqual(["stage", "name"]);
    expect(moveColumn(["a", "b", "c"], "c", -1)).toEqual(["a", "c", "b"]);
    expect(moveColumn(["a", "b", "c"], "a", -1)).toEqual(["a", "b", "c"]);
  });
});

describe("ColumnChooser", () => {
  it("shows, hides and reorders columns with buttons a keyboard can reach", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderWithI18n(<Host onChange={onChange} />);
    const chooser = screen.getByRole("region", { name: "Choose columns" });
    expect(listed().slice(0, 6)).toEqual([
      ["Name", true],
      ["Amount", true],
      ["Stage", true],
      ["Owner", true],
      ["Probability", false],
      ["Account", false],
    ]);
    expect(within(chooser).queryByText("Notes")).toBeNull();
    expect(within(chooser).queryByText("Files")).toBeNull();

    await user.click(screen.getByRole("checkbox", { name: "Show Probability" }));
    expect(onChange).toHaveBeenLastCalledWith(["name", "amount", "stage", "owner", "probability"]);

    const up = screen.getByRole("button", { name: "Move Probability up" });
    up.focus();
    await user.keyboard("{Enter}");
    expect(onChange).toHaveBeenLastCalledWith(["name", "amount", "stage", "probability", "owner"]);
    expect(screen.getByRole("button", { name: "Move Name up" }).hasAttribute("disabled")).toBe(true);
    expect(screen.getByRole("button", { name: "Move Owner down" }).hasAttribute("disabled")).toBe(true);

    await user.click(screen.getByRole("checkbox", { name: "Show Amount" }));
    expect(onChange).toHaveBeenLastCalledWith(["name", "stage", "probability", "owner"]);

    await user.click(screen.getByRole("button", { name: "Page's columns" }));
    expect(onChange).toHaveBeenLastCalledWith(["name", "amount", "stage", "owner"]);
  });

  it("keeps at least one column", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderWithI18n(<Host onChange={onChange} />);
    for (const name of ["Amount", "Stage", "Owner"])
      await user.click(screen.getByRole("checkbox", { name: `Show ${name}` }));
    expect(onChange).toHaveBeenLastCalledWith(["name"]);
    expect((screen.getByRole("checkbox", { name: "Show Name" }) as HTMLInputElement).disabled).toBe(true);
  });

  it("speaks Chinese", () => {
    renderWithI18n(<Host onChange={vi.fn()} locale="zh-CN" />, "zh-CN");
    expect(screen.getByRole("region", { name: "选择列" })).toBeTruthy();
    expect(screen.getByRole("checkbox", { name: "显示金额" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "页面默认列" })).toBeTruthy();
  });
});
