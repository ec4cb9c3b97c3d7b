import type { App, ApprovalStep, Effect, StateMachine, Workflow } from "@plinth/runtime";
import { type Command, insertItem, moveItem, removeItem } from "../../store/commands.js";

/** The workflow panel's named edits: each one undo step with what it did in both languages. */

export const workflowPath = (w: number) => `/workflows/${w}`;

function machineIn(draft: App, w: number): StateMachine {
  const wf = draft.workflows?.[w];
  if (wf?.kind !== "stateMachine") throw new Error(`No stage machine at /workflows/${w}`);
  return wf;
}

export function addWorkflow(wf: Workflow): Command {
  return insertItem("/workflows", wf, undefined, { en: `Add workflow ${wf.id}`, "zh-CN": `添加工作流 ${wf.id}` });
}

export function removeWorkflow(w: number, id: string): Command {
  return removeItem("/workflows", w, { en: `Remove workflow ${id}`, "zh-CN": `删除工作流 ${id}` });
}

export function addState(w: number, id: string): Command {
  return insertItem(`${workflowPath(w)}/states`, { id }, undefined, {
    en: `Add state ${id}`,
    "zh-CN": `添加状态 ${id}`,
  });
}

/** Remove a state with the transitions into it; transitions out of it lose it from `from`. */
export function removeState(w: number, s: number, id: string): Command {
  return {
    name: "removeState",
    label: { en: `Remove state ${id}`, "zh-CN": `删除状态 ${id}` },
    recipe: (draft) => {
      const wf = machineIn(draft, w);
      wf.states.splice(s, 1);
      wf.transitions = wf.transitions
        .filter((t) => t.to !== id)
        .map((t) => (t.from === "*" ? t : { ...t, from: t.from.filter((f) => f !== id) }))
        .filter((t) => t.from === "*" || t.from.length > 0);
    },
  };
}

export function addTransition(w: number, transition: StateMachine["transitions"][number]): Command {
  return insertItem(`${workflowPath(w)}/transitions`, transition, undefined, {
    en: `Add transition ${transition.id}`,
    "zh-CN": `添加流转 ${transition.id}`,
  });
}

export function removeTransition(w: number, t: number, id: string): Command {
  return removeItem(`${workflowPath(w)}/transitions`, t, { en: `Remove transition ${id}`, "zh-CN": `删除流转 ${id}` });
}

type SetFields = Extract<Effect, { kind: "setFields" }>;

/**
 * Set (or with `undefined` remove) what entering a state writes into a field: kept in the
 * state's first setFields effect, made when missing and dropped when emptied.
 */
export function setOnEnterValue(w: number, s: number, field: string, formula: string | undefined): Command {
  return {
    name: "setOnEnterValue",
    label: { en: `Set ${field} on entering`, "zh-CN": `进入时设置 ${field}` },
    mergeKey: `onEnter:${w}:${s}:${field}`,
    recipe: (draft) => {
      const state = machineIn(draft, w).states[s];
      if (!state) throw new Error(`No state ${s}`);
      state.onEnter ??= [];
      let effect = state.onEnter.find((e): e is SetFields => e.kind === "setFields");
      if (!effect) {
        if (formula === undefined) return;
        effect = { kind: "setFields", values: {} };
        state.onEnter.push(effect);
      }
      const holder = effect.values as Record<string, string>;
      if (formula === undefined) delete holder[field];
      else holder[field] = formula;
      if (Object.keys(holder).length === 0) state.onEnter.splice(state.onEnter.indexOf(effect), 1);
      if (state.onEnter.length === 0) delete state.onEnter;
    },
  };
}

export function addStep(w: number, step: ApprovalStep, index?: number): Command {
  return insertItem(`${workflowPath(w)}/steps`, step, index, {
    en: `Add step ${step.id}`,
    "zh-CN": `添加步骤 ${step.id}`,
  });
}

export function removeStep(w: number, i: number, id: string): Command {
  return removeItem(`${workflowPath(w)}/steps`, i, { en: `Remove step ${id}`, "zh-CN": `删除步骤 ${id}` });
}

/** Move a step one place earlier (-1) or later (+1). */
export function moveStep(w: number, i: number, by: -1 | 1, id: string): Command {
  const steps = `${workflowPath(w)}/steps`;
  return {
    ...moveItem(steps, i, steps, by < 0 ? i - 1 : i + 2),
    name: "moveStep",
    label:
      by < 0
        ? { en: `Move step ${id} up`, "zh-CN": `上移步骤 ${id}` }
        : { en: `Move step ${id} down`, "zh-CN": `下移步骤 ${id}` },
  };
}
