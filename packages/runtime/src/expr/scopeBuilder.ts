import type { FormulaScope, ScopeField } from "./scope.js";
import type { FormulaType } from "./types.js";

/**
 * How a field is described to {@link createScope}: either a `ScopeField` without its id
 * (`{ type: T.number }`, `{ type: T.text, target: "account" }`) or a bare `FormulaType`,
 * optionally with a `target` (`{ kind: "text", target: "account" }`).
 */
export type FieldInput = Omit<ScopeField, "id"> | (FormulaType & { readonly target?: string });

export interface ScopeInput {
  /** The entity the formula is evaluated on. */
  readonly entity: string;
  /** Field descriptions by entity id, then field id. */
  readonly entities: Readonly<Record<string, Readonly<Record<string, FieldInput>>>>;
  /** Context variables by dotted path without `$`: `"user.id"`, `"today"`, `"old.amount"`. */
  readonly variables?: Readonly<Record<string, FormulaType>>;
}

function toScopeField(id: string, input: FieldInput): ScopeField {
  if ("kind" in input) {
    const { target, ...type } = input;
    return target === undefined ? { id, type } : { id, type, target };
  }
  return input.target === undefined ? { id, type: input.type } : { id, type: input.type, target: input.target };
}

/**
 * Build a {@link FormulaScope} from plain records. Lookups go through Maps built from own
 * properties only, so ids such as `__proto__` or `constructor` never reach `Object.prototype`.
 *
 * @example
 * createScope({
 *   entity: "deal",
 *   entities: { deal: { amount: T.number, account: { type: T.text, target: "account" } }, account: { region: T.text } },
 *   variables: standardVariables({ amount: T.number }),
 * })
 */
export function createScope(input: ScopeInput): FormulaScope {
  const entities = new Map<string, ReadonlyMap<string, ScopeField>>();
  for (const [entityId, fields] of Object.entries(input.entities)) {
    const map = new Map<string, ScopeField>();
    for (const [fieldId, field] of Object.entries(fields)) map.set(fieldId, toScopeField(fieldId, field));
    entities.set(entityId, map);
  }
  const variables = new Map<string, FormulaType>(Object.entries(input.variables ?? {}));
  const variableNames = [...variables.keys()];
  return {
    entity: input.entity,
    field: (entity, id) => entities.get(entity)?.get(id),
    fieldIds: (entity) => [...(entities.get(entity)?.keys() ?? [])],
    variable: (path) => variables.get(path.join(".")),
    variableNames: () => variableNames,
  };
}

/**
 * The context variables every formula on an entity may use: `$user.id`, `$user.region`,
 * `$user.team` (text), `$user.roles` (list), `$today` (date), `$now` (datetime) and
 * `$old.<field>` for each field of the entity (the stored value before an edit).
 */
export function standardVariables(
  entityFields: Readonly<Record<string, FieldInput>>,
): Readonly<Record<string, FormulaType>> {
  const variables = new Map<string, FormulaType>([
    ["user.id", { kind: "text", ref: "user" }],
    ["user.region", { kind: "text" }],
    ["user.team", { kind: "text" }],
    ["user.roles", { kind: "list" }],
    ["today", { kind: "date" }],
    ["now", { kind: "datetime" }],
  ]);
  for (const [fieldId, field] of Object.entries(entityFields)) {
    variables.set(`old.${fieldId}`, toScopeField(fieldId, field).type);
  }
  return Object.fromEntries(variables);
}
