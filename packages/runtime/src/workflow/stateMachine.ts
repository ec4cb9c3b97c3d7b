import type { AppModel } from "../app/model.js";
import type { Formula } from "../expr/formula.js";
import type { EvalEnv, Value } from "../expr/values.js";
import type { Issue } from "../issues/issue.js";
import type { App } from "../schema/types.js";
import { type WorkflowCompileOptions, workflowContext } from "./compileContext.js";
import { type CompiledEffects, compileEffects, type EvaluatedEffect } from "./effects.js";
import { labelIssue, workflowIssue } from "./messages.js";
import type {
  CompiledStateMachine,
  StateDefinition,
  TakeResult,
  TransitionDefinition,
  WorkflowActor,
} from "./stateMachine.types.js";
import { isBlank, toValue } from "./values.js";

interface CompiledTransition {
  readonly definition: TransitionDefinition;
  readonly guard: Formula | undefined;
  readonly effects: CompiledEffects;
}

/**
 * Compile a stage machine of an app. Pure from then on: `take` reads only its arguments.
 *
 * Decisions:
 * - `from: "*"` matches every state that is not final and is not the target itself, so a
 *   wildcard never reopens a closed record nor loops; list final states explicitly to reopen.
 * - Roles: an empty or missing `roles` list, or `"*"` in it, lets anyone take the transition.
 * - The guard and `requiredFields` read the record as it is (before the transition's own
 *   changes), so the user fills the fields first; a blank or failing guard counts as failed.
 * - Exit guards: a move to a state later in `states` must satisfy the exit guards of its
 *   source and of every state it skips (Path-style stage criteria); each failing guard is its
 *   own `workflow.guardFailed` issue with the guard's message. Moves back, and transitions
 *   with `skipExitGuards` (closing as lost), check none.
 * - Effects run on the record with the changes made so far (state field, then transition
 *   setFields, then the target's onEnter), so `onEnter` sees the new state.
 *
 * @example
 * const machine = compileStateMachine(app, "opportunity_stage", { functions: runtime.functions });
 * const result = machine.take(record, "negotiate", { id: "u1", roles: ["rep"] }, env);
 * if (result.ok) save({ ...result.changes }), appendHistory(result.history), run(result.effects);
 * else show(result.issues); // every reason at once
 */
