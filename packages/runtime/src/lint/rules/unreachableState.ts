/**
 * States no one can bring a record into. The graph check of `validateApp` already refuses states
 * with no path from the initial one; this rule also drops the transitions nobody can take: a
 * guard that is the literal FALSE, or roles none of which may update the entity's records
 * (taking a transition is an update). Transitions that effects or automations take run as the
 * system and always count, and a state an effect writes into the state field directly (an
 * approval's `setFields: { status: "'pending'" }`) is reachable (all are, when the value written
 * is not a constant).
 */
import type { StateMachine } from "../../schema/types.js";
import type { LintContext, RuleReport } from "../lint.types.js";
import { defineRule } from "../rule.js";
import { appEffects, isConstantFalse } from "./walk.js";

type Transition = StateMachine["transitions"][number];

function takenBySystem(ctx: LintContext): Set<string> {
  const out = new Set<string>();
  for (const { effect } of appEffects(ctx.app))
    if (effect.kind === "transition") out.add(`${effect.workflow}\u0000${effect.transition}`);
  return out;
}

/** States effects write into the machine's field directly; "any" when a written value is not a constant. */
function writtenStates(ctx: LintContext, wf: StateMachine): string[] | "any" {
  const out: string[] = [];
  for (const site of ctx.formulaSites()) {
    if (site.assigns?.entity !== wf.entity || site.assigns.field !== wf.field) continue;
    const ast = ctx.parse(site.text);
    if (ast?.type !== "string") return "any";
    out.push(ast.value);
  }
  return out;
}

function usable(ctx: LintContext, wf: StateMachine, t: Transition, system: ReadonlySet<string>): boolean {
  if (system.has(`${wf.id}\u0000${t.id}`)) return true;
  if (t.guard !== undefined && isConstantFalse(ctx.parse(t.guard))) return false;
  const listed = t.roles ?? [];
  const roles = listed.length === 0 || listed.includes("*") ? ctx.roles : listed;
  return roles.some(
    (role) => ctx.policy.entityAccess({ id: "plinth-lint", roles: [role] }, wf.entity, "update").allowed,
  );
}

export const unreachableState = defineRule({
  id: "quality/unreachable-state",
  category: "quality",
  severity: "warning",
  summary: {
    en: "A state of a stage machine that no one can reach: every way in is a transition no role may take (or whose guard is FALSE).",
    "zh-CN": "阶段状态机中无人能到达的状态：所有进入它的流转都没有角色可以执行（或其守卫条件恒为 FALSE）。",
  },
  messages: {
    unreachable: {
      en: "State '{state}' of workflow '{workflow}' can never be reached: the transitions into it are ones no role may take (no listed role may update '{entity}' records) or whose guard is FALSE.",
      "zh-CN":
        "工作流“{workflow}”的状态“{state}”永远无法到达：进入它的流转没有角色能执行（所列角色都不能更新“{entity}”记录）或其守卫条件为 FALSE。",
      hint: {
        en: 'Give a role on the way in "update" permission on \'{entity}\', list such a role in the transition\'s "roles", or remove the state.',
        "zh-CN":
          "为进入路径上的某个角色授予“{entity}”的 “update” 权限，在流转的 “roles” 中列出这样的角色，或删除该状态。",
      },
    },
  },
  check(ctx) {
    const system = takenBySystem(ctx);
    const out: RuleReport<"unreachable">[] = [];
    ctx.app.workflows?.forEach((wf, w) => {
      if (wf.kind !== "stateMachine") return;
      const open = wf.transitions.filter((t) => usable(ctx, wf, t, system));
      const written = writtenStates(ctx, wf);
      if (written === "any") return;
      const reached = new Set([wf.initial, ...written]);
      const queue = [...reached];
      for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
        const from = state;
        for (const t of open) {
          if ((t.from === "*" || t.from.includes(from)) && !reached.has(t.to)) {
            reached.add(t.to);
            queue.push(t.to);
          }
        }
      }
      wf.states.forEach((s, i) => {
        if (!reached.has(s.id))
          out.push({
            path: `/workflows/${w}/states/${i}`,
            message: "unreachable",
            params: { state: s.id, workflow: wf.id, entity: wf.entity },
          });
      });
    });
    return out;
  },
});
