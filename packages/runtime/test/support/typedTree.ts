import type { BinaryOperator } from "../../src/expr/ast.js";
import type { TypedTree } from "../../src/expr/compileTree.js";
import type { ImplementedFunction } from "../../src/expr/functions/implemented.js";
import { type FormulaType, T } from "../../src/expr/types.js";

/** Build typed trees by hand in tests (the back end does not need the parser). */
const span = { start: 0, end: 0 };

export const tt = {
  num: (value: number): TypedTree => ({ type: "number", value, span, valueType: T.number }),
  str: (value: string): TypedTree => ({ type: "string", value, span, valueType: T.text }),
  bool: (value: boolean): TypedTree => ({ type: "boolean", value, span, valueType: T.boolean }),
  blank: (): TypedTree => ({ type: "blank", span, valueType: T.null }),
  field: (path: string | readonly string[], valueType: FormulaType): TypedTree => ({
    type: "field",
    path: typeof path === "string" ? [path] : path,
    span,
    valueType,
  }),
  variable: (path: readonly string[], valueType: FormulaType): TypedTree => ({
    type: "variable",
    path,
    span,
    valueType,
  }),
  neg: (operand: TypedTree): TypedTree => ({ type: "unary", op: "-", operand, span, valueType: T.number }),
  not: (operand: TypedTree): TypedTree => ({ type: "unary", op: "NOT", operand, span, valueType: T.boolean }),
  bin: (op: BinaryOperator, left: TypedTree, right: TypedTree): TypedTree => ({
    type: "binary",
    op,
    left,
    right,
    span,
    valueType: op === "&" ? T.text : op === "+" || op === "-" || op === "*" || op === "/" ? T.number : T.boolean,
  }),
  in: (value: TypedTree, list: readonly TypedTree[]): TypedTree => ({
    type: "in",
    value,
    list,
    span,
    valueType: T.boolean,
  }),
  /** A call typed by the function's own `check`; throws when it does not type-check. */
  call: (functions: ReadonlyMap<string, ImplementedFunction>, name: string, args: readonly TypedTree[]): TypedTree => {
    const fn = functions.get(name);
    if (!fn) throw new Error(`no function ${name}`);
    if (args.length < fn.arity.min || args.length > fn.arity.max) throw new Error(`${name}: arity ${args.length}`);
    const result = fn.check(args.map((node) => ({ type: node.valueType, node })));
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result)}`);
    return { type: "call", name, args, span, nameSpan: span, valueType: result.type };
  },
};

/** Formula-like text of a tree, for failure messages. */
export function show(node: TypedTree): string {
  switch (node.type) {
    case "number":
      return Object.is(node.value, -0) ? "-0" : String(node.value);
    case "string":
      return JSON.stringify(node.value);
    case "boolean":
      return node.value ? "TRUE" : "FALSE";
    case "blank":
      return "BLANK";
    case "field":
      return node.path.join(".");
    case "variable":
      return `$${node.path.join(".")}`;
    case "unary":
      return node.op === "-" ? `-(${show(node.operand)})` : `NOT (${show(node.operand)})`;
    case "binary":
      return `(${show(node.left)} ${node.op} ${show(node.right)})`;
    case "in":
      return `(${show(node.value)} IN (${node.list.map(show).join(", ")}))`;
    case "call":
      return `${node.name}(${node.args.map(show).join(", ")})`;
  }
}
