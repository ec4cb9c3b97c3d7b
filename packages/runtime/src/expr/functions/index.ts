import { dateFunctions } from "./date.js";
import type { ImplementedFunction } from "./implemented.js";
import { logicFunctions } from "./logic.js";
import { mathFunctions } from "./math.js";
import { textFunctions } from "./text.js";

export type {
  ImplementedFunction,
  JsImplementation,
  LazyImplementation,
  SqlArg,
  SqlCallContext,
  SqlImplementation,
} from "./implemented.js";

/**
 * Build a function table from lists of functions; a name given twice is an error, so a host
 * adding its own functions cannot silently replace a standard one.
 *
 * @example
 * const functions = createFunctionTable(standardFunctions.values(), [myScoreFunction]);
 */
export function createFunctionTable(
  ...groups: ReadonlyArray<Iterable<ImplementedFunction>>
): ReadonlyMap<string, ImplementedFunction> {
  const table = new Map<string, ImplementedFunction>();
  for (const group of groups) {
    for (const fn of group) {
      if (table.has(fn.name)) throw new Error(`Formula function ${fn.name} is defined twice`);
      table.set(fn.name, fn);
    }
  }
  return table;
}

/** The standard library of the formula language, by upper-case name. */
export const standardFunctions: ReadonlyMap<string, ImplementedFunction> = createFunctionTable(
  logicFunctions,
  mathFunctions,
  textFunctions,
  dateFunctions,
);
