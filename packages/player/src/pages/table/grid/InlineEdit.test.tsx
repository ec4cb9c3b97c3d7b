// @vitest-environment happy-dom
import {
  createMemorySource,
  createRuntime,
  type Locale,
  type MemorySource,
  type SourceUser,
  validateApp,
} from "@plinth/runtime";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useEffect, useMemo, useState } from "react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tableAccess } from "../access.js";
import { useRecords } from "../data/useRecords.js";
import { editorLookup } from "../lookups.js";
import { tableStrings } from "../strings.js";
import { manager, other, rep, testApp, testPeople, testRecords } from "../testApp.js";
import { chooseOption, renderWithI18n } from "../testing.js";
import { gridColumns } from "./gridColumns.js";
import { TableGrid } from "./TableGrid.js";
import { useInlineEdit } from "./useInlineEdit.js";

const runtime = createRuntime();
const entity = testApp.entities?.find((e) => e.id === "deal");
const COLUMNS = ["name", "amount", "stage", "probability", "score", "owner"];

/** The grid as the table page composes it, over a memory source that applies the server's rules. */
function Harness({ source, locale = "en" }: { source: MemorySource; locale?: Locale }) {
  const [user, setUser] = useState<SourceUser>();
  useEffect(() => {
    void source.me().then(setUser);
  }, [source]);
  const records = useRecords(source, { entity: "deal", sort: [{ field: "name", direction: "asc" }], pageSize: 50 });
  const access = useMemo(() => (user && entity ? tableAccess(testApp, entity, user) : undefined), [user]);
  const edit = useInlineEdit({
    app: testApp,
    entity: "deal",
    source,
    runtime,
    user,
    locale,
    replace: records.replace,
    conflictText: tableStrings[locale].cellConflict,
  });
  const columns = useMemo(
    () =>
      gridColumns({
        ids: COLUMNS,
        entity,
        pageLabels: new Map(),
        locale,
        titles: new Map(),
        access: access ?? { canEditField: () => false },
      }),
    [access, locale],
  );
  const lookup = useMemo(() => editorLookup(testApp, source, user), [source, user]);
  if (!access) return null;
  return (
    <TableGrid
      columns={columns}
      records={records.records}
      sort={[]}
      onSort={() => undefined}
      onOpen={() => undefined}
      titleOf={(r) => String(r.name)}
      canEditRecord={access.canEditRecord}
      edit={edit}
      locale={locale}
      lookup={lookup}
      hasMore={false}
      onNearEnd={() => undefined}
    />
  );
}

let source: MemorySource;
let n = 0;

beforeEach(() => {
  expect(validateApp(testApp).issues.filter((i) => i.severity === "error")).toEqual([]);
  source = createMemorySource({
    app: testApp,
    user: rep,
    users: [rep, other, manager],
    people: testPeople,
    records: testRecords,
    clock: () => "2026-06-02T10:00:00.000Z",
    newId: () => `n-${++n}`,
  });
});
afterEach(() => cleanup());

