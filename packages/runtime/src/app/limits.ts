import type { Issue } from "../issues/issue.js";
import { schemaIssue } from "./messages.js";

/** Limits that keep hostile documents from hanging or crashing validation. */
export const documentLimits = {
  /** Characters of JSON text accepted by {@link parseAppJson}. */
  maxTextLength: 16 * 1024 * 1024,
  /** Nesting depth of objects and arrays. Real apps stay far below. */
  maxDepth: 64,
  /** Values (objects, arrays and scalars) in one document. */
  maxNodes: 2_000_000,
  /** Issues reported at most; the rest are summarised by one `schema.tooManyIssues`. */
  maxIssues: 1000,
} as const;

function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`;
}

/** Text-size guard for documents still in JSON form. */
export function checkTextSize(text: string): Issue | undefined {
  if (text.length <= documentLimits.maxTextLength) return undefined;
  return schemaIssue("schema.tooLarge", "", {
    size: formatSize(text.length),
    limit: formatSize(documentLimits.maxTextLength),
  });
}

/**
 * Walk the value iteratively (no recursion, so any depth is safe) and report the first
 * limit it breaks. Structural validation only runs on documents that pass.
 */
export function checkShape(doc: unknown): Issue | undefined {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: doc, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    nodes += 1;
    if (nodes > documentLimits.maxNodes) {
      return schemaIssue("schema.tooLarge", "", {
        size: `> ${documentLimits.maxNodes} values`,
        limit: `${documentLimits.maxNodes} values`,
      });
    }
    if (value === null || typeof value !== "object") continue;
    if (depth >= documentLimits.maxDepth) return schemaIssue("schema.tooDeep", "", { limit: documentLimits.maxDepth });
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return undefined;
}

/** Cap a list of issues at the limit, adding one summary issue when cut. */
export function capIssues(issues: Issue[]): Issue[] {
  if (issues.length <= documentLimits.maxIssues) return issues;
  return [
    ...issues.slice(0, documentLimits.maxIssues),
    schemaIssue("schema.tooManyIssues", "", { limit: documentLimits.maxIssues }),
  ];
}
