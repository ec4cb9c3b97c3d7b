import { type App, FieldTypes, type FormulaType, indexApp, standardFunctions } from "@plinth/runtime";
import type { FilterField, FilterKind, FilterOperator, ValueArity } from "./filter.types.js";

/** The operators of each kind, in the order the builder lists them (the first is the default). */
const OPERATORS: { readonly [K in FilterKind]: readonly FilterOperator[] } = {
  text: ["contains", "notContains", "startsWith", "equals", "notEquals", "empty", "notEmpty"],
  number: ["eq", "ne", "lt", "le", "gt", "ge", "between", "empty", "notEmpty"],
  select: ["anyOf", "noneOf", "empty", "notEmpty"],
  list: ["hasAnyOf", "empty", "notEmpty"],
  date: ["on", "before", "after", "between", "lastDays", "empty", "notEmpty"],
  datetime: ["on", "before", "after", "between", "lastDays", "empty", "notEmpty"],
  boolean: ["isTrue", "isFalse", "empty"],
  user: ["isMe", "isNotMe", "is", "isNot", "empty", "notEmpty"],
  relation: ["is", "isNot", "empty", "notEmpty"],
};

export function operatorsFor(kind: FilterKind): readonly FilterOperator[] {
  return OPERATORS[kind];
}

export function arityOf(op: FilterOperator): ValueArity {
  switch (op) {
    case "empty":
    case "notEmpty":
    case "isTrue":
    case "isFalse":
    case "isMe":
    case "isNotMe":
      return "none";
    case "between":
      return "two";
    case "anyOf":
    case "noneOf":
    case "hasAnyOf":
      return "many";
    default:
      return "one";
  }
}

/** System fields worth filtering on (the id is not). */
const SYSTEM_FILTER_FIELDS = ["createdAt", "updatedAt", "createdBy", "updatedBy"];

function kindOf(type: FormulaType, fieldKind: string): FilterKind | undefined {
  switch (type.kind) {
    case "number":
    case "date":
    case "datetime":
    case "boolean":
      return type.kind;
    case "list":
      return "list";
    case "text":
      if (fieldKind === "user" || type.ref === "user") return "user";
      if (type.ref !== undefined) return "relation";
      return type.options !== undefined ? "select" : "text";
    case "null":
      return undefined;
  }
}

/**
 * The fields of `entity` the builder offers: every field with a formula type (attachments have
 * none) that `hidden` does not hide from the user, then the system dates and users.
 *
 * @example filterFields(app, "opportunity", new Set(["notes"])).map((f) => f.kind) // ["text", "text", "relation", ...]
 */
export function filterFields(app: App, entity: string, hidden: ReadonlySet<string>): FilterField[] {
  const model = indexApp(app);
  const located = model.entities.get(entity);
  if (!located) return [];
  const types = new FieldTypes(model, standardFunctions);
  const own = located.value.fields.map((f) => f.id);
  const out: FilterField[] = [];
  for (const id of [...own, ...SYSTEM_FILTER_FIELDS]) {
    if (hidden.has(id)) continue;
    const field = located.fields.get(id)?.value;
    if (!field) continue;
    const type = types.typeOf(entity, field);
    const kind = type ? kindOf(type, field.kind) : undefined;
    if (!kind) continue;
    const options = "options" in field && Array.isArray(field.options) ? field.options : undefined;
    out.push({
      id,
      label: field.label,
      kind,
      ...(options && (kind === "select" || kind === "list") ? { options } : {}),
      ...(kind === "relation" && field.kind === "relation" ? { target: field.target } : {}),
      ...(kind === "user" && field.kind === "user" && field.roles ? { roles: field.roles } : {}),
    });
  }
  return out;
}
