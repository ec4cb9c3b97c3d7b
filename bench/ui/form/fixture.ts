/**
 * The form benchmark's fixture: one generated entity of 200 fields of mixed kinds, and the
 * same fields as each contender takes them: a Plinth app (entity + form page), a JSON Schema
 * with its uiSchema for @rjsf/core, and the plain list the hand-written form walks.
 *
 * The fields come in blocks of ten; in block k (fields 10k+1 … 10k+10):
 *   +1 text (required)   +2 number (required when +5 is 'b')   +3 currency (min 0, read-only when +7)
 *   +4 percent   +5 select (5 options)   +6 date   +7 boolean   +8 longText (visible unless +7)
 *   +9 formula (even blocks ROUND(+3 * +4 / 100, 2), odd blocks IF(+7, 'yes', 'no'))   +10 text
 * so field 1 and field 200 are both one-line text inputs (the keystroke targets), every
 * field is visible at first (booleans start false), and Plinth's store has 20 formulas and
 * 60 conditions to evaluate on every change. No randomness: the same fixture on every run.
 */

/** How many fields the benchmark form has. */
export const FORM_FIELD_COUNT = 200;

/** The entity and page ids in the generated app. */
export const BENCH_ENTITY = "deal";
export const BENCH_PAGE = "deal_form";

export const SELECT_OPTIONS = ["a", "b", "c", "d", "e"] as const;

export type BenchFieldKind =
  | "text"
  | "number"
  | "currency"
  | "percent"
  | "select"
  | "date"
  | "boolean"
  | "longText"
  | "formula";

/** What every contender needs to know about one field, beside its Plinth definition. */
export interface BenchField {
  /** 1-based position in the form. */
  readonly position: number;
  readonly id: string;
  readonly kind: BenchFieldKind;
  /** The English label, the same text in all three forms. */
  readonly label: string;
  readonly required?: boolean;
  readonly min?: number;
  /** The field that, when 'b', makes this one required. */
  readonly requiredWhenSelectIsB?: string;
  /** The boolean that, when true, makes this one read-only. */
  readonly readOnlyWhen?: string;
  /** The boolean that, when true, hides this one. */
  readonly hiddenWhen?: string;
  /** Formula fields: what they compute, from which fields. */
  readonly formula?:
    | { readonly kind: "percentOf"; readonly amount: string; readonly percent: string }
    | { readonly kind: "yesNo"; readonly flag: string };
  /** The Plinth field definition (app schema JSON). */
  readonly plinth: Readonly<Record<string, unknown>>;
}

const id = (position: number) => `f${String(position).padStart(3, "0")}`;

const kindsOfBlock: readonly BenchFieldKind[] = [
  "text",
  "number",
  "currency",
  "percent",
  "select",
  "date",
  "boolean",
  "longText",
  "formula",
  "text",
];

function benchField(position: number): BenchField {
  const block = Math.floor((position - 1) / 10);
  const slot = (position - 1) % 10;
  const base = block * 10;
  const kind = kindsOfBlock[slot] ?? "text";
  const label = `Field ${position} (${kind})`;
  const common = { id: id(position), kind, label: { en: label, "zh-CN": `字段 ${position}` } };
  const field = { position, id: id(position), kind, label };
  switch (slot) {
    case 0:
      return { ...field, required: true, plinth: { ...common, required: true, maxLength: 200 } };
    case 1: {
      const select = id(base + 5);
      return { ...field, requiredWhenSelectIsB: select, plinth: { ...common, requiredWhen: `${select} = 'b'` } };
    }
    case 2: {
      const flag = id(base + 7);
      return {
        ...field,
        min: 0,
        readOnlyWhen: flag,
        plinth: { ...common, currency: "CNY", min: 0, readOnlyWhen: flag },
      };
    }
    case 4:
      return { ...field, plinth: { ...common, options: SELECT_OPTIONS.map((value) => ({ value })) } };
    case 6:
      return { ...field, plinth: { ...common, default: false } };
    case 7: {
      const flag = id(base + 7);
      return { ...field, hiddenWhen: flag, plinth: { ...common, rows: 2, visibleWhen: `NOT(${flag})` } };
    }
    case 8: {
      if (block % 2 === 0) {
        const amount = id(base + 3);
        const percent = id(base + 4);
        return {
          ...field,
          formula: { kind: "percentOf", amount, percent },
          plinth: { ...common, expression: `ROUND(${amount} * ${percent} / 100, 2)`, resultType: "number" },
        };
      }
      const flag = id(base + 7);
      return {
        ...field,
        formula: { kind: "yesNo", flag },
        plinth: { ...common, expression: `IF(${flag}, 'yes', 'no')`, resultType: "text" },
      };
    }
    default:
      return { ...field, plinth: common };
  }
}

/** The 200 fields, in form order. */
export function benchFields(count = FORM_FIELD_COUNT): BenchField[] {
  return Array.from({ length: count }, (_, i) => benchField(i + 1));
}

/** The Plinth app: one entity with the fields, and a form page listing them in order. */
export function benchApp(fields: readonly BenchField[] = benchFields()): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: "formBench",
    version: "1.0.0",
    label: { en: "Form benchmark", "zh-CN": "表单基准测试" },
    roles: [{ id: "rep" }],
    entities: [{ id: BENCH_ENTITY, label: "Deal", titleField: "f001", fields: fields.map((f) => f.plinth) }],
    permissions: [{ role: "rep", entity: BENCH_ENTITY, actions: ["read", "create", "update"] }],
    pages: [
      {
        kind: "form",
        id: BENCH_PAGE,
        entity: BENCH_ENTITY,
        label: "Deal",
        layout: { kind: "section", columns: 2, children: fields.map((f) => ({ kind: "field", field: f.id })) },
      },
    ],
  };
}

type JsonSchema = Record<string, unknown>;

function jsonSchemaOf(field: BenchField): JsonSchema {
  const title = field.label;
  switch (field.kind) {
    case "text":
    case "longText":
      return { type: "string", title };
    case "number":
    case "percent":
      return { type: "number", title };
    case "currency":
      return { type: "number", title, minimum: field.min ?? 0 };
    case "select":
      return { type: "string", title, enum: [...SELECT_OPTIONS] };
    case "date":
      return { type: "string", title, format: "date" };
    case "boolean":
      return { type: "boolean", title, default: false };
    case "formula":
      return { type: field.formula?.kind === "percentOf" ? "number" : "string", title, readOnly: true };
    default: {
      const unknown: never = field.kind;
      return unknown;
    }
  }
}

/**
 * The same fields for @rjsf/core: one property per field, required where Plinth's are always
 * required, formula fields read-only. RJSF has no formula language, so it computes nothing and
 * hides nothing: its figures are a lower bound on what the same behaviour would cost it.
 */
export function rjsfSchemas(fields: readonly BenchField[] = benchFields()): {
  readonly schema: JsonSchema;
  readonly uiSchema: JsonSchema;
} {
  const properties = Object.fromEntries(fields.map((f) => [f.id, jsonSchemaOf(f)]));
  const uiSchema: JsonSchema = { "ui:order": fields.map((f) => f.id) };
  for (const f of fields)
    if (f.kind === "longText") uiSchema[f.id] = { "ui:widget": "textarea", "ui:options": { rows: 2 } };
  return {
    schema: {
      type: "object",
      title: "Deal",
      required: fields.filter((f) => f.required).map((f) => f.id),
      properties,
    },
    uiSchema,
  };
}
