import type { Label } from "@plinth/runtime";

/**
 * How the filter builder treats a field: decided by the field's formula type (so formula
 * fields and rollups fit too), with select options, user and relation references told apart.
 */
export type FilterKind = "text" | "number" | "select" | "list" | "date" | "datetime" | "boolean" | "user" | "relation";

/** Every operator the builder offers; which ones fit a field is {@link operatorsFor}'s answer. */
export type FilterOperator =
  | "contains"
  | "notContains"
  | "startsWith"
  | "equals"
  | "notEquals"
  | "eq"
  | "ne"
  | "lt"
  | "le"
  | "gt"
  | "ge"
  | "between"
  | "anyOf"
  | "noneOf"
  | "hasAnyOf"
  | "on"
  | "before"
  | "after"
  | "lastDays"
  | "isTrue"
  | "isFalse"
  | "isMe"
  | "isNotMe"
  | "is"
  | "isNot"
  | "empty"
  | "notEmpty";

/** How many values an operator takes: none, one, two (a range) or a list. */
export type ValueArity = "none" | "one" | "two" | "many";

/** A field as the builder offers it. */
export interface FilterField {
  readonly id: string;
  readonly label: Label | undefined;
  readonly kind: FilterKind;
  /** Select and multi-select options, in schema order. */
  readonly options?: ReadonlyArray<{ readonly value: string; readonly label?: Label }>;
  /** The related entity of a relation field. */
  readonly target?: string;
  /** The roles a user field's people hold (its `roles`): the value picker offers only them. */
  readonly roles?: readonly string[];
}

/**
 * One row of the builder. Values are kept as the user typed or picked them (text); they become
 * formula literals only in {@link buildFilter}, which checks them.
 */
export interface FilterCondition {
  readonly field: string;
  readonly op: FilterOperator;
  readonly values: readonly string[];
}

/** The builder's state: its rows, joined by AND ("all") or OR ("any"). */
export interface FilterState {
  readonly join: "all" | "any";
  readonly conditions: readonly FilterCondition[];
}

/** Why a row cannot become a formula; `index` is the row. Messages live in the table's strings. */
export type FilterProblemCode =
  | "unknownField"
  | "badOperator"
  | "valueRequired"
  | "notNumber"
  | "notDate"
  | "notDays"
  | "unknownOption"
  | "tooLong";

export interface FilterProblem {
  readonly index: number;
  readonly code: FilterProblemCode;
}

export type BuildResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problems: readonly FilterProblem[] };

export const EMPTY_FILTER: FilterState = { join: "all", conditions: [] };
