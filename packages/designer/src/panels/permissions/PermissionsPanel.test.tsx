// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { fixtureApp, renderDesigner } from "../../testing/renderDesigner.js";
import { PermissionsPanel } from "./PermissionsPanel.js";

afterEach(cleanup);

const cell = (role: string, entity: string) =>
  document.querySelector(`td[data-cell="${role}:${entity}"]`) as HTMLTableCellElement;
/** A checkbox of the matrix, found in its cell (role queries over the whole matrix are slow). */
const box = (role: string, entity: string, name: string) =>
  within(cell(role, entity)).getByRole("checkbox", { name }) as HTMLInputElement;
/** The preview renders after the matrix (a deferred value): give it time on a busy machine. */
const slow = { timeout: 5000 };
const preview = () => screen.getByRole("region", { name: "Form preview" });

describe("the permissions matrix", () => {
  it("toggles an action of a role on an entity, and undo restores it", async () => {
    const user = userEvent.setup();
    const { store } = renderDesigner(<PermissionsPanel />);
    const update = box("rep", "opportunity", "Sales rep may update Opportunity");
    expect(update.checked).toBe(true);
    await user.click(update);
    expect(store.getState().doc.permissions?.[0]?.actions).toEqual(["read", "create"]);
    expect(box("rep", "opportunity", "Sales rep may update Opportunity").checked).toBe(false);
    await user.click(box("rep", "opportunity", "Sales rep may update Opportunity"));
    expect(store.getState().doc.permissions?.[0]?.actions).toEqual(["read", "create", "update"]);
    store.getState().undo();
    expect(store.getState().doc.permissions?.[0]?.actions).toEqual(["read", "create"]);
    store.getState().undo();
    expect(store.getState().doc).toEqual(fixtureApp());
    expect(box("rep", "opportunity", "Sales rep may update Opportunity").checked).toBe(true);
  });

  it("creates a grant for a new pair and removes it with its last action, with the keyboard", async () => {
    const user = userEvent.setup();
    const { store } = renderDesigner(<PermissionsPanel />);
    const count = fixtureApp().permissions?.length ?? 0;
    box("finance", "account", "finance may read Account").focus();
    await user.keyboard(" ");
    expect(store.getState().doc.permissions?.at(-1)).toEqual({ role: "finance", entity: "account", actions: ["read"] });
    expect(store.getState().past.at(-1)?.label.en).toBe("Allow finance to read account");
    await user.keyboard(" ");
    expect(store.getState().doc.permissions).toHaveLength(count);
    store.getState().undo();
    expect(store.getState().doc.permissions).toHaveLength(count + 1);
  });

  it("shows what a role gets from inherited roles and from grants on every entity, not editable there", () => {
    renderDesigner(<PermissionsPanel />);
    const fromAll = box(
      "manager",
      "opportunity",
      "Sales manager may delete Opportunity (delete: from All entities (*))",
    );
    expect(fromAll.checked && fromAll.disabled).toBe(true);
    // The manager inherits the rep: the rep's grant on accounts shows in the manager's row too.
    expect(
      box("manager", "account", "Sales manager may read Account (read: from All entities (*), Sales rep)").disabled,
    ).toBe(true);
    expect(box("manager", "*", "Sales manager may delete All entities (*)").disabled).toBe(false);
  });
});

