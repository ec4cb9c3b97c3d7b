import { type App, ID_PATTERN, type Permission, standardActions } from "@plinth/runtime";

/** What an id (of a role) must look like, as the schema says. */
export const idPattern = new RegExp(ID_PATTERN);

/** The standard record actions (the core's list), in the matrix's order. */
export const STANDARD_ACTIONS = standardActions;

/** Every role (`*`) or every entity (`*`). */
export const ANY = "*";

/** The matrix's columns of actions: the standard ones, then the app's own found in its grants (A–Z). */
export function matrixActions(doc: App): string[] {
  const standard = new Set<string>(STANDARD_ACTIONS);
  const custom = new Set<string>();
  for (const grant of doc.permissions ?? [])
    for (const action of grant.actions) if (!standard.has(action) && action !== ANY) custom.add(action);
  return [...STANDARD_ACTIONS, ...[...custom].sort()];
}

/** Indexes in `app.permissions` of the grants written for exactly this role and entity. */
export function directGrants(doc: App, role: string, entity: string): number[] {
  const found: number[] = [];
  (doc.permissions ?? []).forEach((g, i) => {
    if (g.role === role && g.entity === entity) found.push(i);
  });
  return found;
}

/** The roles `role` inherits, transitively (itself excluded; cycles are harmless). */
export function inheritedRoles(doc: App, role: string): Set<string> {
  const byId = new Map((doc.roles ?? []).map((r) => [r.id, r]));
  const seen = new Set<string>();
  const queue = [...(byId.get(role)?.inherits ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (next === role || seen.has(next)) continue;
    seen.add(next);
    queue.push(...(byId.get(next)?.inherits ?? []));
  }
  return seen;
}

/** A grant that also gives `role` actions on `entity` without being written for exactly that pair. */
export interface Inherited {
  readonly index: number;
  readonly grant: Permission;
}

/**
 * The other grants that apply to this role and entity: those of the roles it inherits, those for
 * every role (`*`) and those for every entity (`*`).
 */
export function inheritedGrants(doc: App, role: string, entity: string): Inherited[] {
  const roles = role === ANY ? new Set<string>() : inheritedRoles(doc, role);
  const found: Inherited[] = [];
  (doc.permissions ?? []).forEach((grant, index) => {
    if (grant.role === role && grant.entity === entity) return;
    const roleMatches = grant.role === role || grant.role === ANY || roles.has(grant.role);
    const entityMatches = grant.entity === entity || grant.entity === ANY;
    if (roleMatches && entityMatches) found.push({ index, grant });
  });
  return found;
}

/** The grant a JSON Pointer points into (`/permissions/3/rowScope` → 3), if any. */
export function grantIndexOf(pointer: string | undefined): number | undefined {
  const match = /^\/permissions\/(\d+)(?:\/|$)/.exec(pointer ?? "");
  return match ? Number(match[1]) : undefined;
}

/** The role a JSON Pointer points into (`/roles/1/label` → 1), if any. */
export function roleIndexOf(pointer: string | undefined): number | undefined {
  const match = /^\/roles\/(\d+)(?:\/|$)/.exec(pointer ?? "");
  return match ? Number(match[1]) : undefined;
}
