import type { TypedNode } from "./ast.js";
import type { FormulaType } from "./types.js";

/**
 * The contract between the type checker (which only needs `arity` and `check`) and the
 * back end (compiler and SQL translator, which use the implementation parts).
 * One function = one `FunctionSpec` in the function library (`expr/functions/*.ts`).
 */

/** What the checker knows about an argument when it asks a function to type a call. */
export interface ArgInfo {
  readonly type: FormulaType;
  /** The typed argument, so a function can require a literal (e.g. a DATEADD unit). */
  readonly node: TypedNode;
}

/** Why a call does not type-check; the checker turns it into an issue with the argument's span. */
export type CallCheckFailure =
  | { readonly code: "argumentType"; readonly argIndex: number; readonly expected: string; readonly actual: string }
  | {
      readonly code: "incompatibleTypes";
      readonly argIndex: number;
      readonly expected: string;
      readonly actual: string;
    }
  | { readonly code: "literalRequired"; readonly argIndex: number; readonly allowed: readonly string[] };

export type CallCheckResult =
  | { readonly ok: true; readonly type: FormulaType }
  | ({ readonly ok: false } & CallCheckFailure);

export type FunctionCategory = "logic" | "math" | "text" | "date";

export interface FunctionDoc {
  /** e.g. `ROUND(number, digits?)` */
  readonly signature: string;
  readonly en: string;
  readonly "zh-CN": string;
  /** A formula and the value it gives, e.g. `ROUND(2.345, 2)` → `2.35`. */
  readonly example: string;
  readonly result: string;
}

export interface FunctionSpec {
  /** Upper-case name as written in formulas. */
  readonly name: string;
  readonly category: FunctionCategory;
  readonly arity: { readonly min: number; readonly max: number };
  /** Type the call from its argument types; arity is checked before this is called. */
  readonly check: (args: readonly ArgInfo[]) => CallCheckResult;
  readonly doc: FunctionDoc;
}
