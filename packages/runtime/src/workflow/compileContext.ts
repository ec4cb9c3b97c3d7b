import { type AppModel, indexApp } from "../app/model.js";
import { createAppScope, FieldTypes } from "../app/scope.js";
import { compileFormulaText, type Formula } from "../expr/formula.js";
import type { ImplementedFunction } from "../expr/functions/implemented.js";
import type { App, Workflow } from "../schema/types.js";
import type { EffectCompileContext } from "./effects.js";

/** Options of the workflow compilers. */
export interface WorkflowCompileOptions {
  /** The formula functions (usually `runtime.functions`). */
  readonly functions: ReadonlyMap<string, ImplementedFunction>;
}

/** What compiling one workflow needs: the indexed app, field types, a formula compiler. */
export interface WorkflowCompileContext extends EffectCompileContext {
  /** Compile a boolean formula of the workflow's entity; throws when it does not compile. */
  boolean(text: string, what: string): Formula;
}

/**
 * Find a workflow of the wanted kind and prepare to compile its formulas. Workflows of a
 * valid app always compile (`validateApp` reports bad ones first), so a missing workflow
 * or a formula that does not compile is a programming error and throws.
 */
export function workflowContext<K extends Workflow["kind"]>(
  app: App | AppModel,
  workflowId: string,
  kind: K,
  options: WorkflowCompileOptions,
): { readonly workflow: Extract<Workflow, { kind: K }>; readonly ctx: WorkflowCompileContext } {
  const model = isAppModel(app) ? app : indexApp(app);
  const workflow = model.workflows.get(workflowId)?.value;
  if (!workflow || workflow.kind !== kind) throw new Error(`The app has no ${kind} workflow '${workflowId}'`);
  const types = new FieldTypes(model, options.functions);
  const entity = workflow.entity;
  const scope = createAppScope(types, model, entity);
  const boolean = (text: string, what: string): Formula => {
    const result = compileFormulaText(text, scope, options.functions, { expected: "boolean" });
    if (!result.ok)
      throw new Error(`${what} '${text}' of '${workflowId}' does not compile: ${result.issues[0]?.message.en ?? ""}`);
    return result.formula;
  };
  return {
    workflow: workflow as Extract<Workflow, { kind: K }>,
    ctx: { model, types, functions: options.functions, entity, boolean },
  };
}

function isAppModel(app: App | AppModel): app is AppModel {
  return app.workflows instanceof Map;
}
