// @vitest-environment happy-dom
import { type App, createRuntime, type FormPage, type RecordContext } from "@plinth/runtime";
import { createFormStore, FormRenderer, PlinthProvider } from "@plinth/runtime/react";
import Form from "@rjsf/core";
import validator from "@rjsf/validator-ajv8";
import { act, type ReactElement } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { BENCH_ENTITY, BENCH_PAGE, benchApp, benchFields, FORM_FIELD_COUNT, rjsfSchemas } from "./fixture.js";
import { HandWrittenForm } from "./HandWrittenForm.js";
import { CONTROL_SELECTOR } from "./protocol.js";

// The benchmark compares like with like only if the three contenders render the same fields:
// these tests pin that (no timing here; the figures come from `pnpm bench` in Chromium).

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const fields = benchFields();
const runtime = createRuntime();
const validated = runtime.validateApp(benchApp(fields));
const context: RecordContext = {
  mode: "create",
  today: "2026-06-01",
  now: "2026-06-01T09:00:00.000Z",
  user: { id: "u1", roles: ["rep"] },
};

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

/** Render `element`, wait for lazy parts, and return the text of each form control's label, in DOM order. */
async function controlLabels(element: ReactElement): Promise<string[]> {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(element));
  cleanup = () => {
    act(() => root.unmount());
    container.remove();
  };
  return [...container.querySelectorAll<HTMLElement>(CONTROL_SELECTOR)].map((control) => {
    // A label that names the control, or one that wraps it (RJSF's checkboxes).
    const label = container.querySelector(`label[for="${control.id}"]`) ?? control.closest("label");
    return label?.textContent?.trim() ?? `(no label: ${control.id})`;
  });
}

const expectedLabels = fields.map((f) =>
  expect.stringMatching(new RegExp(`^\\*?\\s*Field ${f.position} \\(${f.kind}\\)`)),
);

describe("the form benchmark fixture", () => {
  it("has 200 fields of mixed kinds, with text inputs first and last", () => {
    expect(fields).toHaveLength(FORM_FIELD_COUNT);
    expect(new Set(fields.map((f) => f.id)).size).toBe(FORM_FIELD_COUNT);
    expect(fields[0]?.kind).toBe("text");
    expect(fields[FORM_FIELD_COUNT - 1]?.kind).toBe("text");
    const kinds = new Set(fields.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(
      ["boolean", "currency", "date", "formula", "longText", "number", "percent", "select", "text"].sort(),
    );
  });

  it("is a valid Plinth app whose form page shows all 200 fields, with formulas and conditions to evaluate", () => {
    expect(validated.issues).toEqual([]);
    const app = validated.app as App;
    const entity = app.entities?.find((e) => e.id === BENCH_ENTITY);
    expect(entity?.fields).toHaveLength(FORM_FIELD_COUNT);
    const store = createFormStore({ app, entity: BENCH_ENTITY, context, runtime });
    const slices = fields.map((f) => store.api.getState().fields[f.id]);
    expect(slices.every((s) => s?.visible)).toBe(true);
    expect(fields.filter((f) => f.kind === "formula")).toHaveLength(20);
    expect(fields.filter((f) => f.hiddenWhen || f.readOnlyWhen || f.requiredWhenSelectIsB)).toHaveLength(60);
  });

  it("gives @rjsf/core one JSON Schema property per field, in the same order", () => {
    const { schema, uiSchema } = rjsfSchemas(fields);
    expect(Object.keys(schema.properties as object)).toEqual(fields.map((f) => f.id));
    expect(uiSchema["ui:order"]).toEqual(fields.map((f) => f.id));
    expect(schema.required).toEqual(fields.filter((f) => f.required).map((f) => f.id));
  });

  it("renders the same 200 labelled controls in the same order in all three contenders", async () => {
    const app = validated.app as App;
    const page = app.pages?.find((p) => p.id === BENCH_PAGE) as FormPage;
    const store = createFormStore({ app, entity: BENCH_ENTITY, context, runtime });
    const { schema, uiSchema } = rjsfSchemas(fields);

    expect(await controlLabels(<HandWrittenForm fields={fields} />)).toEqual(expectedLabels);
    expect(await controlLabels(<Form schema={schema} uiSchema={uiSchema} validator={validator} />)).toEqual(
      expectedLabels,
    );
    expect(
      await controlLabels(
        <PlinthProvider locale="en">
          <FormRenderer store={store} page={page} warnOnUnsavedChanges={false} />
        </PlinthProvider>,
      ),
    ).toEqual(expectedLabels);
  });
});
