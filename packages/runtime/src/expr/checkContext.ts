import type { Issue } from "../issues/issue.js";
import type { Node, Span } from "./ast.js";
import type { FunctionSpec } from "./functionSpec.js";
import { type FormulaIssueCode, formulaIssue, type LocalizedParams } from "./messages.js";
import type { FormulaScope } from "./scope.js";
import type { CheckedNode } from "./typedNode.js";

/** State shared by the checker's parts while one formula is checked. */
export interface CheckContext {
  /** The formula text, for line and column in messages; without it offsets are taken as columns on line 1. */
  readonly text: string | undefined;
  readonly scope: FormulaScope;
  readonly functions: ReadonlyMap<string, FunctionSpec>;
  readonly issues: Issue[];
  /** Checks a child node; undefined when it (or something under it) failed and was reported. */
  readonly check: (node: Node) => CheckedNode | undefined;
}

/** Record one issue at `span`. Returns undefined so callers can `return report(...)`. */
export function report(
  c: CheckContext,
  code: FormulaIssueCode,
  span: Span,
  params: Readonly<Record<string, unknown>> = {},
  localized?: LocalizedParams,
): undefined {
  c.issues.push(formulaIssue(code, { start: span.start, end: span.end }, c.text, params, localized));
  return undefined;
}
