import type { BinaryOperator, Node } from "./ast.js";
import { PRECEDENCE } from "./parser.js";

function binaryPrecedence(op: BinaryOperator): number {
  switch (op) {
    case "OR":
      return PRECEDENCE.OR;
    case "AND":
      return PRECEDENCE.AND;
    case "=":
    case "<>":
    case "<":
    case "<=":
    case ">":
    case ">=":
      return PRECEDENCE.comparison;
    case "&":
      return PRECEDENCE.concat;
    case "+":
    case "-":
      return PRECEDENCE.additive;
    case "*":
    case "/":
      return PRECEDENCE.multiplicative;
  }
}

function precedenceOf(node: Node): number {
  switch (node.type) {
    case "number":
    case "string":
    case "boolean":
    case "blank":
    case "field":
    case "variable":
    case "call":
      return PRECEDENCE.primary;
    case "unary":
      return node.op === "-" ? PRECEDENCE.negate : PRECEDENCE.NOT;
    case "binary":
      return binaryPrecedence(node.op);
    case "in":
      return PRECEDENCE.comparison;
  }
}

/** Quote text for a formula: single quotes, with `'` written twice. */
export function quoteText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function printAt(node: Node, minPrecedence: number): string {
  const text = printBare(node);
  return precedenceOf(node) < minPrecedence ? `(${text})` : text;
}

function printBare(node: Node): string {
  switch (node.type) {
    case "number":
      // String() gives the shortest text that reads back as the same double (`1e+21`, `5e-324`).
      return String(node.value);
    case "string":
      return quoteText(node.value);
    case "boolean":
      return node.value ? "TRUE" : "FALSE";
    case "blank":
      return "BLANK";
    case "field":
      return node.path.join(".");
    case "variable":
      return `$${node.path.join(".")}`;
    case "unary":
      return node.op === "-"
        ? `-${printAt(node.operand, PRECEDENCE.negate)}`
        : `NOT ${printAt(node.operand, PRECEDENCE.NOT)}`;
    case "binary": {
      const p = binaryPrecedence(node.op);
      // Left-associative operators keep their left side at the same level; comparisons chain nowhere.
      const leftMin = p === PRECEDENCE.comparison ? p + 1 : p;
      return `${printAt(node.left, leftMin)} ${node.op} ${printAt(node.right, p + 1)}`;
    }
    case "in":
      return `${printAt(node.value, PRECEDENCE.comparison + 1)} IN (${node.list.map((item) => printAt(item, 0)).join(", ")})`;
    case "call":
      return `${node.name}(${node.args.map((arg) => printAt(arg, 0)).join(", ")})`;
  }
}

/**
 * Print a syntax tree as canonical formula text: upper-case keywords and function names,
 * single-quoted text, one space around binary operators and only the parentheses that
 * precedence needs. `parseFormula(printFormula(ast))` gives back `ast` (spans aside).
 *
 * @example printFormula(parseFormula("(a+b)*  2").ast!) // "(a + b) * 2"
 */
export function printFormula(node: Node): string {
  return printAt(node, 0);
}
