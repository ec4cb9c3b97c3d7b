import { backendIssue, FormulaCompileError } from "./backendMessages.js";
import type { ImplementedFunction } from "./functions/implemented.js";

/** The implementation of a called function, or a compile error naming it. */
export function resolveFunction(
  functions: ReadonlyMap<string, ImplementedFunction>,
  name: string,
): ImplementedFunction {
  const fn = functions.get(name);
  if (fn === undefined)
    throw new FormulaCompileError(backendIssue("formula.functionNotImplemented", "", { function: name }));
  return fn;
}

/** Own properties of Object.prototype: reading them with `r[name]` would find the prototype's. */
export function isPrototypeName(name: string): boolean {
  return name === "__proto__" || Object.hasOwn(Object.prototype, name);
}
