import { type App, createRuntime, type RecordContext } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { salesApp } from "../../../test/fixtures/salesApp.js";
import { createPlinthI18n } from "../i18n.js";
import { createFormStore } from "./formStore.js";

const runtime = createRuntime();
const app = runtime.validateApp(salesApp()).app as App;
const context: RecordContext = {
  mode: "create",
  today: "2026-06-01",
  now: "2026-06-01T09:00:00.000Z",
  user: { id: "u1" },
};
const form = () => createFormStore({ app, entity: "opportunity", context, runtime });

describe("createFormStore", () => {
  it("computes formula fields and keeps untouched slices identical", () => {
    const store = form();
    const notes = store.api.getState().fields.notes;
    store.setValue("amount", 1000);
    store.setValue("probability", 50);
    const state = store.api.getState();
    expect(state.fields.expected_revenue?.value).toBe(500);
    expect(state.fields.expected_revenue?.readOnly).toBe(true);
    expect(state.fields.notes).toBe(notes);
    expect(store.isDirty()).toBe(true);
    store.reset();
    expect(store.isDirty()).toBe(false);
  });

  it("starts a new record from the fields' defaults ($user, literals), and an edit from the record alone", () => {
    const created = form().api.getState().fields;
    expect(created.owner?.value).toBe("u1");
    expect(created.probability?.value).toBe(10);
    const edited = createFormStore({
      app,
      entity: "opportunity",
      context: { ...context, mode: "update", old: { id: "o1", name: "Deal" } },
      initial: { id: "o1", name: "Deal" },
      runtime,
    }).api.getState().fields;
    expect(edited.owner?.value ?? null).toBeNull();
    expect(form().isDirty()).toBe(false);
  });

  it("evaluates visibleWhen on the normalised record and shows issues once touched or submitted", () => {
    const store = form();
    expect(store.api.getState().fields.lost_reason?.visible).toBe(false);
    store.setValue("stage", "lost");
    expect(store.api.getState().fields.lost_reason?.visible).toBe(true);
    expect(store.api.getState().fields.name?.issues).toEqual([]);
    expect(store.touchAll().fields.name?.issues.map((i) => i.code)).toEqual(["record.required"]);
    expect(store.hasErrors()).toBe(true);
  });

  it("maps server issues by JSON Pointer and drops them when the field is edited", () => {
    const store = form();
    const issue = {
      code: "x",
      path: "/tags/0",
      params: {},
      message: { en: "no", "zh-CN": "不" },
      severity: "error",
    } as const;
    store.applyServerIssues([issue, { ...issue, path: "" }]);
    expect(store.api.getState().fields.tags?.issues).toEqual([issue]);
    expect(store.api.getState().formIssues).toHaveLength(1);
    store.setValue("tags", ["renewal"]);
    expect(store.api.getState().fields.tags?.issues).toEqual([]);
  });

  it("submits the core's normalised input values", () => {
    const store = form();
    store.setValue("name", "  Deal  ");
    expect(store.submitValues()).toMatchObject({ name: "Deal", stage: "prospecting", owner: "u1", notes: null });
    expect(store.submitValues()).not.toHaveProperty("expected_revenue");
  });
});

describe("createPlinthI18n", () => {
  it("speaks both languages without touching a global instance", () => {
    expect(createPlinthI18n("zh-CN").t("unsavedChanges")).toBe("有尚未保存的更改");
    expect(createPlinthI18n("en").t("save")).toBe("Save");
  });
});
