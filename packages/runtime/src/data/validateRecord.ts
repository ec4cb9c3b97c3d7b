import type { Ajv2020 } from "ajv/dist/2020.js";
import type { AppModel, EntityModel } from "../app/model.js";
import { createAppScope, type FieldTypes } from "../app/scope.js";
import { compileFormulaText, type Formula } from "../expr/formula.js";
import type { ImplementedFunction } from "../expr/functions/implemented.js";
import type { EvalEnv } from "../expr/values.js";
import type { Field } from "../fields/index.js";
import { labelBoth } from "../i18n/label.js";
import { escapePointerToken, hasErrors, type Issue } from "../issues/issue.js";
import { defaultValue } from "./defaults.js";
import { compileFieldValidator, type FieldValidator, labelParams } from "./fieldValidators.js";
import { recordIssue } from "./messages.js";
import { findNulCharacter, hasNulCharacter, nulCharacterIssue } from "./nulCharacter.js";
import { isInputField } from "./recordSchema.js";

export type RecordValues = Record<string, unknown>;

/** What a record check needs to know about the moment: who, when, create or update. */
export interface RecordContext extends Omit<EvalEnv, "old" | "lookup"> {
  readonly mode: "create" | "update";
  /** The stored record, for updates (the input is then a patch over it). */
  readonly old?: Readonly<RecordValues>;
  /** Resolve relation paths (`account.region`); blank when omitted. */
  readonly lookup?: EvalEnv["lookup"];
}

export interface ValidateRecordResult {
  readonly ok: boolean;
  /** The normalised record: defaults applied, blanks as null, computed fields filled in. */
  readonly value: RecordValues;
  readonly issues: readonly Issue[];
}

interface CompiledRule {
  readonly id: string;
  readonly invalidWhen: Formula;
  readonly message: { en: string; "zh-CN": string };
  readonly path: string;
  readonly on?: readonly ("create" | "update")[];
  readonly severity: "error" | "warning";
}

/** An entity compiled for record checks; build once per published app, reuse per write. */
export interface EntityProgram {
  readonly entity: EntityModel;
  readonly inputs: ReadonlyMap<string, { readonly field: Field; readonly validate: FieldValidator }>;
  readonly computed: ReadonlyArray<{ readonly field: Field; readonly formula: Formula }>;
  readonly requiredWhen: ReadonlyArray<{ readonly field: Field; readonly formula: Formula }>;
  readonly rules: readonly CompiledRule[];
}

const textKinds = new Set(["text", "email", "phone", "url"]);

/** Blank is null: empty text, empty lists and undefined all become null. */
function normalise(field: Field, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" && textKinds.has(field.kind)) {
    const trimmed = value.trim();
    return trimmed === "" ? null : trimmed;
  }
  if (typeof value === "string" && value === "") return null;
  if (Array.isArray(value) && value.length === 0) return null;
  if (typeof value === "number" && field.kind === "currency") {
    const factor = 10 ** (field.decimals ?? 2);
    return (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  }
  return value;
}

/** Order formula fields so that each comes after the formula fields it reads. */
function formulaOrder<T extends { readonly field: Field; readonly formula: Formula }>(items: readonly T[]): T[] {
  const byId = new Map(items.map((item) => [item.field.id, item]));
  const ordered: T[] = [];
  const placed = new Set<string>();
  const visit = (item: T, trail: Set<string>) => {
    if (placed.has(item.field.id) || trail.has(item.field.id)) return;
    trail.add(item.field.id);
    for (const dep of item.formula.fields) {
      const other = byId.get(dep);
      if (other && other !== item) visit(other, trail);
    }
    placed.add(item.field.id);
    ordered.push(item);
  };
  for (const item of items) visit(item, new Set());
  return ordered;
}

/**
 * Compile an entity of a valid app for record checks. Formulas were type-checked by
 * `validateApp`; a formula that still fails to compile here is a programming error.
 */
export function compileEntityProgram(
  ajv: Ajv2020,
  model: AppModel,
  types: FieldTypes,
  functions: ReadonlyMap<string, ImplementedFunction>,
  entityId: string,
): EntityProgram | undefined {
  const entity = model.entities.get(entityId);
  if (!entity) return undefined;
  const scope = createAppScope(types, model, entityId);
  const compile = (text: string, what: string): Formula => {
    const compiled = compileFormulaText(text, scope, functions);
    if (!compiled.ok)
      throw new Error(`${what} of ${entityId} does not compile: ${compiled.issues[0]?.message.en ?? ""}`);
    return compiled.formula;
  };
  const inputs = new Map<string, { field: Field; validate: FieldValidator }>();
  for (const field of entity.value.fields) {
    if (isInputField(field) && field.kind !== "rollup")
      inputs.set(field.id, { field, validate: compileFieldValidator(ajv, field) });
  }
  const computed = formulaOrder(
    entity.value.fields.flatMap((field) =>
      field.kind === "formula" ? [{ field, formula: compile(field.expression, `formula field ${field.id}`) }] : [],
    ),
  );
  const requiredWhen = entity.value.fields.flatMap((field) =>
    field.requiredWhen === undefined
      ? []
      : [{ field, formula: compile(field.requiredWhen, `requiredWhen of ${field.id}`) }],
  );
  const rules: CompiledRule[] = (entity.value.rules ?? []).map((rule) => ({
    id: rule.id,
    invalidWhen: compile(rule.invalidWhen, `rule ${rule.id}`),
    message: labelBoth(rule.message, rule.id),
    path: rule.field === undefined ? "" : `/${rule.field}`,
    on: rule.on,
    severity: rule.severity ?? "error",
  }));
  return { entity, inputs, computed, requiredWhen, rules };
}

