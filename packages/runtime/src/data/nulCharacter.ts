import type { Field } from "../fields/index.js";
import { labelBoth } from "../i18n/label.js";
import { escapePointerToken, type Issue } from "../issues/issue.js";
import { recordIssue } from "./messages.js";

/**
 * U+0000 (NUL) is refused in every text Plinth stores: PostgreSQL text cannot hold it, and
 * SQLite would store it only to lose it (or fail) on the move to PostgreSQL. Refusing it
 * everywhere keeps both databases answering alike.
 */
const NUL = "\u0000";

/** Does the text contain U+0000? */
export function hasNulCharacter(text: string): boolean {
  return text.includes(NUL);
}

interface Frame {
  readonly value: unknown;
  readonly parent: Frame | undefined;
  /** The member name or array index that leads from the parent here ("" for the root). */
  readonly token: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function pointerOf(frame: Frame): string {
  const tokens: string[] = [];
  for (let f: Frame | undefined = frame; f?.parent !== undefined; f = f.parent) tokens.push(f.token);
  return tokens
    .reverse()
    .map((t) => `/${escapePointerToken(t)}`)
    .join("");
}

/**
 * The JSON Pointer (relative to `value`) of the first string, or member name, that contains
 * U+0000, in document order; `undefined` when there is none. Only JSON data is walked (strings,
 * arrays, plain objects): anything else, such as a stream, is not looked into. The walk keeps
 * its own stack, so a hostile, deeply nested document cannot overflow the call stack, and it
 * builds the pointer only for the match, so its work stays linear in the size of the value.
 *
 * @example
 * findNulCharacter({ a: ["ok", "b\u0000d"] }); // "/a/1"
 * findNulCharacter("clean"); // undefined
 */
export function findNulCharacter(value: unknown): string | undefined {
  const stack: Frame[] = [{ value, parent: undefined, token: "" }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if (hasNulCharacter(frame.token)) return pointerOf(frame);
    const v = frame.value;
    if (typeof v === "string") {
      if (hasNulCharacter(v)) return pointerOf(frame);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const item: unknown = v[i];
        if (typeof item === "string" || (item !== null && typeof item === "object"))
          stack.push({ value: item, parent: frame, token: String(i) });
      }
    } else if (isPlainObject(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push({ value: v[key], parent: frame, token: key });
      }
    }
  }
  return undefined;
}

/** A name or pointer as people can read it: U+0000 shown as ␀ (U+2400), at most 200 characters. */
function visible(name: string): string {
  const shown = name.replaceAll(NUL, "\u2400");
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}

/** The `record.nulCharacter` issue of a field (or of a property named by a client, when no field is known). */
export function nulCharacterIssue(path: string, field: Field | string): Issue {
  if (typeof field === "string") {
    const name = visible(field);
    return recordIssue("record.nulCharacter", path, { label: name, labelZh: name });
  }
  const both = labelBoth(field.label, field.id);
  return recordIssue("record.nulCharacter", path, { label: both.en, labelZh: both["zh-CN"] });
}

/**
 * The `record.nulCharacter` issues of a record as a client sends it: one per property whose
 * name or value (at any depth: lists, attachment descriptors) contains U+0000, with the pointer
 * of the offending string. `fieldOf` names the entity's fields, for their labels in the message;
 * without it, or for a property that is no field, the property name is used.
 *
 * Hosts that touch the database before {@link validateRecordWith} (to look up related records,
 * say) call this first; `validateRecordWith` reports the same issues itself.
 */
export function nulCharacterIssues(
  record: Readonly<Record<string, unknown>>,
  fieldOf: (key: string) => Field | undefined = () => undefined,
): Issue[] {
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(record)) {
    const inner = hasNulCharacter(key) ? "" : findNulCharacter(value);
    if (inner === undefined) continue;
    issues.push(nulCharacterIssue(`/${escapePointerToken(key)}${inner}`, fieldOf(key) ?? key));
  }
  return issues;
}

/** The parts of an HTTP request, as an `http.nulCharacter` refusal names them in `details.in`. */
export type RequestPart = "path" | "query" | "header" | "body";

/** Where in a request U+0000 was found: the message params, the pointer and the part. */
export interface NulRefusal {
  readonly params: { readonly where: string; readonly whereZh: string };
  /** A JSON Pointer into the body, or to the query parameter (`/filter`); "" for the path and headers. */
  readonly path: string;
  readonly part: RequestPart;
}

/**
 * Describe a request refused for U+0000, for the `http.nulCharacter` message: `at` is the
 * query parameter's or header's name, or the pointer into the body. The server and the memory
 * data source both build their answer from it, so they say the same thing.
 *
 * @example
 * nulRefusal("body", "/comment").params.where; // "The request body at /comment"
 */
export function nulRefusal(part: RequestPart, at = ""): NulRefusal {
  switch (part) {
    case "path":
      return { params: { where: "The address", whereZh: "请求地址" }, path: "", part };
    case "query":
      return {
        params: { where: `The query parameter '${visible(at)}'`, whereZh: `查询参数“${visible(at)}”` },
        path: `/${escapePointerToken(at)}`,
        part,
      };
    case "header":
      return { params: { where: `The header '${visible(at)}'`, whereZh: `请求头“${visible(at)}”` }, path: "", part };
    case "body":
      return {
        params:
          at === ""
            ? { where: "The request body", whereZh: "请求体" }
            : { where: `The request body at ${visible(at)}`, whereZh: `请求体中 ${visible(at)} 处` },
        path: at,
        part,
      };
  }
}
