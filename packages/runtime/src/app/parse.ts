import type { Issue } from "../issues/issue.js";
import { checkTextSize } from "./limits.js";
import { schemaIssue } from "./messages.js";

export type ParseResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issues: Issue[] };

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lastBreak = i;
    }
  }
  return { line, column: offset - lastBreak };
}

/**
 * Parse the JSON text of an app document. Oversized text and syntax errors become issues
 * (`schema.tooLarge`, `schema.notJson` with line and column); nothing throws.
 * `__proto__` keys stay ordinary own properties (JSON.parse never touches prototypes).
 */
export function parseAppJson(text: string): ParseResult {
  const tooLarge = checkTextSize(text);
  if (tooLarge) return { ok: false, issues: [tooLarge] };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const match = /position (\d+)/.exec(reason);
    const { line, column } = match ? lineAndColumn(text, Number(match[1])) : { line: 1, column: 1 };
    return {
      ok: false,
      issues: [
        schemaIssue("schema.notJson", "", { reason: reason.replace(/ in JSON at position \d+.*$/, ""), line, column }),
      ],
    };
  }
}
