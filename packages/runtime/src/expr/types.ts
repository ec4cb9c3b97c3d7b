/**
 * The static types of the formula language. Every expression has exactly one type,
 * checked against the data model before anything runs.
 *
 * Runtime representation (JS and SQL agree on these):
 * - number: a JS number (IEEE double); SQL REAL/INTEGER.
 * - text: a JS string; SQL TEXT.
 * - boolean: true/false; SQL 1/0.
 * - date: ISO text `YYYY-MM-DD`; SQL TEXT in the same form.
 * - datetime: ISO text `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC); SQL TEXT in the same form.
 * - list: an array of text (multiSelect values); SQL TEXT holding a JSON array.
 * - null: the type of the literal BLANK; unifies with every other type.
 * Any value of any type may be blank (JS `null`, SQL NULL).
 */
export type FormulaType =
  | { readonly kind: "number" }
  | {
      readonly kind: "text";
      /** For select fields: the allowed values, so `stage = 'wonn'` is caught at design time. */
      readonly options?: readonly string[];
      /** For relation and user fields: the entity (or "user") the id points to. */
      readonly ref?: string;
    }
  | { readonly kind: "boolean" }
  | { readonly kind: "date" }
  | { readonly kind: "datetime" }
  | { readonly kind: "list"; readonly options?: readonly string[] }
  | { readonly kind: "null" };

export type FormulaTypeKind = FormulaType["kind"];

export const T = {
  number: { kind: "number" },
  text: { kind: "text" },
  boolean: { kind: "boolean" },
  date: { kind: "date" },
  datetime: { kind: "datetime" },
  list: { kind: "list" },
  null: { kind: "null" },
} as const satisfies Record<FormulaTypeKind, FormulaType>;

/** A human name for a type, used in messages ("number", "text", ...). */
export function typeName(type: FormulaType): string {
  return type.kind === "null" ? "blank" : type.kind;
}