export function compileStateMachine(
  app: App | AppModel,
  workflowId: string,
  options: WorkflowCompileOptions,
): CompiledStateMachine {
  const { workflow: definition, ctx } = workflowContext(app, workflowId, "stateMachine", options);
  const states = new Map<string, StateDefinition>(definition.states.map((s) => [s.id, s]));
  const onEnter = new Map<string, CompiledEffects>(
    definition.states.map((s) => [s.id, compileEffects(s.onEnter, ctx)]),
  );
  const transitions = new Map<string, CompiledTransition>();
  for (const t of definition.transitions) {
    if (transitions.has(t.id)) continue;
    transitions.set(t.id, {
      definition: t,
      guard: t.guard === undefined ? undefined : ctx.boolean(t.guard, "Guard"),
      effects: compileEffects(t.effects, ctx),
    });
  }
  const field = definition.field;
  // Exit guards in state order: a forward move checks its source's and every skipped state's.
  const order = new Map(definition.states.map((s, i) => [s.id, i]));
  const exitGuards = definition.states.map((s) =>
    (s.exitGuards ?? []).map((g) => ({ state: s.id, guard: g, formula: ctx.boolean(g.condition, "Exit guard") })),
  );
  const exitGuardsBetween = (from: string, to: string) => {
    const a = order.get(from);
    const b = order.get(to);
    return a === undefined || b === undefined || b <= a ? [] : exitGuards.slice(a, b).flat();
  };

  const state = (record: Readonly<Record<string, unknown>>): string => {
    const value = record[field];
    return typeof value === "string" && value.trim() !== "" ? value : definition.initial;
  };
  const fromMatches = (t: TransitionDefinition, current: string): boolean =>
    t.from === "*" ? current !== t.to && states.get(current)?.final !== true : t.from.includes(current);

  return {
    id: definition.id,
    definition,
    entity: definition.entity,
    field,
    state,
    available(record, actor) {
      const current = state(record);
      return [...transitions.values()]
        .map((t) => t.definition)
        .filter((t) => fromMatches(t, current) && rolesMatch(t, actor));
    },
    take(record, transitionId, actor, env): TakeResult {
      const compiled = transitions.get(transitionId);
      if (!compiled) {
        const allowed = [...transitions.keys()];
        return {
          ok: false,
          issues: [
            workflowIssue("workflow.unknownTransition", "", {
              workflow: definition.id,
              transition: transitionId,
              allowed,
            }),
          ],
        };
      }
      const t = compiled.definition;
      const from = state(record);
      const issues = checkTransition(compiled, from, fromMatches(t, from), actor, record, env, field);
      if (t.skipExitGuards !== true) {
        for (const { state: at, guard, formula } of exitGuardsBetween(from, t.to)) {
          const result = formula.evaluate(record, env);
          if (result.ok && result.value === true) continue;
          const params = { transition: t.id, state: at, exitGuard: guard.id, guard: guard.condition };
          issues.push(labelIssue("workflow.guardFailed", "", guard.message, guard.condition, params));
        }
      }
      if (issues.length > 0) return { ok: false, issues };

      const changes: Record<string, Value> = { [field]: t.to };
      const effects: EvaluatedEffect[] = [];
      for (const list of [compiled.effects, onEnter.get(t.to)]) {
        if (!list) continue;
        const result = list.run({ ...record, ...changes }, env);
        if (!result.ok) {
          const reason = result.issue.message.en;
          return { ok: false, issues: [workflowIssue("workflow.effectFailed", "", { transition: t.id, reason })] };
        }
        for (const effect of result.effects) {
          // setFields with links need the ids of records created by earlier effects: the host's.
          // So do setFields on a related record.
          if (effect.kind === "setFields" && !effect.links && !effect.relation) Object.assign(changes, effect.values);
          else effects.push(effect);
        }
      }
      const after = { ...record, ...changes };
      const snapshot = Object.fromEntries((definition.history?.fields ?? []).map((f) => [f, toValue(after[f])]));
      return {
        ok: true,
        from,
        to: t.to,
        transition: t,
        changes,
        effects,
        history: { workflow: definition.id, transition: t.id, from, to: t.to, snapshot },
      };
    },
  };
}

function rolesMatch(t: TransitionDefinition, actor: WorkflowActor): boolean {
  const roles = t.roles ?? [];
  if (roles.length === 0 || roles.includes("*")) return true;
  const has = actor.roles instanceof Set ? actor.roles : new Set(actor.roles);
  return roles.some((r) => has.has(r));
}

/** Every reason the transition cannot be taken now (empty when it can). */
function checkTransition(
  compiled: CompiledTransition,
  from: string,
  fromOk: boolean,
  actor: WorkflowActor,
  record: Readonly<Record<string, unknown>>,
  env: EvalEnv,
  field: string,
): Issue[] {
  const t = compiled.definition;
  const issues: Issue[] = [];
  if (!fromOk) {
    const fromList = t.from === "*" ? ["*"] : t.from;
    issues.push(workflowIssue("workflow.notFromHere", `/${field}`, { transition: t.id, state: from, from: fromList }));
  }
  if (!rolesMatch(t, actor))
    issues.push(workflowIssue("workflow.roleRequired", "", { transition: t.id, roles: t.roles }));
  if (compiled.guard) {
    const result = compiled.guard.evaluate(record, env);
    if (!result.ok || result.value !== true) {
      const params = {
        transition: t.id,
        guard: compiled.guard.text,
        ...(result.ok ? {} : { reason: result.issue.message.en }),
      };
      const fallback = {
        en: `The condition of '${t.id}' is not met: ${compiled.guard.text}. Change the record so it holds.`,
        "zh-CN": `不满足流转“${t.id}”的条件：${compiled.guard.text}。请修改记录使其成立。`,
      };
      issues.push(labelIssue("workflow.guardFailed", "", t.guardMessage ?? fallback, compiled.guard.text, params));
    }
  }
  const missing = (t.requiredFields ?? []).filter((f) => isBlank(record[f]));
  if (missing.length > 0) {
    issues.push(workflowIssue("workflow.missingFields", `/${missing[0]}`, { transition: t.id, fields: missing }));
  }
  return issues;
}
