import type { StateMachine } from "../../schema/types.js";
import { schemaIssue } from "../messages.js";
import type { CheckContext } from "./context.js";

function checkStateMachine(ctx: CheckContext, wf: StateMachine, path: string): void {
  const field = ctx.model.entities.get(wf.entity)?.fields.get(wf.field)?.value;
  const options = field?.kind === "select" ? field.options.map((o) => o.value) : undefined;
  const states = new Set(wf.states.map((s) => s.id));
  const checkState = (state: string, at: string) => {
    if (options && !options.includes(state)) {
      ctx.issues.push(schemaIssue("workflow.unknownState", at, { state, field: wf.field, allowed: options }));
    } else if (!options && !states.has(state)) {
      ctx.issues.push(schemaIssue("workflow.unknownState", at, { state, field: wf.field, allowed: [...states] }));
    }
  };
  wf.states.forEach((s, i) => checkState(s.id, `${path}/states/${i}/id`));
  if (!states.has(wf.initial)) checkState(wf.initial, `${path}/initial`);
  wf.transitions.forEach((t, i) => {
    if (t.from !== "*") t.from.forEach((s, j) => checkState(s, `${path}/transitions/${i}/from/${j}`));
    checkState(t.to, `${path}/transitions/${i}/to`);
  });
  for (const option of options ?? []) {
    if (!states.has(option))
      ctx.issues.push(schemaIssue("workflow.missingState", `${path}/states`, { state: option, field: wf.field }));
  }

  // Reachability from the initial state (breadth-first over the transitions).
  const next = (state: string) =>
    wf.transitions.filter((t) => t.from === "*" || t.from.includes(state)).map((t) => t.to);
  const reached = new Set([wf.initial]);
  const queue = [wf.initial];
  while (queue.length > 0) {
    for (const to of next(queue.shift() as string)) {
      if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  wf.states.forEach((s, i) => {
    if (!reached.has(s.id)) {
      ctx.issues.push(
        schemaIssue("workflow.unreachableState", `${path}/states/${i}`, { state: s.id, initial: wf.initial }),
      );
    }
    const exits = next(s.id).filter((to) => to !== s.id);
    if (!s.final && exits.length === 0)
      ctx.issues.push(schemaIssue("workflow.deadEnd", `${path}/states/${i}`, { state: s.id }));
  });
}

/** Stage machines are well-formed graphs; approval steps are consistent. */
export function checkWorkflows(ctx: CheckContext): void {
  ctx.model.app.workflows?.forEach((wf, w) => {
    const path = `/workflows/${w}`;
    if (wf.kind === "stateMachine") {
      checkStateMachine(ctx, wf, path);
      return;
    }
    wf.steps.forEach((step, i) => {
      const p = `${path}/steps/${i}`;
      if (step.mode === "percentage" && step.percentage === undefined)
        ctx.issues.push(schemaIssue("workflow.percentageRequired", `${p}/mode`));
      const sla = step.sla;
      if (sla?.remindAfterHours !== undefined && sla.remindAfterHours >= sla.hours) {
        ctx.issues.push(
          schemaIssue("workflow.remindAfterSla", `${p}/sla/remindAfterHours`, {
            remind: sla.remindAfterHours,
            hours: sla.hours,
          }),
        );
      }
    });
  });
}
