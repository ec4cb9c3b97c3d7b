import type { Issue } from "../issues/issue.js";
import { formulaIssue } from "./messages.js";

/** Reserved words; matched case-insensitively and stored upper-cased. */
export const KEYWORDS = ["AND", "OR", "NOT", "IN", "TRUE", "FALSE", "BLANK", "NULL"] as const;
export type Keyword = (typeof KEYWORDS)[number];

export type Operator = "+" | "-" | "*" | "/" | "&" | "=" | "<>" | "<" | "<=" | ">" | ">=" | "(" | ")" | "," | ".";

interface TokenBase {
  readonly start: number;
  readonly end: number;
  /** The source text of the token. */
  readonly text: string;
}

/** One lexical token; `start`/`end` are offsets into the formula text. */
export type Token =
  | (TokenBase & { readonly kind: "number"; readonly value: number })
  | (TokenBase & { readonly kind: "string"; readonly value: string })
  | (TokenBase & { readonly kind: "identifier"; readonly name: string })
  | (TokenBase & { readonly kind: "keyword"; readonly keyword: Keyword })
  /** `$name`; `name` excludes the `$`. Dotted paths are assembled by the parser. */
  | (TokenBase & { readonly kind: "variable"; readonly name: string })
  | (TokenBase & { readonly kind: "operator"; readonly op: Operator })
  | (TokenBase & { readonly kind: "end" });

export interface LexResult {
  readonly tokens: readonly Token[];
  /** At most one issue: lexing stops at the first error. */
  readonly issues: readonly Issue[];
}

const KEYWORD_BY_NAME: ReadonlyMap<string, Keyword> = new Map(KEYWORDS.map((k) => [k, k]));

/** True when `word` is a keyword in any letter case (so it cannot be a bare field name). */
export function isKeyword(word: string): boolean {
  return KEYWORD_BY_NAME.has(word.toUpperCase());
}

const UNICODE_LETTER = /^\p{L}$/u;
const UNICODE_LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Identifiers start with a letter or `_` and go on with letters, digits and `_`. */
function identifierCharLength(text: string, i: number, first: boolean): number {
  const code = text.charCodeAt(i);
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95) return 1;
  if (isDigit(code)) return first ? 0 : 1;
  if (code < 128 || Number.isNaN(code)) return 0;
  const point = text.codePointAt(i) ?? 0;
  const ch = String.fromCodePoint(point);
  return (first ? UNICODE_LETTER : UNICODE_LETTER_OR_DIGIT).test(ch) ? ch.length : 0;
}

function scanIdentifier(text: string, start: number): number {
  let i = start;
  let step = identifierCharLength(text, i, true);
  while (step > 0) {
    i += step;
    step = identifierCharLength(text, i, false);
  }
  return i;
}

function scanNumber(text: string, start: number): number {
  let i = start;
  while (isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
    i++;
    while (isDigit(text.charCodeAt(i))) i++;
  } else if (text.charCodeAt(i) === 46 && i > start && !isIdentifierStart(text, i + 1)) {
    i++; // `12.` is twelve; `12.x` is left for the parser to reject
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    const sign = text.charCodeAt(i + 1);
    const digitAt = sign === 43 || sign === 45 ? i + 2 : i + 1;
    if (isDigit(text.charCodeAt(digitAt))) {
      i = digitAt;
      while (isDigit(text.charCodeAt(i))) i++;
    }
  }
  return i;
}

function isIdentifierStart(text: string, i: number): boolean {
  return identifierCharLength(text, i, true) > 0;
}

/** Scan a quoted string starting at `start`; returns the end offset, or -1 when unterminated. */
function scanString(text: string, start: number, quote: string): { end: number; value: string } | undefined {
  const parts: string[] = [];
  let i = start + 1;
  let chunkStart = i;
  for (;;) {
    const at = text.indexOf(quote, i);
    if (at < 0) return undefined;
    if (text[at + 1] === quote) {
      parts.push(text.slice(chunkStart, at + 1));
      i = at + 2;
      chunkStart = i;
      continue;
    }
    parts.push(text.slice(chunkStart, at));
    return { end: at + 1, value: parts.join("") };
  }
}

const TWO_CHAR_OPERATORS: ReadonlyMap<string, Operator> = new Map<string, Operator>([
  ["<>", "<>"],
  ["!=", "<>"],
  ["<=", "<="],
  [">=", ">="],
]);
const ONE_CHAR_OPERATORS: ReadonlyMap<string, Operator> = new Map(
  (["+", "-", "*", "/", "&", "=", "<", ">", "(", ")", ",", "."] as const).map((op) => [op, op]),
);

/**
 * Split formula text into tokens. Whitespace (including newlines) separates tokens; the
 * result always ends with an `end` token unless an issue stopped lexing.
 *
 * @example tokenize("amount > 1e3").tokens.map((t) => t.kind) // ["identifier", "operator", "number", "end"]
 */
export function tokenize(text: string): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (issue: Issue): LexResult => ({ tokens, issues: [issue] });
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 0xa0 || code === 0x3000) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(code) || (code === 46 && isDigit(text.charCodeAt(i + 1)))) {
      i = scanNumber(text, i);
      const raw = text.slice(start, i);
      const value = Number(raw);
      if (!Number.isFinite(value)) {
        return fail(formulaIssue("formula.invalidNumber", { start, end: i }, text, { text: raw }));
      }
      tokens.push({ kind: "number", value, start, end: i, text: raw });
      continue;
    }
    if (code === 39 || code === 34) {
      const quote = code === 39 ? "'" : '"';
      const scanned = scanString(text, start, quote);
      if (!scanned) {
        return fail(formulaIssue("formula.unterminatedString", { start, end: text.length }, text, { quote }));
      }
      i = scanned.end;
      tokens.push({ kind: "string", value: scanned.value, start, end: i, text: text.slice(start, i) });
      continue;
    }
    if (code === 36) {
      i = scanIdentifier(text, start + 1);
      if (i === start + 1) return fail(formulaIssue("formula.invalidVariable", { start, end: start + 1 }, text));
      tokens.push({ kind: "variable", name: text.slice(start + 1, i), start, end: i, text: text.slice(start, i) });
      continue;
    }
    if (isIdentifierStart(text, i)) {
      i = scanIdentifier(text, i);
      const word = text.slice(start, i);
      const keyword = KEYWORD_BY_NAME.get(word.toUpperCase());
      if (keyword !== undefined) {
        tokens.push({ kind: "keyword", keyword, start, end: i, text: word });
      } else {
        tokens.push({ kind: "identifier", name: word, start, end: i, text: word });
      }
      continue;
    }
    const two = TWO_CHAR_OPERATORS.get(text.slice(i, i + 2));
    if (two !== undefined) {
      i += 2;
      tokens.push({ kind: "operator", op: two, start, end: i, text: text.slice(start, i) });
      continue;
    }
    const one = ONE_CHAR_OPERATORS.get(text[i] ?? "");
    if (one !== undefined) {
      i++;
      tokens.push({ kind: "operator", op: one, start, end: i, text: one });
      continue;
    }
    const point = text.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(point);
    return fail(formulaIssue("formula.invalidCharacter", { start, end: i + char.length }, text, { char }));
  }
  tokens.push({ kind: "end", start: text.length, end: text.length, text: "" });
  return { tokens, issues: [] };
}
