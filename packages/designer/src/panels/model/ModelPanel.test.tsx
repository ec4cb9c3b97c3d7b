// @vitest-environment happy-dom
import { type Field, fieldKindNames } from "@plinth/runtime";
import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { renderDesigner } from "../../testing/renderDesigner.js";
import { commonProperties, kindProperties } from "./kindSchema.js";
import { ModelPanel } from "./ModelPanel.js";

afterEach(cleanup);

const fieldsOf = (store: ReturnType<typeof renderDesigner>["store"], entity: number): Field[] =>
  (store.getState().doc.entities?.[entity]?.fields ?? []) as Field[];

function open(store: ReturnType<typeof renderDesigner>["store"], pointer: string) {
  act(() => store.getState().select(pointer));
}

describe("the data model panel", () => {
  it("lists the entities and adds a field, which undo takes away", async () => {
    const { store } = renderDesigner(<ModelPanel />);
    const nav = screen.getByRole("navigation", { name: "Entities" });
    expect(within(nav).getByRole("button", { name: /Opportunity\s+opportunity/ })).toBeTruthy();
    const before = fieldsOf(store, 0).length;
    fireEvent.change(screen.getByLabelText("New field id"), { target: { value: "segment" } });
    const addField = within(screen.getByRole("region", { name: "Add field" }));
    fireEvent.change(addField.getByLabelText("Label · English"), { target: { value: "Segment" } });
    fireEvent.change(addField.getByLabelText("Label · Chinese"), { target: { value: "细分" } });
    await userEvent.click(addField.getByRole("button", { name: "Add field" }));
    expect(fieldsOf(store, 0).at(-1)).toEqual({
      id: "segment",
      kind: "text",
      label: { en: "Segment", "zh-CN": "细分" },
    });
    expect(store.getState().selection).toBe(`/entities/0/fields/${before}`);
    expect(await screen.findByRole("heading", { name: /Field Segment \(segment\)/ })).toBeTruthy();
    expect(document.activeElement?.id).toBe(`model-entities-0-fields-${before}-label-en`);
    act(() => store.getState().undo());
    expect(fieldsOf(store, 0)).toHaveLength(before);
  });

  it("refuses a bad or taken id with a message", async () => {
    const { store } = renderDesigner(<ModelPanel />);
    const entities = store.getState().doc.entities?.length;
    const id = screen.getByLabelText("New entity id");
    const add = screen.getByRole("button", { name: "Add entity" });
    fireEvent.change(id, { target: { value: "9lives" } });
    await userEvent.click(add);
    expect(screen.getByText(/An id starts with a letter/)).toBeTruthy();
    fireEvent.change(id, { target: { value: "Account" } });
    await userEvent.click(add);
    expect(screen.getByText(/already used here/)).toBeTruthy();
    expect(store.getState().doc.entities).toHaveLength(entities ?? 0);
    fireEvent.change(id, { target: { value: "partner" } });
    await userEvent.click(add);
    expect(store.getState().doc.entities?.at(-1)?.id).toBe("partner");
    expect(await screen.findByRole("heading", { name: /Entity partner \(partner\)/ })).toBeTruthy();
  });

  it("adds a select field with its required options", async () => {
    const { store } = renderDesigner(<ModelPanel />);
    const addField = within(screen.getByRole("region", { name: "Add field" }));
    const kind = addField.getByLabelText("Kind");
    await userEvent.click(kind);
    await userEvent.click(await screen.findByTitle("Select"));
    fireEvent.change(addField.getByLabelText("New field id"), { target: { value: "tier" } });
    fireEvent.change(addField.getByLabelText(/Option values/), { target: { value: "gold, silver" } });
    await userEvent.click(addField.getByRole("button", { name: "Add field" }));
    expect(fieldsOf(store, 0).at(-1)).toEqual({
      id: "tier",
      kind: "select",
      options: [{ value: "gold" }, { value: "silver" }],
    });
  });

  it("renames a field used in a formula and lists the places it changed", async () => {
    const { store, located } = renderDesigner(<ModelPanel />);
    open(store, "/entities/1/fields/16");
    fireEvent.change(screen.getByLabelText("Rename field expected_revenue to"), {
      target: { value: "weighted_revenue" },
    });
    await userEvent.click(screen.getByRole("button", { name: "Rename field expected_revenue" }));
    expect(fieldsOf(store, 1)[16]?.id).toBe("weighted_revenue");
    expect(fieldsOf(store, 1)[17]).toMatchObject({ expression: "weighted_revenue > 100000" });
    expect(await screen.findByText("Renamed in 1 place")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Show /entities/1/fields/17/expression" }));
    expect(located).toEqual(["/entities/1/fields/17/expression"]);
    act(() => store.getState().undo());
    expect(fieldsOf(store, 1)[17]).toMatchObject({ expression: "expected_revenue > 100000" });
  });

  it("renames an entity everywhere in Chinese, and refuses a taken id inline", async () => {
    const { store } = renderDesigner(<ModelPanel />, { locale: "zh-CN" });
    const to = screen.getByLabelText("将实体 account 重命名为");
    fireEvent.change(to, { target: { value: "opportunity" } });
    await userEvent.click(screen.getByRole("button", { name: "重命名实体 account" }));
    expect(store.getState().refusal?.[0]?.code).toBe("refactor.idTaken");
    expect(screen.getByText(store.getState().refusal?.[0]?.message["zh-CN"] ?? "")).toBeTruthy();
    fireEvent.change(to, { target: { value: "client" } });
    await userEvent.click(screen.getByRole("button", { name: "重命名实体 account" }));
    expect(store.getState().doc.entities?.[0]?.id).toBe("client");
    expect(fieldsOf(store, 1)[2]).toMatchObject({ id: "account", kind: "relation", target: "client" });
    const done = await screen.findByText(/^已在 \d+ 处重命名$/);
    const places = within(done.closest(".ant-alert") as HTMLElement).getAllByRole("listitem");
    expect(done.textContent).toBe(`已在 ${places.length} 处重命名`);
    expect(places.some((li) => li.textContent?.includes("/entities/1/fields/2/target"))).toBe(true);
  });

  it("refuses to remove a field still in use and lists where", async () => {
    const { store, located } = renderDesigner(<ModelPanel />);
    open(store, "/entities/1/fields/3");
    await userEvent.click(screen.getByRole("button", { name: "Remove field amount" }));
    await userEvent.click(await screen.findByRole("button", { name: "Remove" }));
    expect(fieldsOf(store, 1)[3]?.id).toBe("amount");
    expect(store.getState().refusal?.[0]?.code).toBe("refactor.stillReferenced");
    expect(screen.getByText(/Still used in \d+ places/)).toBeTruthy();
    const shows = screen.getAllByRole("button", { name: /^Show \/entities\/1\/fields\/16\/expression$/ });
    await userEvent.click(shows[0] as HTMLElement);
    expect(located).toEqual(["/entities/1/fields/16/expression"]);
  });

  it("removes an unused field, and undo restores it", async () => {
    const { store } = renderDesigner(<ModelPanel />);
    open(store, "/entities/1/fields/19");
    await userEvent.click(screen.getByRole("button", { name: "Remove field contract" }));
    await userEvent.click(await screen.findByRole("button", { name: "Remove" }));
    expect(fieldsOf(store, 1).map((f) => f.id)).not.toContain("contract");
    expect(store.getState().selection).toBe("/entities/1");
    act(() => store.getState().undo());
    expect(fieldsOf(store, 1)[19]?.id).toBe("contract");
  });

  it("edits, adds, moves and removes select options", async () => {
    const { store } = renderDesigner(<ModelPanel />);
    const doc = store.getState().doc;
    open(store, "/entities/1/fields/5");
    const options = () => (fieldsOf(store, 1)[5] as Extract<Field, { kind: "select" }>).options;
    const first = options()[0];
    if (!first) throw new Error("the stage field has options");
    fireEvent.change(screen.getByLabelText(`Label of ${first.value} · English`), { target: { value: "First stage" } });
    expect(options()[0]?.label).toMatchObject({ en: "First stage" });
    fireEvent.change(screen.getByLabelText("New option value"), { target: { value: "on_hold" } });
    await userEvent.click(screen.getByRole("button", { name: "Add option" }));
    expect(options().at(-1)).toEqual({ value: "on_hold" });
    await userEvent.click(screen.getByRole("button", { name: "Move on_hold up" }));
    expect(options().at(-2)).toEqual({ value: "on_hold" });
    await userEvent.click(screen.getByRole("button", { name: "Remove option on_hold" }));
    expect(options().map((o) => o.value)).not.toContain("on_hold");
    act(() => {
      for (let i = 0; i < 4; i++) store.getState().undo();
    });
    expect(store.getState().doc).toEqual(doc);
  });

  it("edits kind properties read from the kind's meta-schema", async () => {
    const { store } = renderDesigner(<ModelPanel />);
    open(store, "/entities/1/fields/0");
    fireEvent.change(screen.getByLabelText("Maximum length"), { target: { value: "80" } });
    fireEvent.blur(screen.getByLabelText("Maximum length"));
    expect(fieldsOf(store, 1)[0]).toMatchObject({ maxLength: 80 });
    await userEvent.click(screen.getByRole("switch", { name: "Unique" }));
    expect(fieldsOf(store, 1)[0]).toMatchObject({ unique: true });
    await userEvent.click(screen.getByRole("switch", { name: "Unique" }));
    expect(fieldsOf(store, 1)[0]).not.toHaveProperty("unique");
  });

  it("has a control for every property of every field kind", () => {
    const { store } = renderDesigner(<ModelPanel />);
    const seen = new Set<string>();
    store.getState().doc.entities?.forEach((entity, e) => {
      entity.fields.forEach((field, f) => {
        if (seen.has(field.kind)) return;
        seen.add(field.kind);
        const pointer = `/entities/${e}/fields/${f}`;
        open(store, pointer);
        for (const [key] of [...commonProperties, ...kindProperties(field.kind)]) {
          const at = key === "options" ? `${pointer}/options` : `${pointer}/${key}`;
          const holder = document.querySelector(`[data-pointer="${at}"]`);
          expect(holder?.querySelector("input, textarea, button, [role=switch]"), `${field.kind}.${key}`).toBeTruthy();
        }
      });
    });
    expect(seen.size).toBe(fieldKindNames.length);
  });

  it("shows the core's problems with a formula under its input", async () => {
    const { store } = renderDesigner(<ModelPanel />);
    open(store, "/entities/1/fields/17");
    const expression = screen.getByLabelText("Expression (formula)");
    expect((expression as HTMLTextAreaElement).value).toBe("expected_revenue > 100000");
    fireEvent.change(expression, { target: { value: "amount * nonsense" } });
    expect(fieldsOf(store, 1)[17]).toMatchObject({ expression: "amount * nonsense" });
    expect(await screen.findByText(/nonsense/, { selector: ".model-formula-issues *" })).toBeTruthy();
  });

  it("changes a label in Chinese and keeps the English one", async () => {
    const { store } = renderDesigner(<ModelPanel />, { locale: "zh-CN" });
    const input = screen.getAllByLabelText("名称 · 中文").find((el) => el.id === "model-entities-0-label-zh-CN");
    if (!input) throw new Error("the entity's Chinese label input");
    expect((input as HTMLInputElement).value).toBe("客户");
    fireEvent.change(input, { target: { value: "客户公司" } });
    expect(store.getState().doc.entities?.[0]?.label).toEqual({ en: "Account", "zh-CN": "客户公司" });
    expect(within(screen.getByRole("navigation", { name: "实体" })).getByText("客户公司")).toBeTruthy();
  });

  it("opens and highlights the entity and field a selection points into", () => {
    const { store } = renderDesigner(<ModelPanel />);
    open(store, "/entities/1/fields/17/expression");
    expect(screen.getByRole("button", { current: true }).textContent).toMatch(/Opportunity/);
    expect(screen.getByRole("heading", { name: /Field big_deal \(big_deal\)/ })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Open field big_deal", pressed: true })).toBeTruthy();
    const hit = document.querySelector('[data-pointer="/entities/1/fields/17/expression"]');
    expect(hit?.classList.contains("model-hit")).toBe(true);
  });

  it("adds, edits and removes an entity's validation rule", async () => {
    const { store } = renderDesigner(<ModelPanel />);
    const rules = within(screen.getByRole("region", { name: "Validation rules" }));
    fireEvent.change(rules.getByLabelText("New rule id"), { target: { value: "needs_site" } });
    fireEvent.change(rules.getByLabelText("Invalid when (formula)"), { target: { value: "ISBLANK(website)" } });
    fireEvent.change(rules.getByLabelText("Message · English"), { target: { value: "Add the website" } });
    await userEvent.click(rules.getByRole("button", { name: "Add rule" }));
    expect(store.getState().doc.entities?.[0]?.rules).toEqual([
      { id: "needs_site", invalidWhen: "ISBLANK(website)", message: { en: "Add the website" } },
    ]);
    const message = screen.getAllByLabelText("Message · Chinese").find((el) => el.id.includes("rules-0-message"));
    if (!message) throw new Error("the rule's Chinese message input");
    fireEvent.change(message, { target: { value: "请填写网站" } });
    expect(store.getState().doc.entities?.[0]?.rules?.[0]?.message).toEqual({
      en: "Add the website",
      "zh-CN": "请填写网站",
    });
    await userEvent.click(screen.getByLabelText("Severity (empty: error)"));
    await userEvent.click(await screen.findByTitle("Warning: saved, with the message"));
    expect(store.getState().doc.entities?.[0]?.rules?.[0]?.severity).toBe("warning");
    await userEvent.click(screen.getByRole("button", { name: "Remove rule needs_site" }));
    expect(store.getState().doc.entities?.[0]?.rules).toEqual([]);
  });

  it("adds an index, makes it unique, and removes it", async () => {
    const { store } = renderDesigner(<ModelPanel />);
    const indexes = () => store.getState().doc.entities?.[0]?.indexes;
    const section = within(screen.getByRole("region", { name: "Indexes" }));
    await userEvent.click(section.getByLabelText("Fields of a new index"));
    await userEvent.click(await screen.findByTitle("website"));
    await userEvent.click(section.getByRole("button", { name: "Add index" }));
    expect(indexes()).toEqual([{ fields: ["website"] }]);
    await userEvent.click(section.getByRole("switch"));
    expect(indexes()).toEqual([{ fields: ["website"], unique: true }]);
    await userEvent.click(section.getByRole("button", { name: "Remove index (website)" }));
    expect(indexes()).toEqual([]);
    act(() => {
      for (let i = 0; i < 3; i++) store.getState().undo();
    });
    expect(indexes()).toBeUndefined();
  });
});
