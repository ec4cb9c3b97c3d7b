import type { FormulaType } from "../expr/types.js";
import { formulaSchema, idSchema, labelSchema, SCHEMA_BASE, textBlockSchema } from "../schema/common.js";

/**
 * Logical column types. The storage layer maps them to its dialect
 * (SQLite: TEXT/REAL/INTEGER; PostgreSQL: text/double precision/bigint/boolean/date/timestamptz/jsonb).
 */
export type ColumnType = "text" | "real" | "integer" | "boolean" | "date" | "datetime" | "json";

/** JSON Schema fragment, as produced by the field kinds (plain data). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * One field kind: everything Plinth knows about it in one module (STYLE.md "one kind, one file").
 * The renderer for the kind is registered under the same `kind` literal on the React side.
 */
export interface FieldKind<F extends { readonly kind: string }> {
  readonly kind: F["kind"];
  /** The kind's part of the meta-schema. */
  readonly schema: JsonSchema;
  /**
   * Produced by the system rather than typed in (formula, rollup, autonumber):
   * a value sent by a client is ignored.
   */
  readonly computed: boolean;
  /** JSON Schema of a non-blank record value of this field. */
  valueSchema(field: F): JsonSchema;
  /** The column that stores the field, or undefined when it is not stored (rollups). */
  column(field: F): ColumnType | undefined;
  /**
   * The field's type in formulas. Formula fields without a declared `resultType` return
   * undefined and are inferred from their expression by the app layer.
   */
  formulaType(field: F): FormulaType | undefined;
}

/** Properties every field has, whatever its kind. */
export const fieldBaseProperties = {
  id: idSchema,
  label: labelSchema,
  description: textBlockSchema,
  helpText: textBlockSchema,
  required: { type: "boolean" },
  unique: { type: "boolean" },
  indexed: { type: "boolean", description: "Create a database index on this field." },
  readOnly: { type: "boolean" },
  hidden: { type: "boolean" },
  visibleWhen: formulaSchema,
  requiredWhen: formulaSchema,
  readOnlyWhen: formulaSchema,
} as const;

/** Build the meta-schema of a field kind from its own properties. */
export function fieldSchema<
  const K extends string,
  const P extends Record<string, unknown>,
  const R extends readonly string[] = [],
>(kind: K, props: P, required?: R) {
  return {
    $id: `${SCHEMA_BASE}/fields/${kind}.json` as `${typeof SCHEMA_BASE}/fields/${K}.json`,
    type: "object",
    properties: { kind: { const: kind }, ...fieldBaseProperties, ...props },
    required: ["id", "kind", ...((required ?? []) as R)] as const,
    additionalProperties: false,
  } as const;
}

/** Helper for declaring a kind with inference of `F` from its schema type. */
export function defineFieldKind<F extends { readonly kind: string }>(kind: FieldKind<F>): FieldKind<F> {
  return kind;
}

/** Keep only the keys of `source` that are defined (for building value schemas). */
export function defined(source: Record<string, unknown>): JsonSchema {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined) out[k] = v;
  return out;
}
