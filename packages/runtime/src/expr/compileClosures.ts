import type { BinaryOperator } from "./ast.js";
import {
  and2,
  arithmetic,
  checkValue,
  compare,
  concatValues,
  type FormulaRecord,
  inList,
  negate,
  not1,
  or2,
  readField,
  readVariable,
} from "./compileOps.js";
import { isPrototypeName, resolveFunction } from "./compileShared.js";
import type { TypedTree } from "./compileTree.js";
import { finite } from "./functions/checks.js";
import type { ImplementedFunction } from "./functions/implemented.js";
import type { EvalEnv, Value } from "./values.js";

/** One compiled node: evaluate it for a record. */
export type Evaluator = (record: FormulaRecord, env: EvalEnv) => Value;

/**
 * Compile a typed tree into a tree of closures. No code is generated, so this works where a
 * Content-Security-Policy forbids `new Function`; it is slower than the code generator.
 */
export function compileToClosures(node: TypedTree, functions: ReadonlyMap<string, ImplementedFunction>): Evaluator {
  const build = (n: TypedTree): Evaluator => {
    switch (n.type) {
      case "number":
      case "string":
      case "boolean": {
        const value = n.value;
        return () => value;
      }
      case "blank":
        return () => null;
      case "field": {
        const { path, valueType } = n;
        const source = path.join(".");
        const [name] = path;
        if (path.length === 1 && name !== undefined && !isPrototypeName(name) && valueType.kind === "number") {
          return (record) => {
            const value = record[name];
            return typeof value === "number" && !Number.isNaN(value) ? value : checkValue(value, valueType, source);
          };
        }
        return (record, env) => checkValue(readField(record, path, env), valueType, source);
      }
      case "variable": {
        const { path, valueType } = n;
        const source = `$${path.join(".")}`;
        return (_record, env) => checkValue(readVariable(path, env), valueType, source);
      }
      case "unary": {
        const operand = build(n.operand);
        return n.op === "-" ? (r, env) => negate(operand(r, env)) : (r, env) => not1(operand(r, env));
      }
      case "binary":
        return binary(n.op, build(n.left), build(n.right));
      case "in": {
        const value = build(n.value);
        const items = n.list.map(build);
        return (r, env) =>
          inList(
            value(r, env),
            items.map((item) => item(r, env)),
          );
      }
      case "call":
        return call(resolveFunction(functions, n.name), n.args.map(build));
    }
  };
  return build(node);
}

function binary(op: BinaryOperator, left: Evaluator, right: Evaluator): Evaluator {
  switch (op) {
    case "+":
      return (r, env) => {
        const a = left(r, env);
        const b = a === null ? null : right(r, env);
        return typeof a === "number" && typeof b === "number" ? finite(a + b) : arithmetic(op, a, b);
      };
    case "*":
      return (r, env) => {
        const a = left(r, env);
        const b = a === null ? null : right(r, env);
        return typeof a === "number" && typeof b === "number" ? finite(a * b) : arithmetic(op, a, b);
      };
    case "-":
    case "/":
      return (r, env) => arithmetic(op, left(r, env), right(r, env));
    case "&":
      return (r, env) => concatValues(left(r, env), right(r, env));
    case "AND":
      return (r, env) => {
        const a = left(r, env);
        return a === false ? false : and2(a, right(r, env));
      };
    case "OR":
      return (r, env) => {
        const a = left(r, env);
        return a === true ? true : or2(a, right(r, env));
      };
    case "=":
    case "<>":
    case "<":
    case "<=":
    case ">":
    case ">=":
      return (r, env) => compare(op, left(r, env), right(r, env));
  }
}

function call(fn: ImplementedFunction, args: readonly Evaluator[]): Evaluator {
  const count = args.length;
  const lazy = fn.lazy;
  if (lazy) {
    return (r, env) => lazy((i) => args[i]?.(r, env) ?? null, count, env);
  }
  const js = fn.js;
  if (fn.nulls === "handled") return (r, env) => js(env, ...args.map((arg) => arg(r, env)));
  const [a, b, c] = args;
  switch (count) {
    case 0:
      return (_r, env) => js(env);
    case 1:
      if (a)
        return (r, env) => {
          const x = a(r, env);
          return x === null ? null : js(env, x);
        };
      break;
    case 2:
      if (a && b)
        return (r, env) => {
          const x = a(r, env);
          if (x === null) return null;
          const y = b(r, env);
          return y === null ? null : js(env, x, y);
        };
      break;
    case 3:
      if (a && b && c)
        return (r, env) => {
          const x = a(r, env);
          if (x === null) return null;
          const y = b(r, env);
          if (y === null) return null;
          const z = c(r, env);
          return z === null ? null : js(env, x, y, z);
        };
      break;
  }
  return (r, env) => {
    const values: Value[] = [];
    for (const arg of args) {
      const value = arg(r, env);
      if (value === null) return null;
      values.push(value);
    }
    return js(env, ...values);
  };
}
