// @vitest-environment happy-dom
import {
  type App,
  createRuntime,
  type FormPage,
  type Issue,
  type Locale,
  type RecordContext,
  type RecordValues,
} from "@plinth/runtime";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { salesApp } from "../../../test/fixtures/salesApp.js";
import { PlinthProvider } from "../PlinthProvider.js";
import { createWidgetRegistry } from "../widgets/registry.js";
import type { WidgetProps, WidgetRegistry } from "../widgets/widget.types.js";
import { FormRenderer } from "./FormRenderer.js";
import { createFormStore } from "./formStore.js";

const runtime = createRuntime();
const validated = runtime.validateApp(salesApp());
if (!validated.ok) throw new Error(validated.issues.map((i) => i.message.en).join("\n"));
const app = validated.app as App;

const context: RecordContext = {
  mode: "create",
  today: "2026-06-01",
  now: "2026-06-01T09:00:00.000Z",
  user: { id: "u1", region: "east", roles: ["rep"] },
};

/** The fixture's opportunity_form keeps stage and expected_revenue off the page; this one has them. */
const dealForm = {
  kind: "form",
  id: "deal_form",
  entity: "opportunity",
  label: { en: "Deal", "zh-CN": "商机" },
  layout: {
    kind: "section",
    label: "Deal",
    columns: 2,
    children: [
      { kind: "field", field: "name" },
      { kind: "field", field: "account" },
      { kind: "field", field: "stage" },
      { kind: "field", field: "lost_reason" },
      { kind: "field", field: "amount" },
      { kind: "field", field: "probability" },
      { kind: "field", field: "expected_revenue" },
      { kind: "field", field: "close_date" },
      { kind: "field", field: "notes" },
    ],
  },
} satisfies FormPage;

function mount(
  options: {
    locale?: Locale;
    widgets?: WidgetRegistry;
    page?: FormPage;
    onSubmit?: (values: RecordValues) => Promise<unknown>;
  } = {},
) {
  const store = createFormStore({ app, entity: "opportunity", context, runtime });
  const view = render(
    <PlinthProvider locale={options.locale ?? "en"} widgets={options.widgets}>
      <FormRenderer store={store} page={options.page ?? dealForm} onSubmit={options.onSubmit} />
    </PlinthProvider>,
  );
  return { store, view };
}

/** Searchable selects load lazily; wait until the real control replaced the stand-in. */
async function selectControl(label: string): Promise<HTMLElement> {
  return waitFor(() => {
    const control = screen.getByLabelText(label);
    expect(control.getAttribute("role")).toBe("combobox");
    return control;
  });
}

async function chooseOption(label: string, option: string) {
  const control = await selectControl(label);
  // As a pointer does: the light stand-in opens on click, antd's select on mousedown.
  fireEvent.mouseDown(control);
  fireEvent.click(control);
  const item = await waitFor(() => {
    const found = document.querySelector<HTMLElement>(`.ant-select-item-option[title="${option}"]`);
    expect(found).not.toBeNull();
    return found as HTMLElement;
  });
  fireEvent.click(item);
}

function messagesOf(control: HTMLElement): string {
  const id = control.getAttribute("aria-describedby");
  return id ? (document.getElementById(id)?.textContent ?? "") : "";
}

afterEach(() => cleanup());