/** The names in the open dropdown, in order. */
const shownOptions = () =>
  [...document.querySelectorAll(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")].map(
    (o) => o.getAttribute("title"),
  );

/** The text an antd select shows for its value. */
const shownValue = (control: HTMLElement) => control.closest(".ant-select")?.textContent;

/** The cell of a record's column. */
const cell = (rowId: string, field: string) =>
  document.querySelector<HTMLTableCellElement>(`td[data-cell="${rowId}:${field}"]`) as HTMLTableCellElement;

async function mounted(locale: Locale = "en", as: MemorySource = source) {
  renderWithI18n(<Harness source={as} locale={locale} />, locale);
  await waitFor(() => expect(cell("d-1", "name")).toBeTruthy());
}

describe("inline edit", () => {
  it("offers only the cells the user may change, on the records they may change", async () => {
    await mounted();
    expect(screen.getAllByRole("row")).toHaveLength(3); // the header and the rep's two deals
    expect(document.querySelector('tr[data-row-id="d-3"]')).toBeNull();
    // Only editable cells carry data-cell (read-only ones are plain text cells).
    const editable = (field: string) => (cell("d-1", field) as HTMLTableCellElement | null)?.tabIndex === 0;
    expect(editable("name")).toBe(true);
    expect(editable("amount")).toBe(true);
    expect(editable("stage")).toBe(true);
    expect(editable("owner")).toBe(true);
    expect(editable("probability")).toBe(false); // read-only for reps
    expect(editable("score")).toBe(false); // a formula
    expect(cell("d-1", "name").title).toBe("Double-click or press Enter to edit");
  });

  it("saves with Enter through the data source, and keeps the keyboard on the cell", async () => {
    const user = userEvent.setup();
    await mounted();
    await user.dblClick(cell("d-1", "name"));
    const input = screen.getByRole("textbox", { name: "Editing Name" }) as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe("Alpha");
    await user.type(input, " Prime{Enter}");
    await waitFor(() => expect(cell("d-1", "name").textContent).toBe("Alpha Prime"));
    const saved = await source.get("deal", "d-1");
    expect(saved).toMatchObject({ name: "Alpha Prime", version: 2 });
    await waitFor(() => expect(document.activeElement).toBe(cell("d-1", "name")));
  });

  it("opens with Enter and cancels with Escape, sending nothing", async () => {
    const user = userEvent.setup();
    await mounted();
    cell("d-2", "amount").focus();
    await user.keyboard("{Enter}");
    const input = within(cell("d-2", "amount")).getByRole("spinbutton");
    await user.clear(input);
    await user.type(input, "999");
    await user.keyboard("{Escape}");
    expect(within(cell("d-2", "amount")).queryByRole("spinbutton")).toBeNull();
    expect(cell("d-2", "amount").textContent).toContain("200");
    expect(await source.get("deal", "d-2")).toMatchObject({ amount: 200, version: 1 });
  });

  it("checks the value with the core before sending: the core's message, nothing saved", async () => {
    const user = userEvent.setup();
    await mounted();
    await user.dblClick(cell("d-1", "name"));
    const input = screen.getByRole("textbox", { name: "Editing Name" });
    fireEvent.change(input, { target: { value: "" } });
    await user.keyboard("{Enter}");
    const alert = within(cell("d-1", "name")).getByRole("alert");
    expect(alert.textContent).toMatch(/Name/);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toBe(alert.id);
    expect(await source.get("deal", "d-1")).toMatchObject({ name: "Alpha", version: 1 });
    await user.keyboard("{Escape}");
    expect(cell("d-1", "name").textContent).toBe("Alpha");
  });

  it("shows the server's refusal on the cell and keeps the old value", async () => {
    const user = userEvent.setup();
    await mounted();
    await user.dblClick(cell("d-2", "name"));
    const input = screen.getByRole("textbox", { name: "Editing Name" });
    fireEvent.change(input, { target: { value: "Alpha" } }); // names are unique: only the data source knows
    await user.keyboard("{Enter}");
    const alert = await waitFor(() => within(cell("d-2", "name")).getByRole("alert"));
    expect(alert.textContent).toMatch(/already exists|Alpha/);
    expect(cell("d-2", "name").getAttribute("aria-invalid")).toBe("true");
    expect(cell("d-2", "name").firstChild?.textContent).toBe("Beta");
    expect(await source.get("deal", "d-2")).toMatchObject({ name: "Beta", version: 1 });
  });

  it("says so when someone else saved the record meanwhile, and shows their version", async () => {
    const user = userEvent.setup();
    await mounted();
    await act(async () => {
      await source.update("deal", "d-1", 1, { amount: 150 }); // another tab, another person
    });
    await user.dblClick(cell("d-1", "name"));
    const input = screen.getByRole("textbox", { name: "Editing Name" });
    await user.type(input, " 2{Enter}");
    const alert = await waitFor(() => within(cell("d-1", "name")).getByRole("alert"));
    expect(alert.textContent).toBe(tableStrings.en.cellConflict);
    await waitFor(() => expect(cell("d-1", "amount").textContent).toContain("150"));
    expect(cell("d-1", "name").firstChild?.textContent).toBe("Alpha");
    expect(await source.get("deal", "d-1")).toMatchObject({ name: "Alpha", amount: 150, version: 2 });
  });

  it("saves a choice at once with the select widget", async () => {
    const user = userEvent.setup();
    await mounted();
    await user.dblClick(cell("d-1", "stage"));
    const control = await waitFor(() => within(cell("d-1", "stage")).getByRole("combobox"));
    await chooseOption(control, "Won");
    await waitFor(async () => expect(await source.get("deal", "d-1")).toMatchObject({ stage: "won", version: 2 }));
    await waitFor(() => expect(cell("d-1", "stage").textContent).toBe("Won"));
  });

  it("picks an owner by name among the people who may own a deal, with the form's user widget", async () => {
    const user = userEvent.setup();
    await mounted("en", source.as(manager)); // a manager may reassign any deal
    expect(cell("d-3", "owner")).toBeTruthy();
    await user.dblClick(cell("d-1", "owner"));
    // The user widget loads on first use; its control takes the focus when it arrives.
    const control = await screen.findByRole("combobox", { name: "Editing Owner" });
    await waitFor(() => expect(document.activeElement).toBe(control));
    await waitFor(() => expect(shownValue(control)).toContain("Rita Rep")); // the stored id, named
    fireEvent.mouseDown(control);
    // Only the owner field's role (reps): not the manager, nor someone without a role in the app.
    await waitFor(() => expect(shownOptions()).toEqual(["Olive O'Neil", "Otto Other", "Rita Rep", "李雷"]));
    await user.keyboard("otto");
    await waitFor(() => expect(shownOptions()).toEqual(["Otto Other"]));
    await waitFor(() =>
      expect(document.querySelector(".ant-select-item-option-active")?.textContent).toBe("Otto Other"),
    );
    // rc-select reads `keyCode`, which user-event's Enter does not set in happy-dom.
    fireEvent.keyDown(control, { key: "Enter", code: "Enter", keyCode: 13, which: 13 });
    const asManager = source.as(manager);
    await waitFor(async () =>
      expect(await asManager.get("deal", "d-1")).toMatchObject({ owner: other.id, updatedBy: manager.id, version: 2 }),
    );
    await waitFor(() => expect(within(cell("d-1", "owner")).queryByRole("combobox")).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(cell("d-1", "owner")));
  });

  it("keeps the owner when the choice is cancelled, and a rep cannot give their deal away", async () => {
    const user = userEvent.setup();
    await mounted();
    await user.dblClick(cell("d-2", "owner"));
    const control = await screen.findByRole("combobox", { name: "Editing Owner" });
    await waitFor(() => expect(shownValue(control)).toContain("Rita Rep"));
    await user.keyboard("{Escape}");
    await waitFor(() => expect(within(cell("d-2", "owner")).queryByRole("combobox")).toBeNull());
    expect(await source.get("deal", "d-2")).toMatchObject({ owner: rep.id, version: 1 });

    await user.dblClick(cell("d-2", "owner"));
    await chooseOption(await screen.findByRole("combobox", { name: "Editing Owner" }), "Otto Other");
    const alert = await waitFor(() => within(cell("d-2", "owner")).getByRole("alert"));
    expect(alert.textContent).toMatch(/outside your scope/);
    expect(await source.get("deal", "d-2")).toMatchObject({ owner: rep.id, version: 1 });
  });

  it("speaks Chinese", async () => {
    const user = userEvent.setup();
    await mounted("zh-CN");
    expect(cell("d-1", "name").title).toBe("双击或按 Enter 键编辑");
    await user.dblClick(cell("d-1", "name"));
    expect(screen.getByRole("textbox", { name: "正在编辑名称" })).toBeTruthy();
    await user.keyboard("{Escape}");
    await user.dblClick(cell("d-1", "owner"));
    const owner = await screen.findByRole("combobox", { name: "正在编辑负责人" });
    await waitFor(() => expect(shownValue(owner)).toContain("Rita Rep"));
    await chooseOption(owner, "李雷");
    const alert = await waitFor(() => within(cell("d-1", "owner")).getByRole("alert"));
    expect(alert.textContent).toMatch(/范围/); // a rep's deal stays theirs: the source's words, in Chinese
  });

  it("saves a person chosen in Chinese", async () => {
    const user = userEvent.setup();
    await mounted("zh-CN", source.as(manager));
    await user.dblClick(cell("d-3", "owner"));
    const owner = await screen.findByRole("combobox", { name: "正在编辑负责人" });
    await waitFor(() => expect(shownValue(owner)).toContain("Otto Other"));
    expect(shownValue(owner)).not.toContain(other.id);
    await chooseOption(owner, "李雷");
    const asManager = source.as(manager);
    await waitFor(async () => expect(await asManager.get("deal", "d-3")).toMatchObject({ owner: "u-li", version: 2 }));
  });
});
