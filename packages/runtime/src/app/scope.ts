import { analyzeFormula } from "../expr/front.js";
import type { FunctionSpec } from "../expr/functionSpec.js";
import type { FormulaScope, ScopeField } from "../expr/scope.js";
import type { FormulaType } from "../expr/types.js";
import { type Field, fieldKindOf } from "../fields/index.js";
import type { Issue } from "../issues/issue.js";
import { schemaIssue } from "./messages.js";
import type { AppModel } from "./model.js";

/** Variables every formula may use, besides `$old.<field>`. */
export const baseVariables: ReadonlyMap<string, FormulaType> = new Map<string, FormulaType>([
  ["user.id", { kind: "text", ref: "user" }],
  ["user.region", { kind: "text" }],
  ["user.team", { kind: "text" }],
  ["user.manager", { kind: "text", ref: "user" }],
  ["user.roles", { kind: "list" }],
  ["today", { kind: "date" }],
  ["now", { kind: "datetime" }],
]);

/**
 * Extra variables of an approval's effects (onSubmit, onApprove, onReject, onRecall): the comment
 * of the decision that caused them (`$approval.comment`; blank on submit and recall).
 */
export const approvalEffectVariables: ReadonlyMap<string, FormulaType> = new Map<string, FormulaType>([
  ["approval.comment", { kind: "text" }],
]);

/** Extra variables of approver-matching formulas: the candidate approver. */
export const approverVariables: ReadonlyMap<string, FormulaType> = new Map<string, FormulaType>([
  ["approver.id", { kind: "text", ref: "user" }],
  ["approver.region", { kind: "text" }],
  ["approver.team", { kind: "text" }],
  ["approver.roles", { kind: "list" }],
]);

/**
 * Formula types of fields, inferred on demand. Formula fields without a declared result
 * type take the type of their expression; min/max rollups the type of the child field.
 * A circle of formula fields is reported once (`schema.formulaCycle`) and typed as blank
 * so the formulas that use it are not reported again.
 */
export class FieldTypes {
  private readonly cache = new Map<string, FormulaType | undefined>();
  private readonly visiting: string[] = [];
  /** Issues found while inferring (cycles); the checks add them to the report once. */
  readonly issues: Issue[] = [];

  constructor(
    private readonly model: AppModel,
    private readonly functions: ReadonlyMap<string, FunctionSpec>,
  ) {}

  typeOf(entity: string, field: Field): FormulaType | undefined {
    const key = `${entity}\u0000${field.id}`;
    if (this.cache.has(key)) return this.cache.get(key);
    if (this.visiting.includes(key)) {
      const start = this.visiting.indexOf(key);
      const cycle = [...this.visiting.slice(start), key].map((k) => k.replace("\u0000", "."));
      const path = this.model.entities.get(entity)?.fields.get(field.id)?.path ?? "";
      this.issues.push(schemaIssue("schema.formulaCycle", `${path}/expression`, { cycle: cycle.join(" → ") }));
      return { kind: "null" };
    }
    this.visiting.push(key);
    const type = this.infer(entity, field);
    this.visiting.pop();
    this.cache.set(key, type);
    return type;
  }

  private infer(entity: string, field: Field): FormulaType | undefined {
    const declared = fieldKindOf(field).formulaType(field);
    if (declared) return declared;
    if (field.kind === "formula") {
      return analyzeFormula(field.expression, createAppScope(this, this.model, entity), this.functions).type;
    }
    if (field.kind === "rollup" && field.field) {
      const child = this.model.entities.get(field.from)?.fields.get(field.field)?.value;
      return child ? this.typeOf(field.from, child) : undefined;
    }
    return undefined;
  }
}

/**
 * The formula scope of one entity of an app: its fields (and, through relations, those
 * of related entities), the standard variables, `$old.<field>` and any extra variables.
 */
export function createAppScope(
  types: FieldTypes,
  model: AppModel,
  entity: string,
  extraVariables: ReadonlyMap<string, FormulaType> = new Map(),
): FormulaScope {
  const field = (entityId: string, id: string): ScopeField | undefined => {
    const located = model.entities.get(entityId)?.fields.get(id);
    if (!located || located.value.kind === "attachment") return undefined;
    const type = types.typeOf(entityId, located.value);
    if (!type) return undefined;
    return located.value.kind === "relation" ? { id, type, target: located.value.target } : { id, type };
  };
  const custom = new Map(
    (model.app.settings?.userAttributes ?? []).map((a) => [`user.${a.id}`, { kind: a.kind } as FormulaType]),
  );
  const variable = (path: readonly string[]): FormulaType | undefined => {
    const name = path.join(".");
    const known = baseVariables.get(name) ?? extraVariables.get(name) ?? custom.get(name);
    if (known) return known;
    if (path.length === 2 && path[0] === "old" && path[1] !== undefined) return field(entity, path[1])?.type;
    return undefined;
  };
  return {
    entity,
    field,
    fieldIds: (entityId) => [...(model.entities.get(entityId)?.fields.keys() ?? [])],
    variable,
    variableNames: () => [...baseVariables.keys(), ...extraVariables.keys(), ...custom.keys(), "old.<field>"],
  };
}
