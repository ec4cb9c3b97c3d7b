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

/** A name as people can read it: U+0000 shown as ␀ (U+2400). */
function visible(name: string): string {
  return name.replaceAll(NUL, "\u2400");
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
