import type { App, Approval, StateMachine } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { salesApp } from "../../../../runtime/test/fixtures/salesApp.js";
import { createDesignerStore } from "../../store/designerStore.js";
import { moveStep, removeState, setOnEnterValue } from "./commands.js";

const start = () => createDesignerStore(structuredClone(salesApp()) as unknown as App);
const workflowOf = <W>(store: ReturnType<typeof start>, w: number): W => store.getState().doc.workflows?.[w] as W;

describe("workflow commands", () => {
  it("removes a state with the transitions into it and drops it from the others' sources, in one undo step", () => {
    const store = start();
    const before = store.getState().doc;
    store.getState().apply(removeState(0, 1, "negotiation"));
    const wf = store.getState().doc.workflows?.[0] as StateMachine;
    expect(wf.states.map((s) => s.id)).toEqual(["prospecting", "won", "lost"]);
    // negotiate went into it, win only came out of it; lose (from any state) stays.
    expect(wf.transitions.map((t) => t.id)).toEqual(["lose"]);
    store.getState().undo();
    expect(store.getState().doc).toEqual(before);
  });

  it("keeps what entering a state sets in one setFields effect, made and dropped as needed", () => {
    const store = start();
    const state = () => workflowOf<StateMachine>(store, 0).states[3];
    store.getState().apply(setOnEnterValue(0, 3, "probability", "0"));
    expect(state()?.onEnter).toEqual([{ kind: "setFields", values: { probability: "0" } }]);
    store.getState().apply(setOnEnterValue(0, 3, "probability", undefined));
    expect(state()).toEqual({ id: "lost", final: true });
  });

  it("moves an approval step up and down", () => {
    const store = start();
    const ids = () => workflowOf<Approval>(store, 1).steps.map((s) => s.id);
    store.getState().apply(moveStep(1, 0, 1, "manager"));
    expect(ids()).toEqual(["finance", "manager"]);
    store.getState().apply(moveStep(1, 1, -1, "manager"));
    expect(ids()).toEqual(["manager", "finance"]);
    expect(store.getState().past.at(-1)?.label).toEqual({ en: "Move step manager up", "zh-CN": "上移步骤 manager" });
  });
});
