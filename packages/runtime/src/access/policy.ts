import { indexApp, systemFieldIds } from "../app/model.js";
import { createAppScope, FieldTypes } from "../app/scope.js";
import { compileFormulaText, type Formula } from "../expr/formula.js";
import type { ImplementedFunction } from "../expr/functions/implemented.js";
import { type Issue, pointer } from "../issues/issue.js";
import { standardActions } from "../schema/permission.js";
import type { App, Permission } from "../schema/types.js";
import type { AccessMatrixCell, AccessPolicy, EntityAccess, RowFilter } from "./access.types.js";
import { userEnv } from "./env.js";
import { accessIssue } from "./messages.js";
import { createRoleExpander } from "./roles.js";

export interface AccessPolicyOptions {
  /** The formula functions row scopes may call (usually `runtime.functions`). */
  readonly functions: ReadonlyMap<string, ImplementedFunction>;
}

/** A grant as it applies to one entity, its row scope compiled for that entity. */
interface CompiledGrant {
  /** Position in `app.permissions`: keeps the order of row-filter formulas stable. */
  readonly index: number;
  readonly actions: ReadonlySet<string>;
  /** `all`: no rowScope; `none`: a rowScope that did not compile (it matches no row). */
  readonly scope: Formula | "all" | "none";
  readonly hidden: ReadonlySet<string>;
  /** The grant's read-only fields plus its hidden ones (hidden implies read-only). */
  readonly readOnly: ReadonlySet<string>;
}

interface EntityGrants {
  /** Every field id of the entity, system fields (`id`, `version`, `createdAt`, ...) included. */
  readonly fields: ReadonlySet<string>;
  /** Grants by role id; grants for every role (`"*"`) are under `"*"`. */
  readonly byRole: ReadonlyMap<string, readonly CompiledGrant[]>;
}

const ALL: RowFilter = { kind: "all" };
const NONE: RowFilter = { kind: "none" };
const READ = "read";

/**
 * Compile an app's permissions into an {@link AccessPolicy}: the one place where grants get
 * their meaning. Row scopes are compiled once per entity here; the app is assumed to have
 * passed `validateApp`, but a row scope that does not compile matches no row instead of
 * throwing.
 *
 * Semantics (see access/README.md):
 * - A grant matches when its `role` is `"*"` or one of the user's roles (inheritance
 *   expanded), its `entity` is `"*"` or the entity, and its `actions` include the action
 *   (or `"*"`). No matching grant: denied (default deny). Entities the app does not define
 *   are always denied.
 * - Row filter: the OR of the matching grants' row scopes; a matching grant without a row
 *   scope gives every row.
 * - Field masks add up like grants do: a field is hidden (read-only) only when every
 *   matching grant hides it (makes it read-only or hides it). For actions other than
 *   `read`, the hidden fields are those hidden for `read`: a field you cannot read you
 *   cannot write either, and they count as read-only too.
 * - Platform administrators are the server's business, not this policy's.
 *
 * @example
 * const policy = createAccessPolicy(app, { functions: runtime.functions });
 * const access = policy.entityAccess({ id: "u1", roles: ["rep"] }, "opportunity", "read");
 * // { allowed: true, rowFilter: { kind: "any", formulas: [<owner = $user.id>] }, hiddenFields: Set {}, ... }
 * policy.canOnRecord(user, "opportunity", "update", stored, { today, now }); // false unless the rep owns it
 */
export function createAccessPolicy(app: App, options: AccessPolicyOptions): AccessPolicy {
  const entities = compileGrants(app, options.functions);
  const rolesOf = createRoleExpander(app.roles);

  const decideFor = (roles: ReadonlySet<string>, entity: string, action: string): EntityAccess => {
    const grants = entities.get(entity);
    if (!grants) return denied(new Set(), new Set());
    const read = decide(grants, matching(grants, roles, READ), undefined);
    if (action === READ) return read;
    return decide(grants, matching(grants, roles, action), read.hiddenFields);
  };

  const entityAccess: AccessPolicy["entityAccess"] = (user, entity, action) =>
    decideFor(rolesOf(user.roles), entity, action);

  return {
    rolesOf,
    entityAccess,
    canOnRecord(user, entity, action, record, env) {
      const { rowFilter } = entityAccess(user, entity, action);
      switch (rowFilter.kind) {
        case "all":
          return true;
        case "none":
          return false;
        case "any": {
          const evalEnv = userEnv(user, env.today, env.now, env.lookup);
          return rowFilter.formulas.some((formula) => {
            const result = formula.evaluate(record, evalEnv);
            // Blank and evaluation failures are not TRUE, like a SQL WHERE clause.
            return result.ok && result.value === true;
          });
        }
      }
    },
    readMask(user, entity) {
      const access = entityAccess(user, entity, READ);
      const fields = entities.get(entity)?.fields;
      if (!access.allowed || !fields) return new Set();
      return new Set([...fields].filter((f) => !access.hiddenFields.has(f)));
    },
    checkWrite(user, entity, action, changes) {
      const access = entityAccess(user, entity, action);
      if (!access.allowed) return [accessIssue("access.denied", "", { action, entity })];
      const issues: Issue[] = [];
      for (const field of Object.keys(changes)) {
        if (access.hiddenFields.has(field))
          issues.push(accessIssue("access.fieldHidden", pointer(field), { action, entity, field }));
        else if (access.readOnlyFields.has(field))
          issues.push(accessIssue("access.fieldReadOnly", pointer(field), { action, entity, field }));
      }
      return issues;
    },
    matrix() {
      const actions = matrixActions(app.permissions ?? []);
      const roleIds = [...new Set((app.roles ?? []).map((r) => r.id))];
      const cells: AccessMatrixCell[] = [];
      for (const role of roleIds) {
        const roles = rolesOf([role]);
        for (const entity of entities.keys()) {
          for (const action of actions) {
            const access = decideFor(roles, entity, action);
            cells.push({
              role,
              entity,
              action,
              allowed: access.allowed,
              rowScoped: access.rowFilter.kind === "any",
              hiddenFields: [...access.hiddenFields].sort(),
              readOnlyFields: [...access.readOnlyFields].sort(),
            });
          }
        }
      }
      return cells;
    },
  };
}

