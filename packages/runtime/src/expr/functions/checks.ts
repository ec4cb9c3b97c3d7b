import { backendIssue, FormulaEvaluationError } from "../backendMessages.js";
import type { ArgInfo, CallCheckResult } from "../functionSpec.js";
import { type FormulaType, type FormulaTypeKind, T, typeName } from "../types.js";
import type { Value } from "../values.js";

/** What a parameter accepts: one kind, or any of several (blank is always accepted). */
export type ParamKind = FormulaTypeKind | "dateLike" | "scalar" | "equatable";

const ACCEPTS: Record<ParamKind, readonly FormulaTypeKind[]> = {
  number: ["number"],
  text: ["text"],
  boolean: ["boolean"],
  date: ["date"],
  datetime: ["datetime"],
  list: ["list"],
  null: [],
  dateLike: ["date", "datetime"],
  scalar: ["number", "text", "boolean", "date", "datetime"],
  equatable: ["number", "text", "boolean", "date", "datetime"],
};

const NAMES: Record<ParamKind, string> = {
  number: "number",
  text: "text",
  boolean: "boolean",
  date: "date",
  datetime: "datetime",
  list: "list",
  null: "blank",
  dateLike: "date or datetime",
  scalar: "text, number, boolean, date or datetime",
  equatable: "text, number, boolean, date or datetime",
};

/** Does `type` fit `kind`? The BLANK literal fits everything. */
export function accepts(kind: ParamKind, type: FormulaType): boolean {
  return type.kind === "null" || ACCEPTS[kind].includes(type.kind);
}

/** Check each argument against `params` (the last entry repeats for variadic functions). */
export function checkParams(args: readonly ArgInfo[], params: readonly ParamKind[]): CallCheckResult | undefined {
  for (let i = 0; i < args.length; i++) {
    const kind = params[Math.min(i, params.length - 1)];
    const arg = args[i];
    if (kind === undefined || arg === undefined) continue;
    if (!accepts(kind, arg.type)) {
      return { ok: false, code: "argumentType", argIndex: i, expected: NAMES[kind], actual: typeName(arg.type) };
    }
  }
  return undefined;
}

/** A fixed signature: arguments of these kinds give `result`. */
export function signature(
  params: readonly ParamKind[],
  result: FormulaType,
): (args: readonly ArgInfo[]) => CallCheckResult {
  return (args) => checkParams(args, params) ?? { ok: true, type: result };
}

/**
 * The common type of several arguments (IF branches, COALESCE): blanks adopt the others'
 * type; select options survive only when every argument has the same ones.
 */
export function unify(args: readonly ArgInfo[], indexes: readonly number[]): CallCheckResult {
  let result: FormulaType = T.null;
  for (const index of indexes) {
    const arg = args[index];
    if (arg === undefined || arg.type.kind === "null") continue;
    if (result.kind === "null") {
      result = arg.type;
      continue;
    }
    if (arg.type.kind !== result.kind) {
      return {
        ok: false,
        code: "incompatibleTypes",
        argIndex: index,
        expected: typeName(result),
        actual: typeName(arg.type),
      };
    }
    if (!sameOptions(result, arg.type)) result = { kind: result.kind } as const satisfies FormulaType;
  }
  return { ok: true, type: result.kind === "text" || result.kind === "list" ? result : { kind: result.kind } };
}

function sameOptions(a: FormulaType, b: FormulaType): boolean {
  if (a === b) return true;
  const left = "options" in a ? a.options : undefined;
  const right = "options" in b ? b.options : undefined;
  const refLeft = a.kind === "text" ? a.ref : undefined;
  const refRight = b.kind === "text" ? b.ref : undefined;
  if (refLeft !== refRight) return false;
  if (left === undefined || right === undefined) return left === right;
  return left.length === right.length && left.every((option, i) => option === right[i]);
}

/** Indexes `from, from + step, ...` below `count`. */
export function every(from: number, step: number, count: number): number[] {
  const indexes: number[] = [];
  for (let i = from; i < count; i += step) indexes.push(i);
  return indexes;
}

function wrongType(fn: string, expected: string, value: Value | undefined): never {
  throw new FormulaEvaluationError(
    backendIssue("formula.unexpectedValue", "", {
      source: fn,
      expected,
      actual: value === undefined ? "nothing" : JSON.stringify(value),
    }),
  );
}

/** Narrow an argument to a number or report bad data. */
export function num(value: Value | undefined, fn: string): number {
  return typeof value === "number" ? value : wrongType(fn, "number", value);
}

/** Narrow an argument to a string (text, date or datetime) or report bad data. */
export function str(value: Value | undefined, fn: string): string {
  return typeof value === "string" ? value : wrongType(fn, "text", value);
}

/** Narrow an argument to a boolean or report bad data. */
export function bool(value: Value | undefined, fn: string): boolean {
  return typeof value === "boolean" ? value : wrongType(fn, "boolean", value);
}

/** Narrow an argument to a list or report bad data. */
export function list(value: Value | undefined, fn: string): readonly string[] {
  return Array.isArray(value) ? value : wrongType(fn, "list", value);
}

/** Require a text literal from `allowed` at `argIndex` (DATEADD and DATEDIFF units). */
export function literalUnit(
  args: readonly ArgInfo[],
  argIndex: number,
  allowed: readonly string[],
): CallCheckResult | undefined {
  const node = args[argIndex]?.node;
  if (node?.type === "string" && allowed.includes(node.value)) return undefined;
  return { ok: false, code: "literalRequired", argIndex, allowed };
}

/** NaN (from Infinity − Infinity and the like) is blank, as in SQLite. */
export function finite(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}
