import type { Span } from "./ast.js";

/** A 1-based line and column. Columns count UTF-16 code units, as editors such as Monaco do. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Turn a character offset into a 1-based line and column. `\n`, `\r\n` and a lone `\r`
 * each end a line. Offsets outside the text are clamped to it.
 *
 * @example offsetToPosition("a +\n  b", 6) // { line: 2, column: 3 }
 */
export function offsetToPosition(text: string, offset: number): TextPosition {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Widest excerpt line shown by {@link renderExcerpt}; long formulas are windowed around the caret. */
const EXCERPT_WIDTH = 80;

/**
 * Render the line of `text` holding `span.start`, with carets under the span, for CLI output
 * and logs. Long lines are cut to a window around the span and marked with `…`.
 *
 * @example
 * renderExcerpt("IF(amount > 'x', 1, 2)", { start: 12, end: 15 })
 * // "1 | IF(amount > 'x', 1, 2)\n  |             ^^^"
 */
export function renderExcerpt(text: string, span: Span): string {
  const { line, column } = offsetToPosition(text, span.start);
  const lineStart = span.start - (column - 1);
  let lineEnd = lineStart;
  while (lineEnd < text.length && text[lineEnd] !== "\n" && text[lineEnd] !== "\r") lineEnd++;
  const lineText = text.slice(lineStart, lineEnd);
  const caretStart = column - 1;
  const caretLength = Math.max(1, Math.min(span.end, lineEnd) - span.start);
  let from = 0;
  if (lineText.length > EXCERPT_WIDTH) from = Math.max(0, Math.min(caretStart - 20, lineText.length - EXCERPT_WIDTH));
  const to = Math.min(lineText.length, from + EXCERPT_WIDTH);
  const prefix = from > 0 ? "…" : "";
  const suffix = to < lineText.length ? "…" : "";
  const shown = prefix + lineText.slice(from, to).replace(/\t/g, " ") + suffix;
  const gutter = String(line);
  const pad = " ".repeat(gutter.length);
  const carets = "^".repeat(Math.max(1, Math.min(caretLength, to - caretStart)));
  return `${gutter} | ${shown}\n${pad} | ${" ".repeat(prefix.length + caretStart - from)}${carets}`;
}
