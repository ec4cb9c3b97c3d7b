import type { BinaryOperator } from "./ast.js";
import { unexpectedValue } from "./backendMessages.js";
import { toText } from "./functions/text.js";
import type { FormulaType } from "./types.js";
import { compareText, type EvalEnv, type Value } from "./values.js";

/**
 * The operators' runtime semantics, shared by both compile strategies (the code generator
 * inlines the simple numeric cases and calls these for the rest).
 */

/** A record as evaluators see it. */
export type FormulaRecord = Readonly<Record<string, unknown>>;

/** Check a value read from the host against its declared type; `undefined` is blank. */
export function checkValue(value: unknown, type: FormulaType, source: string): Value {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case "number":
      if (typeof value === "number") return Number.isNaN(value) ? null : value;
      break;
    case "text":
    case "date":
    case "datetime":
      if (typeof value === "string") return value;
      break;
    case "boolean":
      if (typeof value === "boolean") return value;
      break;
    case "list":
      if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
      break;
    case "null":
      break;
  }
  return unexpectedValue(source, type.kind, value);
}

/** The value of a field path: own property for `amount`, the host's lookup for `account.region`. */
export function readField(record: FormulaRecord, path: readonly string[], env: EvalEnv): unknown {
  if (path.length === 1) {
    const name = path[0] ?? "";
    return Object.hasOwn(record, name) ? record[name] : undefined;
  }
  return env.lookup(path, record);
}

/** The value of a context variable (`$user.id`, `$today`, `$old.amount`). */
export function readVariable(path: readonly string[], env: EvalEnv): unknown {
  const [head, key, ...rest] = path;
  switch (head) {
    case "today":
      return env.today;
    case "now":
      return env.now;
    case "user":
      return key !== undefined && Object.hasOwn(env.user, key) ? env.user[key] : undefined;
    case "approver": {
      const approver = env.approver;
      return approver !== undefined && key !== undefined && Object.hasOwn(approver, key) ? approver[key] : undefined;
    }
    case "old": {
      const old = env.old;
      if (old === undefined || key === undefined) return undefined;
      return rest.length === 0 ? (Object.hasOwn(old, key) ? old[key] : undefined) : env.lookup([key, ...rest], old);
    }
    default: {
      const group = head === undefined ? undefined : env.variables?.[head];
      return group !== undefined && key !== undefined && rest.length === 0 && Object.hasOwn(group, key)
        ? group[key]
        : undefined;
    }
  }
}

/** Arithmetic with blanks: blank in, blank out; division by zero and NaN are blank. */
export function arithmetic(op: "+" | "-" | "*" | "/", left: Value, right: Value): number | null {
  if (left === null || right === null) return null;
  if (typeof left !== "number" || typeof right !== "number")
    return unexpectedValue(op, "number", typeof left === "number" ? right : left);
  let result: number;
  switch (op) {
    case "+":
      result = left + right;
      break;
    case "-":
      result = left - right;
      break;
    case "*":
      result = left * right;
      break;
    case "/":
      if (right === 0) return null;
      result = left / right;
      break;
  }
  return Number.isNaN(result) ? null : result;
}

/** Unary minus. */
export function negate(value: Value): number | null {
  if (value === null) return null;
  return typeof value === "number" ? -value : unexpectedValue("-", "number", value);
}

/** Comparison with blanks (blank → blank), text by code point. */
export function compare(op: ComparisonOperator, left: Value, right: Value): boolean | null {
  if (left === null || right === null) return null;
  if (op === "=") return left === right;
  if (op === "<>") return left !== right;
  const order = valueOrder(left, right);
  switch (op) {
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
  }
}

/** `=`, `<>`, `<`, `<=`, `>`, `>=`. */
export type ComparisonOperator = Extract<BinaryOperator, "=" | "<>" | "<" | "<=" | ">" | ">=">;

/** Order of two non-blank values of the same type; text (and ISO dates) by code point. */
export function valueOrder(left: Value, right: Value): number {
  if (typeof left === "number" && typeof right === "number") return left < right ? -1 : left > right ? 1 : 0;
  if (typeof left === "string" && typeof right === "string") return compareText(left, right);
  if (typeof left === "boolean" && typeof right === "boolean") return Number(left) - Number(right);
  return unexpectedValue("comparison", "comparable values", right);
}

/** `x IN (a, b)` ≡ `x = a OR x = b` with three-valued OR. */
export function inList(value: Value, items: readonly Value[]): boolean | null {
  let blank = false;
  for (const item of items) {
    if (value === null || item === null) blank = true;
    else if (value === item) return true;
  }
  return blank ? null : false;
}

/** `a & b`: blanks as empty text. */
export function concatValues(left: Value, right: Value): string {
  return toText(left) + toText(right);
}

/** Three-valued AND of two operands. */
export function and2(left: Value, right: Value): boolean | null {
  if (left === false || right === false) return false;
  return left === null || right === null ? null : true;
}

/** Three-valued OR of two operands. */
export function or2(left: Value, right: Value): boolean | null {
  if (left === true || right === true) return true;
  return left === null || right === null ? null : false;
}

/** Three-valued NOT. */
export function not1(value: Value): boolean | null {
  if (value === null) return null;
  return typeof value === "boolean" ? !value : unexpectedValue("NOT", "boolean", value);
}
