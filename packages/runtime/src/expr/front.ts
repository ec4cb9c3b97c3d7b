import type { Issue } from "../issues/issue.js";
import type { Node } from "./ast.js";
import { type CheckOptions, checkFormula } from "./checker.js";
import type { FunctionSpec } from "./functionSpec.js";
import { parseFormula } from "./parser.js";
import type { FormulaScope } from "./scope.js";
import type { CheckedNode } from "./typedNode.js";
import type { FormulaType } from "./types.js";

export type { CheckOptions, CheckResult } from "./checker.js";
export { checkFormula } from "./checker.js";
export type { ParseResult } from "./parser.js";
export { FORMULA_LIMITS, parseFormula } from "./parser.js";
export { printFormula } from "./print.js";
export type { CheckedNode } from "./typedNode.js";

export interface AnalyzeResult {
  /** The syntax tree, when the text parsed. */
  readonly ast?: Node;
  /** The typed tree, when the formula parsed and type-checked without issues. */
  readonly typed?: CheckedNode;
  /** The formula's type, when it could be determined. */
  readonly type?: FormulaType;
  readonly issues: readonly Issue[];
}

/**
 * Parse and type-check formula text: the front end's one entry for schema validation and
 * the designer. Issues have path "" and carry line and column of the formula text.
 *
 * @example
 * analyzeFormula("stage = 'won'", scope, functions, { expected: "boolean" }).issues // []
 */
export function analyzeFormula(
  text: string,
  scope: FormulaScope,
  functions: ReadonlyMap<string, FunctionSpec>,
  options: Omit<CheckOptions, "text"> = {},
): AnalyzeResult {
  const parsed = parseFormula(text);
  if (!parsed.ast) return { issues: parsed.issues };
  const checked = checkFormula(parsed.ast, scope, functions, { ...options, text });
  return { ast: parsed.ast, ...checked };
}
