// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { createDesignerStore } from "../../store/designerStore.js";
import { fixtureApp } from "../../testing/renderDesigner.js";
import { landingPointer, planDrop } from "./dropPlan.js";
import { valueAtPointer } from "./pointerValue.js";

const section = "/pages/1/layout/children";
const money = "/pages/1/layout/children/2/tabs/0/children";

describe("planning a drop", () => {
  it("inserts a palette node where it is dropped and lands on it", () => {
    const store = createDesignerStore(fixtureApp());
    const drag = {
      from: "palette",
      node: { kind: "field", field: "stage" },
      title: { en: "Stage", "zh-CN": "阶段" },
    } as const;
    const drop = { array: section, index: 1 };
    const command = planDrop(drag, drop);
    expect(command?.label.en).toBe("Add Stage");
    expect(store.getState().apply(command as NonNullable<typeof command>)).toBe(true);
    expect(valueAtPointer(store.getState().doc, landingPointer(drag, drop))).toEqual({ kind: "field", field: "stage" });
  });

  it("moves a node from a section into a tab and back", () => {
    const original = fixtureApp();
    const store = createDesignerStore(original);
    const drag = { from: "canvas", pointer: `${section}/0` } as const;
    const drop = { array: money, index: 1 };
    store.getState().apply(planDrop(drag, drop) as NonNullable<ReturnType<typeof planDrop>>);
    // The section lost its first child, so the tabs node moved up one place.
    const landed = landingPointer(drag, drop);
    expect(landed).toBe("/pages/1/layout/children/1/tabs/0/children/1");
    expect(valueAtPointer(store.getState().doc, landed)).toEqual({ kind: "field", field: "name" });
    const back = { from: "canvas", pointer: landed } as const;
    store.getState().apply(planDrop(back, { array: section, index: 0 }) as NonNullable<ReturnType<typeof planDrop>>);
    expect(store.getState().doc).toEqual(original);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().doc).toEqual(original);
  });

  it("does nothing for a drop in place, into the node itself, or of the page's root", () => {
    expect(planDrop({ from: "canvas", pointer: `${section}/1` }, { array: section, index: 1 })).toBeUndefined();
    expect(planDrop({ from: "canvas", pointer: `${section}/1` }, { array: section, index: 2 })).toBeUndefined();
    expect(planDrop({ from: "canvas", pointer: `${section}/2` }, { array: money, index: 0 })).toBeUndefined();
    expect(planDrop({ from: "canvas", pointer: "/pages/1/layout" }, { array: money, index: 0 })).toBeUndefined();
  });

  it("reorders within a list, counting the target index before the move", () => {
    const store = createDesignerStore(fixtureApp());
    const drag = { from: "canvas", pointer: `${section}/0` } as const;
    const drop = { array: section, index: 3 };
    store.getState().apply(planDrop(drag, drop) as NonNullable<ReturnType<typeof planDrop>>);
    expect(landingPointer(drag, drop)).toBe(`${section}/2`);
    expect(valueAtPointer(store.getState().doc, `${section}/2`)).toEqual({ kind: "field", field: "name" });
  });
});
