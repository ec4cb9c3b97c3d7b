import type { TypedTree } from "../compileTree.js";
import type { FunctionSpec } from "../functionSpec.js";
import type { SqlDialect } from "../sqlDialect.js";
import type { FormulaType } from "../types.js";
import type { EvalEnv, Value } from "../values.js";

/**
 * Eager JavaScript implementation. Receives the evaluated arguments (omitted optional
 * arguments are `undefined`). With `nulls: "propagate"` it is only called when no argument is
 * blank; it must still narrow its arguments (`typeof`), because host data may be wrong.
 */
export type JsImplementation = (env: EvalEnv, ...args: Value[]) => Value;

/**
 * Lazy JavaScript implementation for functions that must not evaluate every argument
 * (IF, IFS, SWITCH, AND, OR, COALESCE). `arg(i)` evaluates argument `i` on demand.
 */
export type LazyImplementation = (arg: (index: number) => Value, count: number, env: EvalEnv) => Value;

/** One argument as the SQL translator hands it to a function. */
export interface SqlArg {
  /** The argument's SQL expression, always parenthesised. */
  readonly sql: string;
  readonly type: FormulaType;
  /** The typed argument, for functions that read a literal (a DATEADD unit). */
  readonly node: TypedTree;
}

/** What a function's SQL translation may use besides its arguments. */
export interface SqlCallContext {
  readonly dialect: SqlDialect;
  /**
   * Use an expression more than once without evaluating (or splicing) it twice when it is
   * not trivial: `share(x, (v) => \`(${v} * ${v})\`)`.
   */
  share(sql: string, body: (ref: string) => string): string;
  /** A bound parameter for a value computed at translation time. */
  param(value: Value): string;
  /** `today` or `now` from the SQL options, as a bound parameter (records an issue when missing). */
  contextParam(name: "today" | "now"): string;
}

/**
 * SQL translation of a call: the SQL expression, or `undefined` when this call cannot be
 * computed in SQL exactly as JS computes it (the translator reports `formula.notInSql`).
 * Must return blank (NULL) exactly where the JS implementation does.
 */
export type SqlImplementation = (args: readonly SqlArg[], ctx: SqlCallContext) => string | undefined;

/**
 * A function of the formula language: its typing and docs ({@link FunctionSpec}) plus the
 * JavaScript implementation and the SQL translation.
 */
export interface ImplementedFunction extends FunctionSpec {
  /**
   * `propagate`: blank in any argument gives blank, without calling `js` (rule 9 of the null
   * semantics). `handled`: the implementation sees blanks and decides.
   */
  readonly nulls: "propagate" | "handled";
  readonly js: JsImplementation;
  /** When present, evaluators use this instead of `js`, so unused arguments are not evaluated. */
  readonly lazy?: LazyImplementation;
  /** Undefined when the function can never be translated faithfully (JS-only). */
  readonly sql: SqlImplementation | undefined;
}
