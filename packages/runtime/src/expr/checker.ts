import type { Issue } from "../issues/issue.js";
import type { Node, Span } from "./ast.js";
import { type CheckContext, report } from "./checkContext.js";
import { checkBinary, checkIn, checkUnary } from "./checkOperators.js";
import type { FunctionSpec } from "./functionSpec.js";
import { type LocalizedParams, suggestionHint } from "./messages.js";
import type { FormulaScope } from "./scope.js";
import { closestMatch } from "./suggest.js";
import type { CheckedNode } from "./typedNode.js";
import { type FormulaType, type FormulaTypeKind, T, typeName } from "./types.js";

/** Most relations a field path may follow: `a.b.c.d` follows three. */
export const MAX_RELATION_HOPS = 3;

/** Most variable names listed in an `formula.unknownVariable` message. */
const LISTED_VARIABLES = 12;

export interface CheckOptions {
  /** The type(s) the formula must produce, e.g. `"boolean"` for a validation rule. */
  readonly expected?: FormulaTypeKind | readonly FormulaTypeKind[];
  /**
   * The formula text the tree was parsed from, so issues carry the right line and column.
   * {@link analyzeFormula} passes it; without it, offsets are reported as columns of line 1.
   */
  readonly text?: string;
}

export interface CheckResult {
  /** The typed tree; present only when there are no issues. */
  readonly typed?: CheckedNode;
  /** The formula's type, when it could be determined. */
  readonly type?: FormulaType;
  readonly issues: readonly Issue[];
}

type FieldNode = Extract<Node, { type: "field" }>;
type VariableNode = Extract<Node, { type: "variable" }>;
type CallNode = Extract<Node, { type: "call" }>;

/** Spans of each path segment when the source text is the plain dotted path; else the whole span. */
function segmentSpans(c: CheckContext, node: FieldNode): readonly Span[] {
  const joined = node.path.join(".");
  if (c.text === undefined || c.text.slice(node.span.start, node.span.end) !== joined) {
    return node.path.map(() => node.span);
  }
  let start = node.span.start;
  return node.path.map((segment) => {
    const span = { start, end: start + segment.length };
    start = span.end + 1;
    return span;
  });
}

function checkField(c: CheckContext, node: FieldNode): CheckedNode | undefined {
  const hops = node.path.length - 1;
  if (hops > MAX_RELATION_HOPS) {
    return report(c, "formula.tooManyHops", node.span, { path: node.path.join("."), hops, max: MAX_RELATION_HOPS });
  }
  const spans = segmentSpans(c, node);
  let entity = c.scope.entity;
  for (const [i, id] of node.path.entries()) {
    const span = spans[i] ?? node.span;
    const field = c.scope.field(entity, id);
    if (!field) {
      const suggestion = closestMatch(id, c.scope.fieldIds(entity));
      return report(c, "formula.unknownField", span, { entity, field: id, suggestion }, suggestionHint(suggestion));
    }
    const nextId = node.path[i + 1];
    if (nextId === undefined) return { ...node, valueType: field.type };
    if (field.target === undefined) {
      const at = { start: span.start, end: spans[i + 1]?.end ?? node.span.end };
      return report(c, "formula.notARelation", at, { entity, field: id, next: nextId });
    }
    entity = field.target;
  }
  return undefined;
}

function checkVariable(c: CheckContext, node: VariableNode): CheckedNode | undefined {
  const type = c.scope.variable(node.path);
  if (type) return { ...node, valueType: type };
  const name = node.path.join(".");
  const names = c.scope.variableNames();
  const suggestion = closestMatch(name, names);
  const listed = names.slice(0, LISTED_VARIABLES).map((n) => `$${n}`);
  if (names.length > LISTED_VARIABLES) listed.push("…");
  const hint = suggestionHint(suggestion === undefined ? undefined : `$${suggestion}`);
  return report(c, "formula.unknownVariable", node.span, { name, suggestion, available: listed }, hint);
}

function arityText(min: number, max: number): LocalizedParams {
  if (min === max) return { en: { expected: `${min}` }, "zh-CN": { expected: `${min}` } };
  if (!Number.isFinite(max)) return { en: { expected: `at least ${min}` }, "zh-CN": { expected: `至少 ${min}` } };
  return { en: { expected: `${min} to ${max}` }, "zh-CN": { expected: `${min} 到 ${max}` } };
}

function checkCall(c: CheckContext, node: CallNode): CheckedNode | undefined {
  const spec = c.functions.get(node.name);
  const args = node.args.map((arg) => c.check(arg));
  if (!spec) {
    const suggestion = closestMatch(node.name, c.functions.keys());
    return report(
      c,
      "formula.unknownFunction",
      node.nameSpan,
      { name: node.name, suggestion },
      suggestionHint(suggestion),
    );
  }
  const { min, max } = spec.arity;
  if (args.length < min || args.length > max) {
    const params = { function: node.name, min, max, count: args.length, signature: spec.doc.signature };
    return report(c, "formula.arity", node.span, params, arityText(min, max));
  }
  const typedArgs: CheckedNode[] = [];
  for (const arg of args) {
    if (!arg) return undefined;
    typedArgs.push(arg);
  }
  const result = spec.check(typedArgs.map((arg) => ({ type: arg.valueType, node: arg })));
  if (result.ok) return { ...node, args: typedArgs, valueType: result.type };
  const span = node.args[result.argIndex]?.span ?? node.span;
  const base = { function: node.name, position: result.argIndex + 1 };
  switch (result.code) {
    case "argumentType":
      return report(c, "formula.argumentType", span, { ...base, expected: result.expected, actual: result.actual });
    case "incompatibleTypes":
      return report(c, "formula.incompatibleTypes", span, {
        ...base,
        expected: result.expected,
        actual: result.actual,
      });
    case "literalRequired":
      return report(c, "formula.literalRequired", span, { ...base, allowed: result.allowed });
  }
}

function checkNode(c: CheckContext, node: Node): CheckedNode | undefined {
  switch (node.type) {
    case "number":
      return { ...node, valueType: T.number };
    case "string":
      return { ...node, valueType: T.text };
    case "boolean":
      return { ...node, valueType: T.boolean };
    case "blank":
      return { ...node, valueType: T.null };
    case "field":
      return checkField(c, node);
    case "variable":
      return checkVariable(c, node);
    case "unary":
      return checkUnary(c, node);
    case "binary":
      return checkBinary(c, node);
    case "in":
      return checkIn(c, node);
    case "call":
      return checkCall(c, node);
  }
}

/**
 * Type-check a parsed formula against the data model and a function registry. Collects
 * every independent error (a node whose child failed is not reported again); all issues
 * have path "" for the caller to rebase.
 *
 * @example
 * checkFormula(parseFormula("amount > 100").ast!, scope, functions, { expected: "boolean" }).type // { kind: "boolean" }
 */
export function checkFormula(
  ast: Node,
  scope: FormulaScope,
  functions: ReadonlyMap<string, FunctionSpec>,
  options: CheckOptions = {},
): CheckResult {
  const issues: Issue[] = [];
  const context: CheckContext = {
    text: options.text,
    scope,
    functions,
    issues,
    check: (node) => checkNode(context, node),
  };
  const typed = checkNode(context, ast);
  if (!typed) return { issues };
  const type = typed.valueType;
  const expected = options.expected === undefined ? [] : [options.expected].flat();
  if (expected.length > 0 && type.kind !== "null" && !expected.includes(type.kind)) {
    report(context, "formula.expectedType", ast.span, { expected, actual: typeName(type) });
    return { type, issues };
  }
  return issues.length === 0 ? { typed, type, issues } : { type, issues };
}
