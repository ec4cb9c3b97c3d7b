import type { Issue } from "../issues/issue.js";
import type { TypedNode } from "./ast.js";
import {
  type CompiledFormula,
  type CompileOptions,
  compileFormula,
  type EvaluationResult,
  evaluateFormula,
} from "./compile.js";
import type { FormulaRecord } from "./compileOps.js";
import { analyzeFormula } from "./front.js";
import type { ImplementedFunction } from "./functions/implemented.js";
import type { FormulaScope } from "./scope.js";
import type { FormulaType, FormulaTypeKind } from "./types.js";
import type { EvalEnv } from "./values.js";

/** A formula that parsed, type-checked and compiled: ready to run on records. */
export interface Formula {
  readonly text: string;
  readonly type: FormulaType;
  readonly typed: TypedNode;
  /** Ids of the entity's own fields the formula reads (first path segments, `$old.x` too). */
  readonly fields: ReadonlySet<string>;
  /** The raw compiled function: fastest, throws `FormulaEvaluationError` on bad data. */
  readonly run: CompiledFormula;
  /** Run and return failures as data. */
  evaluate(record: FormulaRecord, env: EvalEnv): EvaluationResult;
}

export type CompileFormulaTextResult =
  | { readonly ok: true; readonly formula: Formula }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** Every node of a typed tree, depth first. */
export function typedNodes(root: TypedNode): TypedNode[] {
  const out: TypedNode[] = [];
  const stack: TypedNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TypedNode;
    out.push(node);
    switch (node.type) {
      case "unary":
        stack.push(node.operand);
        break;
      case "binary":
        stack.push(node.left, node.right);
        break;
      case "in":
        stack.push(node.value, ...node.list);
        break;
      case "call":
        stack.push(...node.args);
        break;
      default:
        break;
    }
  }
  return out;
}

function referencedFields(typed: TypedNode): Set<string> {
  const fields = new Set<string>();
  for (const node of typedNodes(typed)) {
    if (node.type === "field" && node.path[0] !== undefined) fields.add(node.path[0]);
    if (node.type === "variable" && node.path[0] === "old" && node.path[1] !== undefined) fields.add(node.path[1]);
  }
  return fields;
}

/**
 * Parse, type-check and compile formula text in one step: the entry point the record
 * layer, the server and the CLI use.
 *
 * @example
 * const r = compileFormulaText("ROUND(amount * probability / 100, 2)", scope, standardFunctions);
 * if (r.ok) r.formula.evaluate({ amount: 1000, probability: 25 }, env); // { ok: true, value: 250 }
 */
export function compileFormulaText(
  text: string,
  scope: FormulaScope,
  functions: ReadonlyMap<string, ImplementedFunction>,
  options: CompileOptions & { readonly expected?: FormulaTypeKind | readonly FormulaTypeKind[] } = {},
): CompileFormulaTextResult {
  const analyzed = analyzeFormula(
    text,
    scope,
    functions,
    options.expected === undefined ? {} : { expected: options.expected },
  );
  if (!analyzed.typed || !analyzed.type || analyzed.issues.length > 0) return { ok: false, issues: analyzed.issues };
  const typed = analyzed.typed;
  const run = compileFormula(typed, functions, options);
  return {
    ok: true,
    formula: {
      text,
      type: analyzed.type,
      typed,
      fields: referencedFields(typed),
      run,
      evaluate: (record, env) => evaluateFormula(run, record, env),
    },
  };
}
