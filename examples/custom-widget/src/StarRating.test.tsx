// @vitest-environment happy-dom
import { type App, createRuntime, type FormPage } from "@plinth/runtime";
import { createFormStore, FormRenderer, PlinthProvider } from "@plinth/runtime/react";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { StarRating } from "./StarRating.js";

const runtime = createRuntime();
const validated = runtime.validateApp({
  schemaVersion: 1,
  id: "survey",
  version: "1.0.0",
  entities: [
    {
      id: "visit",
      fields: [
        { id: "customer", kind: "text", label: { en: "Customer", "zh-CN": "客户" }, required: true },
        {
          id: "satisfaction",
          kind: "number",
          label: { en: "Satisfaction", "zh-CN": "满意度" },
          min: 1,
          max: 5,
          integer: true,
        },
      ],
    },
  ],
});
if (!validated.app) throw new Error(validated.issues.map((i) => i.message.en).join("\n"));
const app: App = validated.app;
const page = {
  kind: "form",
  id: "visit_form",
  entity: "visit",
  layout: {
    kind: "section",
    children: [
      { kind: "field", field: "customer" },
      { kind: "field", field: "satisfaction", widget: "stars" },
    ],
  },
} satisfies FormPage;
const widgets = { stars: StarRating };

afterEach(cleanup);

it("renders a field with the custom widget named in the layout and writes its value to the form", async () => {
  const store = createFormStore({
    app,
    entity: "visit",
    initial: {},
    runtime,
    context: { mode: "create", today: "2026-06-01", now: "2026-06-01T09:00:00.000Z", user: { id: "u1" } },
  });
  render(
    <PlinthProvider locale="en" widgets={widgets}>
      <FormRenderer store={store} page={page} onSubmit={async () => undefined} />
    </PlinthProvider>,
  );
  const group = screen.getByRole("radiogroup", { name: /Satisfaction/ });
  expect(group).toBeTruthy();
  await act(async () => {
    fireEvent.click(screen.getByRole("radio", { name: "4 stars" }));
  });
  expect(store.api.getState().values.satisfaction).toBe(4);
  expect(screen.getByRole("radio", { name: "4 stars" }).getAttribute("aria-checked")).toBe("true");
  await act(async () => {
    fireEvent.keyDown(screen.getByRole("radio", { name: "4 stars" }), { key: "ArrowRight" });
  });
  expect(store.api.getState().values.satisfaction).toBe(5);
});
