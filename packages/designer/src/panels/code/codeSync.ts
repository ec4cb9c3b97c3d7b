import type { App, Issue, Locale } from "@plinth/runtime";
import { issueSpan } from "./formulaMarkers.js";
import { pointerRange, stringCharOffset } from "./jsonPointerRange.js";

/** The editor's text as an app document, or why it cannot be applied (in both languages). */
export type ParsedText =
  | { readonly ok: true; readonly doc: App }
  | { readonly ok: false; readonly message: { readonly en: string; readonly "zh-CN": string } };

/** Parse the code view's text: it is applied only when it is JSON and an object. */
export function parseAppText(text: string): ParsedText {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message;
    return {
      ok: false,
      message: { en: `Not valid JSON yet: ${reason}`, "zh-CN": `还不是有效的 JSON：${reason}` },
    };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return {
      ok: false,
      message: {
        en: "An app is a JSON object ({ … }); this text is not one.",
        "zh-CN": "应用是一个 JSON 对象（{ … }）；此文本不是对象。",
      },
    };
  return { ok: true, doc: value as App };
}

/** A core issue placed in the JSON text. */
export interface TextMarker {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly severity: Issue["severity"];
  readonly code: string;
}

/**
 * Where each core issue sits in the text: a formula's issue on its span inside the string, an
 * issue about a whole object or array on its property name (or its first character), any other
 * on its value; a path that goes past the text on its deepest existing ancestor.
 */
export function issueMarkers(text: string, issues: readonly Issue[], locale: Locale): TextMarker[] {
  const out: TextMarker[] = [];
  for (const issue of issues) {
    const range = pointerRange(text, issue.path);
    if (!range) continue;
    const first = text[range.start];
    let { start, end } = range;
    if (first === '"' && range.pointer === issue.path && typeof issue.params.start === "number") {
      const decoded = JSON.parse(text.slice(range.start, range.end)) as string;
      const span = issueSpan(issue, decoded.length);
      start = stringCharOffset(text, range.start, span.start);
      end = Math.max(stringCharOffset(text, range.start, span.end), start + 1);
    } else if (first === "{" || first === "[") {
      if (range.keyStart !== undefined && range.keyEnd !== undefined) {
        start = range.keyStart;
        end = range.keyEnd;
      } else end = start + 1;
    }
    out.push({ start, end, message: issue.message[locale], severity: issue.severity, code: issue.code });
  }
  return out;
}

/** The text offset to reveal for a selected JSON Pointer (its property name, else its value). */
export function revealOffset(text: string, pointer: string): number | undefined {
  const range = pointerRange(text, pointer);
  return range && (range.keyStart ?? range.start);
}
