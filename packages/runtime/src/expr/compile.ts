import type { Issue } from "../issues/issue.js";
import type { TypedNode } from "./ast.js";
import { asEvaluationError, FormulaCompileError, FormulaEvaluationError } from "./backendMessages.js";
import { compileToClosures } from "./compileClosures.js";
import { compileToCode } from "./compileCodegen.js";
import type { FormulaRecord } from "./compileOps.js";
import { typedTree } from "./compileTree.js";
import type { ImplementedFunction } from "./functions/implemented.js";
import type { EvalEnv, Value } from "./values.js";

export type { FormulaRecord } from "./compileOps.js";

/** A compiled formula. Throws {@link FormulaEvaluationError} (never a raw TypeError) on bad data. */
export type CompiledFormula = (record: FormulaRecord, env: EvalEnv) => Value;

/**
 * How to compile: `codegen` generates JavaScript from the checked tree (fast; needs
 * `new Function`), `closures` builds a closure tree (works under a strict CSP), `auto` tries
 * codegen and falls back to closures.
 */
export type CompileStrategy = "auto" | "codegen" | "closures";

export interface CompileOptions {
  readonly strategy?: CompileStrategy;
}

/**
 * Compile a type-checked formula into a function of a record and an environment.
 *
 * @example
 * const score = compileFormula(typed, standardFunctions);
 * score({ amount: 120_000 }, env); // "HQ"
 *
 * @throws FormulaCompileError when the tree calls a function missing from `functions`.
 */
export function compileFormula(
  typed: TypedNode,
  functions: ReadonlyMap<string, ImplementedFunction>,
  options: CompileOptions = {},
): CompiledFormula {
  const tree = typedTree(typed);
  const strategy = options.strategy ?? "auto";
  if (strategy === "closures") return guard(compileToClosures(tree, functions));
  if (strategy === "codegen") return compileToCode(tree, functions);
  try {
    return compileToCode(tree, functions);
  } catch (error) {
    if (error instanceof FormulaCompileError) throw error;
    // new Function refused (Content-Security-Policy): same semantics, slower.
    return guard(compileToClosures(tree, functions));
  }
}

function guard(evaluate: CompiledFormula): CompiledFormula {
  return (record, env) => {
    try {
      return evaluate(record, env);
    } catch (error) {
      throw asEvaluationError(error);
    }
  };
}

/** The outcome of {@link evaluateFormula}: a value, or the issue that stopped evaluation. */
export type EvaluationResult =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly issue: Issue };

/**
 * Run a compiled formula and return evaluation failures as data instead of throwing.
 *
 * @example
 * const result = evaluateFormula(score, record, env);
 * if (!result.ok) issues.push(result.issue);
 */
export function evaluateFormula(formula: CompiledFormula, record: FormulaRecord, env: EvalEnv): EvaluationResult {
  try {
    return { ok: true, value: formula(record, env) };
  } catch (error) {
    return { ok: false, issue: (error instanceof FormulaEvaluationError ? error : asEvaluationError(error)).issue };
  }
}
