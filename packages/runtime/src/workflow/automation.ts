import { type AppModel, indexApp } from "../app/model.js";
import { approverVariables, createAppScope, FieldTypes } from "../app/scope.js";
import { compileFormulaText, type Formula, typedNodes } from "../expr/formula.js";
import type { ImplementedFunction } from "../expr/functions/implemented.js";
import type { EvalEnv } from "../expr/values.js";
import type { App, Automation, Effect } from "../schema/types.js";
import type {
  AutomationEvent,
  AutomationRun,
  CompiledAutomation,
  CompiledAutomations,
  Truth,
} from "./automation.types.js";
import { automationIssue } from "./automationMessages.js";
import { nextRun } from "./automationSchedule.js";
import { compileEffects } from "./effects.js";

/** Options of {@link compileAutomations}. */
export interface AutomationCompileOptions {
  /** The formula functions (usually `runtime.functions`). */
  readonly functions: ReadonlyMap<string, ImplementedFunction>;
}

const SCHEDULED = new Set(["cron", "schedule", "dateOffset", "becomesTrue"]);

/**
 * Compile the enabled automations of a valid app (`enabled` omitted counts as enabled).
 * Pure from then on: `onWrite` reads only its arguments.
 *
 * Decisions:
 * - A blank condition or `becomesTrue` formula is FALSE; one that fails to evaluate is an
 *   issue in the result (`automation.conditionFailed`), not a silent "no".
 * - `update` with `fields` fires only when one of them changed (compared as JSON, blank = null).
 * - `becomesTrue` is checked on every write that is not a delete: it fires when the formula is
 *   TRUE on the new record and was not TRUE on the old one (no old record: not TRUE before).
 *   Hosts keep a "fired" marker so the hourly sweep and the writes never fire twice.
 * - Effects are evaluated on the new record (the removed one for deletes), with `$old.*`.
 *
 * @example
 * const automations = compileAutomations(app, { functions: runtime.functions });
 * for (const run of automations.onWrite({ kind: "update", entity: "deal", record, old }, env))
 *   if (run.ok) carryOut(run.effects); else audit(run.issue);
 */
export function compileAutomations(app: App | AppModel, options: AutomationCompileOptions): CompiledAutomations {
  const model = app.entities instanceof Map ? (app as AppModel) : indexApp(app as App);
  const types = new FieldTypes(model, options.functions);
  const all = (model.app.automations ?? [])
    .filter((a) => a.enabled !== false && model.entities.has(a.entity))
    .map((a) => compileOne(a, model, types, options.functions));
  const byId = new Map(all.map((a) => [a.id, a]));
  return {
    all,
    get: (id) => byId.get(id),
    onWrite(event, env) {
      const runs: AutomationRun[] = [];
      const withOld: EvalEnv = { ...env, old: event.old };
      for (const automation of all) {
        if (automation.entity !== event.entity) continue;
        const fires = triggerFires(automation, event, withOld);
        if (fires === false) continue;
        if (fires !== true) {
          runs.push({ automation: automation.id, ok: false, issue: fires.issue });
          continue;
        }
        const run = automation.run(event.record, withOld);
        if (run) runs.push(run);
      }
      return runs;
    },
    scheduled: () => all.filter((a) => SCHEDULED.has(a.trigger.kind)),
  };
}

/** True, false, or the failure of the `becomesTrue` formula on the new record. */
function triggerFires(
  automation: CompiledAutomation,
  event: AutomationEvent,
  env: EvalEnv,
): boolean | { readonly issue: import("../issues/issue.js").Issue } {
  const trigger = automation.trigger;
  switch (trigger.kind) {
    case "create":
    case "delete":
      return event.kind === trigger.kind;
    case "update":
      return event.kind === "update" && (trigger.fields === undefined || changedAny(trigger.fields, event));
    case "transition":
      return (
        event.kind === "transition" &&
        event.workflow === trigger.workflow &&
        (trigger.transition === undefined || event.transition === trigger.transition)
      );
    case "approval":
      return event.kind === "approval" && event.workflow === trigger.workflow && event.outcome === trigger.outcome;
    case "becomesTrue": {
      if (event.kind === "delete") return false;
      const now = automation.isTrue(event.record, env);
      if (!now.ok) return { issue: now.issue };
      if (!now.value) return false;
      if (event.old === undefined) return true;
      const before = automation.isTrue(event.old, { ...env, old: undefined });
      return !(before.ok && before.value);
    }
    case "dateOffset":
    case "cron":
    case "schedule":
      return false;
  }
}

