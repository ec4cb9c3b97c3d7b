import type { Formula } from "../expr/formula.js";
import type { EvalEnv } from "../expr/values.js";
import type { Issue } from "../issues/issue.js";

/**
 * The person asking, as the access rules see them. `roles` are the user's roles in this
 * app, before inheritance; `region` and `team` feed `$user.region` and `$user.team`.
 */
export interface AccessUser {
  readonly id: string;
  readonly roles: readonly string[];
  readonly region?: string | null;
  readonly team?: string | null;
  readonly [attr: string]: unknown;
}

/**
 * Which rows of an entity an access decision covers.
 * - `all`: every row (some matching grant has no `rowScope`).
 * - `none`: no row (the action is not allowed).
 * - `any`: the rows where at least one of `formulas` is TRUE (blank counts as FALSE).
 *   The formulas are type-checked boolean formulas of the entity; the server translates
 *   each `formula.typed` with `translateToSql` and joins them with OR.
 */
export type RowFilter =
  | { readonly kind: "all" }
  | { readonly kind: "none" }
  | { readonly kind: "any"; readonly formulas: readonly Formula[] };

/**
 * What a user may do with one action on one entity.
 * Invariant: `allowed` is false exactly when `rowFilter.kind` is `"none"`.
 */
export interface EntityAccess {
  readonly allowed: boolean;
  readonly rowFilter: RowFilter;
  /** Fields the user can neither see nor write. For write actions: the fields hidden for `read`. */
  readonly hiddenFields: ReadonlySet<string>;
  /** Fields the user may not write with this action (always includes `hiddenFields`). */
  readonly readOnlyFields: ReadonlySet<string>;
}

/** The environment a row scope runs in, besides the user: the host's clock and relation lookup. */
export interface AccessEnv {
  /** Today's date as `YYYY-MM-DD`. */
  readonly today: string;
  /** The current instant as `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  readonly now: string;
  /** Resolve a relation path (`account.region`); blank for every path when omitted. */
  readonly lookup?: EvalEnv["lookup"];
}

/** One cell of the role × entity × action matrix, for documentation and the designer. */
export interface AccessMatrixCell {
  readonly role: string;
  readonly entity: string;
  readonly action: string;
  readonly allowed: boolean;
  /** True when the role sees only some rows (its row filter is `any`). */
  readonly rowScoped: boolean;
  /** Sorted ids of the fields hidden from the role for this action. */
  readonly hiddenFields: readonly string[];
  /** Sorted ids of the fields the role may not write with this action (includes hidden ones). */
  readonly readOnlyFields: readonly string[];
}

/** The compiled permissions of one app. Pure: every answer depends only on the arguments. */
export interface AccessPolicy {
  /** The user's roles with every inherited role added (transitively; cycles are harmless). */
  rolesOf(userRoles: readonly string[]): ReadonlySet<string>;
  /** The decision for one action on one entity: allowed, which rows, which fields. */
  entityAccess(user: AccessUser, entity: string, action: string): EntityAccess;
  /**
   * May `user` do `action` on this stored (or about to be created) record? True when the
   * action is allowed and the row filter is `all` or one of its formulas is TRUE on `record`.
   */
  canOnRecord(
    user: AccessUser,
    entity: string,
    action: string,
    record: Readonly<Record<string, unknown>>,
    env: AccessEnv,
  ): boolean;
  /** The fields of `entity` (system fields included) the user may read; empty when reading is denied. */
  readMask(user: AccessUser, entity: string): ReadonlySet<string>;
  /**
   * Field-level check of a write: `access.denied` when the action is not allowed, otherwise
   * one issue per field in `changes` that is hidden or read-only for the user.
   * Row scopes are not checked here; see {@link AccessPolicy.canOnRecord}.
   */
  checkWrite(
    user: AccessUser,
    entity: string,
    action: "create" | "update",
    changes: Readonly<Record<string, unknown>>,
  ): Issue[];
  /** Every app role × entity × action (standard actions, then custom ones A–Z), in app order. */
  matrix(): readonly AccessMatrixCell[];
}
