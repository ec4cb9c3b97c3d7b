import type { AppModel } from "../app/model.js";
import { approvalEffectVariables } from "../app/scope.js";
import type { Formula } from "../expr/formula.js";
import type { Issue } from "../issues/issue.js";
import type { App, Approval } from "../schema/types.js";
import { type WorkflowCompileContext, type WorkflowCompileOptions, workflowContext } from "./compileContext.js";
import { type CompiledEffects, compileEffects } from "./effects.js";
import { workflowIssue } from "./messages.js";

export type EffectMoment = "submit" | "approve" | "reject" | "recall";

/** The formulas of one approval definition (the current one or a request's snapshot), compiled. */
export interface ApprovalProgram {
  readonly definition: Approval;
  readonly entry: Formula | undefined;
  /** Step id → its condition (undefined: always applies). */
  readonly conditions: ReadonlyMap<string, Formula | undefined>;
  readonly effects: Readonly<Record<EffectMoment, CompiledEffects>>;
}

/** An approval of an app, compiled: the current definition, and its snapshots on demand. */
export interface CompiledApproval {
  readonly id: string;
  readonly entity: string;
  /** The definition new submissions use. */
  readonly definition: Approval;
  readonly current: ApprovalProgram;
  /**
   * The program of a snapshot a running request keeps. Compiled against the current app
   * (cached); an issue when it no longer compiles (e.g. a field it reads was deleted).
   */
  program(snapshot: Approval): ApprovalProgram | Issue;
}

const SNAPSHOT_CACHE = 16;

/**
 * Compile an approval of an app. Throws when the app has no such approval or its formulas
 * do not compile (a valid app never does that: `validateApp` reports it first).
 *
 * @example
 * const approval = compileApproval(app, "promotion_approval", { functions: runtime.functions });
 * const result = approvalTransition(approval, stored, { type: "submit", user: "u1", at: now }, context);
 */
export function compileApproval(
  app: App | AppModel,
  workflowId: string,
  options: WorkflowCompileOptions,
): CompiledApproval {
  const { workflow, ctx } = workflowContext(app, workflowId, "approval", options);
  const current = compileProgram(workflow, ctx);
  const currentKey = JSON.stringify(workflow);
  const cache = new Map<string, ApprovalProgram | Issue>();
  return {
    id: workflow.id,
    entity: workflow.entity,
    definition: workflow,
    current,
    program(snapshot) {
      if (snapshot === workflow) return current;
      const key = JSON.stringify(snapshot);
      if (key === currentKey) return current;
      const hit = cache.get(key);
      if (hit) return hit;
      let compiled: ApprovalProgram | Issue;
      try {
        compiled = compileProgram(snapshot, ctx);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        compiled = workflowIssue("approval.definitionInvalid", "", { workflow: snapshot.id, reason });
      }
      if (cache.size >= SNAPSHOT_CACHE) cache.delete(cache.keys().next().value as string);
      cache.set(key, compiled);
      return compiled;
    },
  };
}

function compileProgram(definition: Approval, ctx: WorkflowCompileContext): ApprovalProgram {
  const conditions = new Map<string, Formula | undefined>();
  for (const step of definition.steps) {
    if (!conditions.has(step.id)) {
      conditions.set(step.id, step.condition === undefined ? undefined : ctx.boolean(step.condition, "Condition"));
    }
  }
  return {
    definition,
    entry: definition.entryCriteria === undefined ? undefined : ctx.boolean(definition.entryCriteria, "Entry criteria"),
    conditions,
    effects: {
      submit: compileEffects(definition.onSubmit, ctx, approvalEffectVariables),
      approve: compileEffects(definition.onApprove, ctx, approvalEffectVariables),
      reject: compileEffects(definition.onReject, ctx, approvalEffectVariables),
      recall: compileEffects(definition.onRecall, ctx, approvalEffectVariables),
    },
  };
}

/** True when `x` is a program (not the issue `program()` returns for a stale snapshot). */
export function isProgram(x: ApprovalProgram | Issue): x is ApprovalProgram {
  return "conditions" in x;
}