describe("a grant's row scope and field masks", () => {
  it("shows the core's message for a row scope with an error", async () => {
    const user = userEvent.setup();
    const { store } = renderDesigner(<PermissionsPanel />);
    await user.click(
      within(cell("rep", "opportunity")).getByRole("button", { name: "Details of Sales rep on Opportunity" }),
    );
    const scope = screen.getByRole("textbox", { name: "Row scope" }) as HTMLInputElement;
    expect(scope.value).toBe("owner = $user.id");
    await user.tripleClick(scope);
    await user.paste("owner = nobody");
    expect(store.getState().doc.permissions?.[0]?.rowScope).toBe("owner = nobody");
    // Under the input, and in the preview, which cannot show an invalid app.
    await waitFor(() => expect(document.querySelector(".perm-issues")?.textContent).toMatch(/nobody/));
    expect(await within(preview()).findByText(/nobody/, undefined, slow)).toBeTruthy();
    expect(scope.getAttribute("aria-invalid")).toBe("true");
    store.getState().undo();
    expect(store.getState().doc.permissions?.[0]?.rowScope).toBe("owner = $user.id");
  });

  it("highlights the grant an issue's Show located", async () => {
    const { store } = renderDesigner(<PermissionsPanel />, { locale: "zh-CN" });
    store.getState().select("/permissions/2/rowScope");
    await waitFor(() => expect(cell("finance", "opportunity").getAttribute("aria-current")).toBe("true"));
    const scope = screen.getByRole("textbox", { name: "数据范围" });
    expect(scope).toHaveProperty("value", "stage = 'won'");
    expect(document.activeElement).toBe(scope);
    expect(scope.closest(".perm-grant")?.getAttribute("aria-current")).toBe("true");
    store.getState().select("/roles/1/inherits/0");
    await waitFor(() => expect(document.querySelector('tr[aria-current="true"] th')?.textContent).toBe("manager"));
  });

  it("hides a field from the role's preview once it is masked", async () => {
    const user = userEvent.setup();
    const { store } = renderDesigner(<PermissionsPanel />);
    await user.click(
      within(cell("rep", "opportunity")).getByRole("button", { name: "Details of Sales rep on Opportunity" }),
    );
    expect(store.getState().selection).toBe("/permissions/0");
    expect(await within(preview()).findByLabelText(/^notes/, undefined, slow)).toBeTruthy();
    expect(within(preview()).getByText(/as Sales rep/)).toBeTruthy();
    const hidden = screen.getByRole("combobox", { name: "Hidden fields · Grant 1" });
    fireEvent.mouseDown(hidden);
    await user.type(hidden, "note");
    const option = await waitFor(() => {
      const found = document.querySelector('.ant-select-item-option[title="notes"]');
      expect(found).toBeTruthy();
      return found as HTMLElement;
    });
    await user.click(option);
    expect(store.getState().doc.permissions?.[0]?.hiddenFields).toEqual(["notes"]);
    await waitFor(() => expect(within(preview()).queryByLabelText(/^notes/)).toBeNull(), slow);
    expect(within(preview()).getByLabelText(/^name/)).toBeTruthy();
    store.getState().undo();
    expect(store.getState().doc.permissions?.[0]?.hiddenFields).toBeUndefined();
    await waitFor(() => expect(within(preview()).getByLabelText(/^notes/)).toBeTruthy(), slow);
  });
});

describe("roles", () => {
  it("refuses to remove a role still in use, with where it is used", async () => {
    const user = userEvent.setup();
    const { store, located } = renderDesigner(<PermissionsPanel />);
    await user.click(screen.getByRole("button", { name: "Remove role Sales rep" }));
    const alert = (await screen.findByText(/Role Sales rep cannot be removed/)).closest(".ant-alert") as HTMLElement;
    expect(alert.textContent).toContain("/permissions/0/role");
    expect(alert.textContent).toContain("/roles/1/inherits/0");
    expect(store.getState().doc).toEqual(fixtureApp());
    await user.click(within(alert).getAllByRole("button", { name: "Show" })[0] as HTMLElement);
    expect(located).toHaveLength(1);
  });

  it("adds a role with names in both languages, edits it and removes it when unused", async () => {
    const user = userEvent.setup();
    const { store } = renderDesigner(<PermissionsPanel />, { locale: "zh-CN" });
    const form = screen.getByRole("form", { name: "新角色" });
    await user.type(within(form).getByRole("textbox", { name: "角色编号" }), "auditor");
    await user.type(within(form).getByRole("textbox", { name: "名称（英文）" }), "Auditor");
    await user.type(within(form).getByRole("textbox", { name: "名称（中文）" }), "审计");
    await user.click(within(form).getByRole("button", { name: /添\s?加\s?角\s?色/ }));
    expect(store.getState().doc.roles?.at(-1)).toEqual({ id: "auditor", label: { en: "Auditor", "zh-CN": "审计" } });
    await user.type(screen.getByRole("textbox", { name: "auditor 的名称（中文）" }), "员");
    expect(store.getState().doc.roles?.at(-1)?.label).toEqual({ en: "Auditor", "zh-CN": "审计员" });
    fireEvent.mouseDown(screen.getByRole("combobox", { name: "审计员 继承的角色" }));
    await user.click(
      await waitFor(() => document.querySelector('.ant-select-item-option[title="销售代表"]') as HTMLElement),
    );
    expect(store.getState().doc.roles?.at(-1)?.inherits).toEqual(["rep"]);
    await user.click(screen.getByRole("button", { name: "删除角色 审计员" }));
    expect(store.getState().doc.roles?.map((r) => r.id)).toEqual(["rep", "manager", "finance"]);
    store.getState().undo();
    expect(store.getState().doc.roles?.at(-1)?.id).toBe("auditor");
  });

  it("refuses an id that is taken or malformed", async () => {
    const user = userEvent.setup();
    renderDesigner(<PermissionsPanel />);
    const id = screen.getByRole("textbox", { name: "Role id" });
    await user.type(id, "rep");
    expect(screen.getByText("There is already a role rep.")).toBeTruthy();
    expect(screen.getByRole("button", { name: /Add role/ })).toHaveProperty("disabled", true);
    await user.clear(id);
    await user.type(id, "9x");
    expect(screen.getByText(/An id starts with a letter/)).toBeTruthy();
  });
});
