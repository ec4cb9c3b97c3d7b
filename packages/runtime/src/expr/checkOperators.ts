import type { Node } from "./ast.js";
import { type CheckContext, report } from "./checkContext.js";
import { suggestionHint } from "./messages.js";
import { closestMatch } from "./suggest.js";
import type { CheckedNode } from "./typedNode.js";
import { type FormulaType, type FormulaTypeKind, T, typeName } from "./types.js";

type UnaryNode = Extract<Node, { type: "unary" }>;
type BinaryNode = Extract<Node, { type: "binary" }>;
type InNode = Extract<Node, { type: "in" }>;

const EQUATABLE: readonly FormulaTypeKind[] = ["number", "text", "boolean", "date", "datetime", "null"];
const ORDERED: readonly FormulaTypeKind[] = ["number", "text", "date", "datetime", "null"];
const SCALAR: readonly FormulaTypeKind[] = ["number", "text", "boolean", "date", "datetime", "null"];
const EQUATABLE_NAMES = "number, text, boolean, date or datetime";
const ORDERED_NAMES = "number, text, date or datetime";

/** Report `operand` unless its type is one of `allowed`; true when it is fine. */
function expectKind(
  c: CheckContext,
  operator: string,
  operand: CheckedNode,
  allowed: readonly FormulaTypeKind[],
  expected: string,
): boolean {
  if (allowed.includes(operand.valueType.kind)) return true;
  report(c, "formula.operandType", operand.span, { operator, expected, actual: typeName(operand.valueType) });
  return false;
}

/** Same kind on both sides, where the BLANK literal's `null` type matches anything. */
function sameKind(a: FormulaType, b: FormulaType): boolean {
  return a.kind === "null" || b.kind === "null" || a.kind === b.kind;
}

/** A string literal compared with a select field must be one of its options. */
function checkOption(c: CheckContext, typed: FormulaType, literal: Node): boolean {
  if (typed.kind !== "text" || typed.options === undefined || literal.type !== "string") return true;
  if (typed.options.includes(literal.value)) return true;
  const suggestion = closestMatch(literal.value, typed.options);
  const params = { value: literal.value, options: typed.options, suggestion };
  report(c, "formula.unknownOption", literal.span, params, suggestionHint(suggestion));
  return false;
}

/** `-x` and `NOT x`. */
export function checkUnary(c: CheckContext, node: UnaryNode): CheckedNode | undefined {
  const operand = c.check(node.operand);
  if (!operand) return undefined;
  const isNegate = node.op === "-";
  const allowed: readonly FormulaTypeKind[] = isNegate ? ["number", "null"] : ["boolean", "null"];
  if (!expectKind(c, node.op, operand, allowed, isNegate ? "number" : "boolean")) return undefined;
  return { ...node, operand, valueType: isNegate ? T.number : T.boolean };
}

/** Binary operators: arithmetic, `&`, comparisons, AND / OR. */
export function checkBinary(c: CheckContext, node: BinaryNode): CheckedNode | undefined {
  const left = c.check(node.left);
  const right = c.check(node.right);
  if (!left || !right) return undefined;
  const both = (allowed: readonly FormulaTypeKind[], expected: string): boolean => {
    const leftOk = expectKind(c, node.op, left, allowed, expected);
    const rightOk = expectKind(c, node.op, right, allowed, expected);
    return leftOk && rightOk;
  };
  const typed = (valueType: FormulaType): CheckedNode => ({ ...node, left, right, valueType });
  switch (node.op) {
    case "=":
    case "<>":
    case "<":
    case "<=":
    case ">":
    case ">=":
      return checkComparison(c, node, left, right) ? typed(T.boolean) : undefined;
    case "+":
    case "-":
    case "*":
    case "/":
      return both(["number", "null"], "number") ? typed(T.number) : undefined;
    case "&":
      return both(SCALAR, "text, number, date, datetime or boolean") ? typed(T.text) : undefined;
    case "AND":
    case "OR":
      return both(["boolean", "null"], "boolean") ? typed(T.boolean) : undefined;
  }
}

function checkComparison(c: CheckContext, node: BinaryNode, left: CheckedNode, right: CheckedNode): boolean {
  if (node.left.type === "blank" || node.right.type === "blank") {
    report(c, "formula.compareWithBlank", node.span, { operator: node.op });
    return false;
  }
  const equality = node.op === "=" || node.op === "<>";
  const allowed = equality ? EQUATABLE : ORDERED;
  const names = equality ? EQUATABLE_NAMES : ORDERED_NAMES;
  const leftOk = expectKind(c, node.op, left, allowed, names);
  const rightOk = expectKind(c, node.op, right, allowed, names);
  if (!leftOk || !rightOk) return false;
  if (!sameKind(left.valueType, right.valueType)) {
    const params = { operator: node.op, left: typeName(left.valueType), right: typeName(right.valueType) };
    report(c, "formula.typeMismatch", node.span, params);
    return false;
  }
  if (!equality) return true;
  return checkOption(c, left.valueType, node.right) && checkOption(c, right.valueType, node.left);
}

/** `value IN (a, b, ...)`: every item comparable with the value, select options checked. */
export function checkIn(c: CheckContext, node: InNode): CheckedNode | undefined {
  const value = c.check(node.value);
  const list: CheckedNode[] = [];
  let childFailed = !value;
  for (const item of node.list) {
    const typedItem = c.check(item);
    if (typedItem) list.push(typedItem);
    else childFailed = true;
  }
  if (!value || childFailed) return undefined;
  if (!expectKind(c, "IN", value, EQUATABLE, EQUATABLE_NAMES)) return undefined;
  let ok = true;
  let reference = value.valueType;
  for (const item of list) {
    if (item.type === "blank") {
      report(c, "formula.compareWithBlank", item.span, { operator: "IN" });
      ok = false;
      continue;
    }
    if (!expectKind(c, "IN", item, EQUATABLE, EQUATABLE_NAMES)) {
      ok = false;
      continue;
    }
    if (!sameKind(reference, item.valueType)) {
      const params = { operator: "IN", left: typeName(reference), right: typeName(item.valueType) };
      report(c, "formula.typeMismatch", item.span, params);
      ok = false;
      continue;
    }
    if (reference.kind === "null") reference = item.valueType;
    if (!checkOption(c, value.valueType, item)) ok = false;
  }
  return ok ? { ...node, value, list, valueType: T.boolean } : undefined;
}