const noLookup: EvalEnv["lookup"] = () => null;

/**
 * Validate and normalise a record of an entity: unknown fields, value types and limits,
 * defaults (on create), required fields (also `requiredWhen`), computed formula fields and
 * the entity's validation rules. Every issue is collected, with a JSON Pointer into the record.
 */
export function validateRecordWith(program: EntityProgram, input: unknown, ctx: RecordContext): ValidateRecordResult {
  const issues: Issue[] = [];
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return { ok: false, value: {}, issues: [recordIssue("record.notObject", "")] };
  }
  const entityName = labelBoth(program.entity.value.label, program.entity.value.id);
  const value: RecordValues = ctx.mode === "update" && ctx.old ? { ...ctx.old } : {};
  for (const [key, raw] of Object.entries(input)) {
    // No field's id holds U+0000: say what is wrong with the name rather than that it is unknown.
    if (hasNulCharacter(key)) {
      issues.push(nulCharacterIssue(`/${escapePointerToken(key)}`, key));
      continue;
    }
    const input = program.inputs.get(key);
    if (input) {
      value[key] = normalise(input.field, raw);
      continue;
    }
    // System and computed fields sent by a client are ignored; anything else is unknown.
    if (!program.entity.fields.has(key)) {
      issues.push(
        recordIssue("record.unknownField", `/${key}`, {
          field: key,
          entity: entityName.en,
          entityZh: entityName["zh-CN"],
        }),
      );
    }
  }
  for (const { field } of program.inputs.values()) {
    if (!Object.hasOwn(value, field.id))
      value[field.id] = ctx.mode === "create" ? normalise(field, defaultValue(field, ctx)) : null;
  }
  // Formulas and rules see invalid values as blank, so one bad input yields one issue.
  const evaluated: RecordValues = { ...value };
  for (const { field, validate } of program.inputs.values()) {
    const v = value[field.id];
    if (v === null) continue;
    // Only what this write brings is checked for U+0000: a value stored before the check
    // existed (SQLite) does not block changes to the record's other fields.
    const written = ctx.mode === "create" || Object.hasOwn(input, field.id);
    const nul = written ? findNulCharacter(v) : undefined;
    const found = nul === undefined ? validate(v, `/${field.id}`) : [nulCharacterIssue(`/${field.id}${nul}`, field)];
    if (found.length > 0) evaluated[field.id] = null;
    issues.push(...found);
  }

  const env: EvalEnv = { today: ctx.today, now: ctx.now, user: ctx.user, old: ctx.old, lookup: ctx.lookup ?? noLookup };
  for (const { field, formula } of program.computed) {
    const result = formula.evaluate(evaluated, env);
    evaluated[field.id] = result.ok ? result.value : null;
    if (result.ok) value[field.id] = result.value;
    else {
      value[field.id] = null;
      issues.push(
        recordIssue("record.formulaFailed", `/${field.id}`, { ...labelParams(field), detail: result.issue.message.en }),
      );
    }
  }

  const required = new Set(program.entity.value.fields.filter((f) => f.required && isInputField(f)).map((f) => f.id));
  for (const { field, formula } of program.requiredWhen) {
    const result = formula.evaluate(evaluated, env);
    if (result.ok && result.value === true) required.add(field.id);
  }
  for (const id of required) {
    const field = program.inputs.get(id)?.field;
    if (field && value[id] === null) issues.push(recordIssue("record.required", `/${id}`, labelParams(field)));
  }

  for (const rule of program.rules) {
    if (rule.on && !rule.on.includes(ctx.mode)) continue;
    const result = rule.invalidWhen.evaluate(evaluated, env);
    if (result.ok && result.value === true) {
      issues.push(
        recordIssue(
          "record.rule",
          rule.path,
          { message: rule.message.en, messageZh: rule.message["zh-CN"], rule: rule.id },
          rule.severity,
        ),
      );
    }
  }
  return { ok: !hasErrors(issues), value, issues };
}
