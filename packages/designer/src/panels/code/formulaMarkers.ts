import { analyzeFormula, type Issue, type LocalizedMessage } from "@plinth/runtime";
import type { FormulaContext } from "./formulaScope.js";

/** A problem in a formula, as offsets into its text (an editor turns them into a range). */
export interface FormulaMarker {
  readonly start: number;
  readonly end: number;
  readonly message: LocalizedMessage;
  readonly severity: Issue["severity"];
  readonly code: string;
}

function offsetParam(issue: Issue, name: "start" | "end"): number | undefined {
  const value = issue.params[name];
  return typeof value === "number" ? value : undefined;
}

/** The span of a formula issue (its `start`/`end` params), the whole text when it has none. */
export function issueSpan(issue: Issue, length: number): { start: number; end: number } {
  const start = Math.min(offsetParam(issue, "start") ?? 0, length);
  const end = Math.min(Math.max(offsetParam(issue, "end") ?? length, start), length);
  return { start, end };
}

/**
 * The core's parse and type errors of a formula (`analyzeFormula`, as the app's validation runs
 * it for this place). An empty text has no markers: the panels treat it as "no formula".
 */
export function formulaMarkers(text: string, context: FormulaContext): FormulaMarker[] {
  if (text.trim() === "") return [];
  const options = context.expected ? { expected: [...context.expected] } : {};
  const { issues } = analyzeFormula(text, context.scope, context.functions, options);
  return issues.map((issue) => ({
    ...issueSpan(issue, text.length),
    message: issue.message,
    severity: issue.severity,
    code: issue.code,
  }));
}
