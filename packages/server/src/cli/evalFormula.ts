import {
  type App,
  compileFormulaText,
  createAppScope,
  type EvalEnv,
  FieldTypes,
  type FormulaType,
  type Issue,
  indexApp,
  type Runtime,
  type Value,
} from "@plinth/runtime";
import { cliIssue } from "./messages.js";

/** A record as formulas read it: field ids to stored values. */
export type FormulaRecord = Readonly<Record<string, unknown>>;

/** What to evaluate, and on what. */
export interface FormulaEvaluation {
  /** A valid app (as returned by `validateApp`). */
  readonly app: App;
  /** The entity the formula runs on. */
  readonly entity: string;
  readonly formula: string;
  readonly record: FormulaRecord;
  /** Today, now, the user and how relation paths are read. */
  readonly env: EvalEnv;
}

/**
 * The outcome of evaluating a formula:
 * - `value`: it type-checked, compiled and ran; `type` is its static type;
 * - `formulaError`: it does not parse or type-check, or failed on this record (issues carry
 *   `start`, `end`, `line` and `column` of the formula text when they point into it);
 * - `usage`: the request itself is wrong (no such entity).
 */
export type FormulaOutcome =
  | { readonly status: "value"; readonly value: Value; readonly type: FormulaType }
  | { readonly status: "formulaError"; readonly issues: readonly Issue[] }
  | { readonly status: "usage"; readonly issues: readonly Issue[] };

/**
 * Type-check a formula against an entity of an app, compile it and evaluate it on a record,
 * through the same public pipeline the server uses. Pure: the clock and user come in `env`.
 *
 * @example
 * const outcome = evaluateOnApp(runtime, { app, entity: "opportunity", formula: "amount * 2", record: { amount: 3 }, env });
 * // { status: "value", value: 6, type: { kind: "number" } }
 */
export function evaluateOnApp(runtime: Runtime, request: FormulaEvaluation): FormulaOutcome {
  const { app, entity, formula } = request;
  const model = indexApp(app);
  if (!model.entities.has(entity)) {
    const available = [...model.entities.keys()].join(", ");
    return { status: "usage", issues: [cliIssue("cli.unknownEntity", { entity, available })] };
  }
  const scope = createAppScope(new FieldTypes(model, runtime.functions), model, entity);
  const compiled = compileFormulaText(formula, scope, runtime.functions);
  if (!compiled.ok) return { status: "formulaError", issues: compiled.issues };
  const result = compiled.formula.evaluate(request.record, request.env);
  return result.ok
    ? { status: "value", value: result.value, type: compiled.formula.type }
    : { status: "formulaError", issues: [result.issue] };
}
