import type { FormulaType } from "./types.js";

/** A field as the formula checker sees it. */
export interface ScopeField {
  readonly id: string;
  readonly type: FormulaType;
  /** For relation fields: the entity the relation points to, so `account.region` can be followed. */
  readonly target?: string;
}

/**
 * What a formula may refer to. The app layer builds a scope from an app schema (its
 * entities, fields and context variables); tests and the CLI can build one by hand.
 */
export interface FormulaScope {
  /** The entity the formula is evaluated on. */
  readonly entity: string;
  /** Look up a field of any entity (used to follow relation paths). */
  field(entity: string, id: string): ScopeField | undefined;
  /** All field ids of an entity, for "did you mean" suggestions. */
  fieldIds(entity: string): readonly string[];
  /**
   * A context variable by its dotted path without `$`: `user.id`, `user.region`, `today`,
   * `now`, `old.amount`. Undefined when the variable does not exist in this context.
   */
  variable(path: readonly string[]): FormulaType | undefined;
  /** Names of the variables available, for suggestions. */
  variableNames(): readonly string[];
}