function changedAny(fields: readonly string[], event: AutomationEvent): boolean {
  const old = event.old;
  if (old === undefined) return true;
  return fields.some((f) => JSON.stringify(event.record[f] ?? null) !== JSON.stringify(old[f] ?? null));
}

function compileOne(
  definition: Automation,
  model: AppModel,
  types: FieldTypes,
  functions: ReadonlyMap<string, ImplementedFunction>,
): CompiledAutomation {
  const entity = definition.entity;
  const scope = createAppScope(types, model, entity);
  const compile = (text: string, what: string, expected?: "boolean"): Formula => {
    const result = compileFormulaText(text, scope, functions, expected ? { expected } : {});
    if (!result.ok) {
      throw new Error(
        `${what} '${text}' of automation '${definition.id}' does not compile: ${result.issues[0]?.message.en ?? ""}`,
      );
    }
    return result.formula;
  };
  const condition =
    definition.condition === undefined ? undefined : compile(definition.condition, "Condition", "boolean");
  const trigger = definition.trigger;
  const formula = trigger.kind === "becomesTrue" ? compile(trigger.formula, "Trigger formula", "boolean") : undefined;
  const effects = compileEffects(definition.actions, { model, types, functions, entity });
  const valueFormulas = definition.actions.flatMap((a) => effectTexts(a)).map((t) => compile(t, "Action formula"));
  const matchScope = createAppScope(types, model, entity, approverVariables);
  const matches = new Map<string, Formula>();
  for (const action of definition.actions) {
    if (action.kind !== "notify" || action.to.kind !== "role" || action.to.match === undefined) continue;
    const result = compileFormulaText(action.to.match, matchScope, functions, { expected: "boolean" });
    if (!result.ok) throw new Error(`Recipient match '${action.to.match}' of '${definition.id}' does not compile`);
    matches.set(action.to.match, result.formula);
  }
  const paths = relationPaths([condition, formula, ...valueFormulas, ...matches.values()]);

  const truth = (f: Formula | undefined, record: Readonly<Record<string, unknown>>, env: EvalEnv, ifNone: boolean) => {
    if (f === undefined) return { ok: true, value: ifNone } as const;
    const result = f.evaluate(record, env);
    if (!result.ok) {
      const issue = automationIssue("automation.conditionFailed", "", {
        automation: definition.id,
        reason: result.issue.message.en,
        reasonZh: result.issue.message["zh-CN"],
      });
      return { ok: false, issue } as const;
    }
    return { ok: true, value: result.value === true } as const;
  };

  const self: CompiledAutomation = {
    id: definition.id,
    entity,
    definition,
    trigger,
    condition,
    formula,
    paths,
    holds: (record, env): Truth => truth(condition, record, env, true),
    isTrue: (record, env): Truth => truth(formula, record, env, false),
    effects: (record, env) => effects.run(record, env),
    run(record, env): AutomationRun | undefined {
      const holds = self.holds(record, env);
      if (!holds.ok) return { automation: definition.id, ok: false, issue: holds.issue };
      if (!holds.value) return undefined;
      const result = effects.run(record, env);
      if (result.ok) return { automation: definition.id, ok: true, effects: result.effects };
      const issue = automationIssue("automation.effectFailed", result.issue.path, {
        automation: definition.id,
        reason: result.issue.message.en,
        reasonZh: result.issue.message["zh-CN"],
      });
      return { automation: definition.id, ok: false, issue };
    },
    next: (after) => nextRun(trigger, after),
    partyMatch: (text) => matches.get(text),
  };
  return self;
}

/** Formula texts of an action (setFields, createRecord and webhook values). */
function effectTexts(effect: Effect): string[] {
  switch (effect.kind) {
    case "setFields":
    case "createRecord":
      return Object.values(effect.values);
    case "webhook":
      return Object.values(effect.body ?? {});
    case "notify":
    case "transition":
      return [];
  }
}

/** Paths of two segments or more (through relations) that some formula reads, each once. */
function relationPaths(formulas: ReadonlyArray<Formula | undefined>): Array<readonly string[]> {
  const seen = new Map<string, readonly string[]>();
  for (const f of formulas) {
    if (!f) continue;
    for (const node of typedNodes(f.typed)) {
      if (node.type === "field" && node.path.length > 1) seen.set(node.path.join("."), node.path);
      if (node.type === "variable" && node.path[0] === "old" && node.path.length > 2)
        seen.set(node.path.slice(1).join("."), node.path.slice(1));
    }
  }
  return [...seen.values()];
}
