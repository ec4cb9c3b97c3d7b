import type { Role } from "../schema/types.js";

/**
 * Build the function that expands a user's roles: each role plus every role it inherits,
 * transitively. A cycle of `inherits` is harmless (each role is visited once); unknown roles
 * are kept as they are, with nothing inherited. Order: the user's roles first, then the
 * inherited ones breadth first. On duplicate role ids the first declaration wins.
 *
 * @example
 * const rolesOf = createRoleExpander([{ id: "rep" }, { id: "manager", inherits: ["rep"] }]);
 * rolesOf(["manager"]); // Set { "manager", "rep" }
 */
export function createRoleExpander(
  roles: readonly Role[] | undefined,
): (userRoles: readonly string[]) => ReadonlySet<string> {
  const inherits = new Map<string, readonly string[]>();
  for (const role of roles ?? []) if (!inherits.has(role.id)) inherits.set(role.id, role.inherits ?? []);
  return (userRoles) => {
    const out = new Set<string>(userRoles);
    const queue = [...out];
    for (let i = 0; i < queue.length; i++) {
      for (const parent of inherits.get(queue[i] as string) ?? []) {
        if (out.has(parent)) continue;
        out.add(parent);
        queue.push(parent);
      }
    }
    return out;
  };
}