/** Index the grants by entity and role, compiling each row scope once per entity it covers. */
function compileGrants(app: App, functions: ReadonlyMap<string, ImplementedFunction>): Map<string, EntityGrants> {
  const model = indexApp(app);
  const types = new FieldTypes(model, functions);
  const out = new Map<string, EntityGrants>();
  for (const [entity, entityModel] of model.entities) {
    // `version` is a system column too (optimistic concurrency) though formulas cannot read it.
    const fields = new Set([...systemFieldIds, ...entityModel.fields.keys()]);
    const scope = createAppScope(types, model, entity);
    const byRole = new Map<string, CompiledGrant[]>();
    app.permissions?.forEach((grant, index) => {
      if (grant.entity !== "*" && grant.entity !== entity) return;
      const compiled: CompiledGrant = {
        index,
        actions: new Set(grant.actions),
        scope: grant.rowScope === undefined ? "all" : compileScope(grant.rowScope, scope, functions),
        hidden: onlyKnown(grant.hiddenFields, fields),
        readOnly: onlyKnown([...(grant.readOnlyFields ?? []), ...(grant.hiddenFields ?? [])], fields),
      };
      const list = byRole.get(grant.role);
      if (list) list.push(compiled);
      else byRole.set(grant.role, [compiled]);
    });
    out.set(entity, { fields, byRole });
  }
  return out;
}

function compileScope(
  text: string,
  scope: ReturnType<typeof createAppScope>,
  functions: ReadonlyMap<string, ImplementedFunction>,
): Formula | "none" {
  try {
    const result = compileFormulaText(text, scope, functions, { expected: "boolean" });
    return result.ok ? result.formula : "none";
  } catch {
    // validateApp reports bad row scopes; here one must only never widen access.
    return "none";
  }
}

function onlyKnown(ids: readonly string[] | undefined, fields: ReadonlySet<string>): ReadonlySet<string> {
  return new Set((ids ?? []).filter((id) => fields.has(id)));
}

/** The grants that give `action` to any of `roles`, in app order, without those that match no row. */
function matching(grants: EntityGrants, roles: ReadonlySet<string>, action: string): CompiledGrant[] {
  const found = new Map<number, CompiledGrant>();
  const add = (list: readonly CompiledGrant[] | undefined) => {
    for (const g of list ?? []) {
      if (g.scope !== "none" && (g.actions.has(action) || g.actions.has("*"))) found.set(g.index, g);
    }
  };
  add(grants.byRole.get("*"));
  for (const role of roles) if (role !== "*") add(grants.byRole.get(role));
  return [...found.values()].sort((a, b) => a.index - b.index);
}

/**
 * Combine the matching grants of one action. `readHidden` is the read decision's hidden
 * set when deciding a write action; for `read` itself it is undefined.
 */
function decide(
  entity: EntityGrants,
  grants: readonly CompiledGrant[],
  readHidden: ReadonlySet<string> | undefined,
): EntityAccess {
  if (grants.length === 0) return denied(readHidden ?? entity.fields, entity.fields);
  const rowFilter: RowFilter = grants.some((g) => g.scope === "all")
    ? ALL
    : { kind: "any", formulas: grants.flatMap((g) => (typeof g.scope === "string" ? [] : [g.scope])) };
  const hidden = readHidden ?? intersect(grants.map((g) => g.hidden));
  const readOnly = intersect(grants.map((g) => g.readOnly));
  for (const f of hidden) readOnly.add(f);
  return { allowed: true, rowFilter, hiddenFields: hidden, readOnlyFields: readOnly };
}

function denied(hidden: ReadonlySet<string>, readOnly: ReadonlySet<string>): EntityAccess {
  return { allowed: false, rowFilter: NONE, hiddenFields: new Set(hidden), readOnlyFields: new Set(readOnly) };
}

function intersect(sets: readonly ReadonlySet<string>[]): Set<string> {
  const [first, ...rest] = sets;
  return new Set([...(first ?? [])].filter((id) => rest.every((s) => s.has(id))));
}

/** The standard actions, then every other action a grant names, A–Z. */
function matrixActions(permissions: readonly Permission[]): string[] {
  const standard: readonly string[] = standardActions;
  const custom = new Set<string>();
  for (const p of permissions) for (const a of p.actions) if (a !== "*" && !standard.includes(a)) custom.add(a);
  return [...standard, ...[...custom].sort()];
}