describe("FormRenderer", () => {
  it("keeps a typed value and recomputes the formula field that reads it", async () => {
    const user = userEvent.setup();
    const { store } = mount();
    expect(screen.getByLabelText<HTMLInputElement>("amount").value).toBe("");
    await user.type(screen.getByLabelText("amount"), "200000");
    expect(store.api.getState().values.amount).toBe(200000);
    // probability defaults to 10: ROUND(200000 * 10 / 100, 2)
    expect(store.api.getState().values.expected_revenue).toBe(20000);
    expect(screen.getByLabelText<HTMLInputElement>("expected_revenue").value).toBe("20,000");

    const probability = screen.getByLabelText("probability");
    await user.clear(probability);
    await user.type(probability, "60");
    expect(screen.getByLabelText<HTMLInputElement>("expected_revenue").value).toBe("120,000");
  });

  it("shows a field hidden by visibleWhen once its condition holds", async () => {
    mount();
    expect(screen.queryByLabelText("lost_reason")).toBeNull();
    await chooseOption("stage", "Closed lost");
    expect(await selectControl("lost_reason")).toBeTruthy();
  });

  it("renders the fixture's own form page: tabs, columns, text and a tab shown by its condition", async () => {
    const page = app.pages?.find((p) => p.id === "opportunity_form") as FormPage;
    mount({ page });
    expect(screen.getByRole("tab", { name: "Money" })).toBeTruthy();
    expect(screen.queryByRole("tab", { name: "Loss" })).toBeNull();
    expect(screen.getByText("Notes")).toBeTruthy();
    expect(screen.getByLabelText("notes")).toBeTruthy();
  });

  it.each([
    ["en", "Save", "name is required. Fill it in."],
    ["zh-CN", "保存", "name为必填项，请填写。"],
  ] as const)("shows the core's record.required message in %s", async (locale, save, message) => {
    const onSubmit = vi.fn(async () => undefined);
    mount({ locale, onSubmit });
    expect(screen.queryByText(message)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: save }));
    await waitFor(() => expect(messagesOf(screen.getByLabelText("name"))).toContain(message));
    expect(screen.getByLabelText("name").getAttribute("aria-invalid")).toBe("true");
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("shows a required message once a touched field is left blank", async () => {
    const user = userEvent.setup();
    mount();
    const name = screen.getByLabelText("name");
    await user.type(name, "x");
    expect(messagesOf(name)).toBe("");
    await user.clear(name);
    expect(messagesOf(name)).toBe("name is required. Fill it in.");
  });

  it("puts server issues under their fields, from applyServerIssues and from a rejected submit", async () => {
    const user = userEvent.setup();
    const taken: Issue = {
      code: "record.unique",
      path: "/name",
      params: { field: "name" },
      message: { en: "Another opportunity already has this name.", "zh-CN": "已有同名商机。" },
      severity: "error",
    };
    const onSubmit = vi.fn(async () => Promise.reject({ issues: [{ ...taken, path: "/account" }] }));
    const { store } = mount({ onSubmit });
    act(() => store.applyServerIssues([taken]));
    expect(messagesOf(screen.getByLabelText("name"))).toBe(taken.message.en);

    await user.type(screen.getByLabelText("name"), "Big deal");
    expect(messagesOf(screen.getByLabelText("name"))).toBe("");
    await user.type(screen.getByLabelText("account"), "acc_1");
    fireEvent.change(screen.getByLabelText("close_date"), { target: { value: "2026-07-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(messagesOf(screen.getByLabelText("account"))).toBe(taken.message.en));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ name: "Big deal", account: "acc_1", close_date: "2026-07-01", stage: "prospecting" }),
    );
  });

  it("re-renders only the field typed in and the fields computed from it", async () => {
    const user = userEvent.setup();
    const renders = new Map<string, number>();
    const counted = (Base: (props: WidgetProps) => React.ReactNode) =>
      function Counted(props: WidgetProps) {
        renders.set(props.field.id, (renders.get(props.field.id) ?? 0) + 1);
        return <Base {...props} />;
      };
    const standard = createWidgetRegistry();
    const widgets = {
      text: counted(standard.text as (p: WidgetProps) => React.ReactNode),
      longText: counted(standard.longText as (p: WidgetProps) => React.ReactNode),
      currency: counted(standard.currency as (p: WidgetProps) => React.ReactNode),
      formula: counted(standard.formula as (p: WidgetProps) => React.ReactNode),
    };
    mount({ widgets });
    const before = new Map(renders);

    await user.type(screen.getByLabelText("name"), "Big deal");
    expect(renders.get("name")).toBeGreaterThan(before.get("name") ?? 0);
    expect(renders.get("notes")).toBe(before.get("notes"));
    expect(renders.get("amount")).toBe(before.get("amount"));
    expect(renders.get("expected_revenue")).toBe(before.get("expected_revenue"));

    const typedName = new Map(renders);
    await user.type(screen.getByLabelText("amount"), "5");
    expect(renders.get("expected_revenue")).toBeGreaterThan(typedName.get("expected_revenue") ?? 0);
    expect(renders.get("notes")).toBe(before.get("notes"));
    expect(renders.get("name")).toBe(typedName.get("name"));
  });

  it("is keyboard usable: every field labelled and reached with Tab in layout order", async () => {
    const user = userEvent.setup();
    mount();
    await selectControl("stage");
    const order = ["name", "account", "stage", "amount", "probability", "expected_revenue", "close_date", "notes"];
    const controls = order.map((label) => screen.getByLabelText(label));
    const reached: HTMLElement[] = [];
    for (let i = 0; i < 30 && reached.length < controls.length; i++) {
      await user.tab();
      const active = document.activeElement as HTMLElement;
      if (controls.includes(active) && !reached.includes(active)) reached.push(active);
    }
    expect(reached.map((el) => order[controls.indexOf(el)])).toEqual(order);
    const save = screen.getByRole("button", { name: "Save" });
    for (let i = 0; i < 5 && document.activeElement !== save; i++) await user.tab();
    expect(document.activeElement).toBe(save);
  });
});
