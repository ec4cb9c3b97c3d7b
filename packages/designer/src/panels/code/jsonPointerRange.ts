/**
 * Where a JSON Pointer's value sits in JSON text, for the code view's markers and "reveal":
 * a small scanner that walks down the pointer and skips every sibling without building a tree.
 */

/** Offsets into the text; `key*` is the property name (with its quotes) when the value has one. */
export interface JsonRange {
  readonly start: number;
  readonly end: number;
  readonly keyStart?: number;
  readonly keyEnd?: number;
  /** The pointer that was found: the whole one, or its deepest existing ancestor. */
  readonly pointer: string;
}

const WS = new Set([32, 9, 10, 13]);

function skipWs(text: string, i: number): number {
  let at = i;
  while (at < text.length && WS.has(text.charCodeAt(at))) at++;
  return at;
}

/** The end of the string literal starting at `i` (a `"`), after its closing quote. */
function stringEnd(text: string, i: number): number {
  let at = i + 1;
  while (at < text.length) {
    const c = text.charCodeAt(at);
    if (c === 92) at += 2;
    else if (c === 34) return at + 1;
    else at++;
  }
  return text.length;
}

/** The end of the value starting at `i`. */
function valueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return stringEnd(text, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    let at = i;
    while (at < text.length) {
      const d = text.charCodeAt(at);
      if (d === 34) {
        at = stringEnd(text, at);
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        depth--;
        if (depth === 0) return at + 1;
      }
      at++;
    }
    return text.length;
  }
  let at = i;
  while (at < text.length && !WS.has(text.charCodeAt(at)) && !",]}".includes(text[at] ?? "")) at++;
  return at;
}

function decodeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

interface Member {
  readonly start: number;
  readonly keyStart?: number;
  readonly keyEnd?: number;
}

/** The member `token` of the object or array whose value starts at `i`. */
function member(text: string, i: number, token: string): Member | undefined {
  const open = text.charCodeAt(i);
  if (open === 91) {
    const wanted = /^(0|[1-9]\d*)$/.test(token) ? Number(token) : -1;
    let at = skipWs(text, i + 1);
    for (let n = 0; at < text.length && text.charCodeAt(at) !== 93; n++) {
      if (n === wanted) return { start: at };
      at = skipWs(text, valueEnd(text, at));
      if (text.charCodeAt(at) === 44) at = skipWs(text, at + 1);
    }
    return undefined;
  }
  if (open !== 123) return undefined;
  let at = skipWs(text, i + 1);
  while (at < text.length && text.charCodeAt(at) === 34) {
    const keyEnd = stringEnd(text, at);
    let key: string | undefined;
    try {
      key = JSON.parse(text.slice(at, keyEnd)) as string;
    } catch {
      return undefined;
    }
    const colon = skipWs(text, keyEnd);
    if (text.charCodeAt(colon) !== 58) return undefined;
    const start = skipWs(text, colon + 1);
    if (key === token) return { start, keyStart: at, keyEnd };
    at = skipWs(text, valueEnd(text, start));
    if (text.charCodeAt(at) === 44) at = skipWs(text, at + 1);
  }
  return undefined;
}

/**
 * The range of the value at `pointer` in `text`, or of its deepest existing ancestor when the
 * pointer goes further than the text (a missing property is reported on its parent).
 *
 * @example pointerRange('{"a": [1, 22]}', "/a/1") // { start: 10, end: 12, pointer: "/a/1" }
 */
export function pointerRange(text: string, pointer: string): JsonRange | undefined {
  let start = skipWs(text, 0);
  if (start >= text.length) return undefined;
  let found: JsonRange = { start, end: valueEnd(text, start), pointer: "" };
  if (pointer === "") return found;
  const tokens = pointer.split("/").slice(1).map(decodeToken);
  let path = "";
  for (const token of tokens) {
    const next = member(text, start, token);
    if (!next) return found;
    start = next.start;
    path += `/${escapeToken(token)}`;
    found = { ...next, end: valueEnd(text, start), pointer: path };
  }
  return found;
}

/**
 * The offset in the text of the character `index` of the decoded string literal starting at
 * `literalStart` (escapes such as `\n` or `\u4e2d` count as one character): formula issues
 * give offsets into the formula, the editor needs them in the JSON text.
 */
export function stringCharOffset(text: string, literalStart: number, index: number): number {
  let at = literalStart + 1;
  for (let n = 0; n < index && at < text.length && text.charCodeAt(at) !== 34; n++) {
    if (text.charCodeAt(at) !== 92) at++;
    else at += text[at + 1] === "u" ? 6 : 2;
  }
  return at;
}
