import type { App, Issue, Permission, Role, Runtime } from "@plinth/runtime";
import { type Command, insertItem, type Made, removeItem, setValue } from "../../store/commands.js";
import { bothLabels } from "./words.js";

type Draft = { permissions?: Permission[] };

/**
 * Allow (`on`) or stop `role` doing `action` on `entity`: the action is added to the first grant
 * written for that pair (a new grant when there is none), or taken out of every such grant, a
 * grant going away with its last action.
 */
export function toggleAction(role: string, entity: string, action: string, on: boolean): Command {
  const params = { role, entity };
  return {
    name: on ? "grantAction" : "revokeAction",
    label: bothLabels(on ? "perm_cmd_grant" : "perm_cmd_revoke", params, action),
    recipe: (draft) => {
      const doc = draft as Draft;
      doc.permissions ??= [];
      const list = doc.permissions;
      const mine = (g: Permission) => g.role === role && g.entity === entity;
      if (on) {
        const grant = list.find(mine);
        if (!grant) list.push({ role, entity, actions: [action] });
        else if (!grant.actions.includes(action)) grant.actions.push(action);
        return;
      }
      for (let i = list.length - 1; i >= 0; i--) {
        const grant = list[i] as Permission;
        if (!mine(grant) || !grant.actions.includes(action)) continue;
        if (grant.actions.length === 1) list.splice(i, 1);
        else grant.actions.splice(grant.actions.indexOf(action), 1);
      }
      if (list.length === 0) delete doc.permissions;
    },
  };
}

/** The row scope of grant `index` (empty text: every row). Typing merges into one undo step. */
export function setRowScope(index: number, grant: Permission, text: string): Command {
  return setValue(
    `/permissions/${index}/rowScope`,
    text.trim() === "" ? undefined : text,
    bothLabels("perm_cmd_rowScope", { role: grant.role, entity: grant.entity }),
  );
}

/** The hidden or read-only fields of grant `index` (none: the property goes away). */
export function setFieldMask(
  index: number,
  grant: Permission,
  which: "hiddenFields" | "readOnlyFields",
  fields: readonly string[],
): Command {
  return setValue(
    `/permissions/${index}/${which}`,
    fields.length === 0 ? undefined : [...fields],
    bothLabels(which === "hiddenFields" ? "perm_cmd_hidden" : "perm_cmd_readOnly", {
      role: grant.role,
      entity: grant.entity,
    }),
  );
}

/** Another grant for the pair (several add up: e.g. other rows with other actions). */
export function addGrant(role: string, entity: string): Command {
  return insertItem(
    "/permissions",
    { role, entity, actions: ["read"] },
    undefined,
    bothLabels("perm_cmd_addGrant", { role, entity }),
  );
}

export function removeGrant(index: number, grant: Permission): Command {
  return removeItem(
    "/permissions",
    index,
    bothLabels("perm_cmd_removeGrant", { role: grant.role, entity: grant.entity }),
  );
}

export function addRole(role: Role): Command {
  return insertItem("/roles", role, undefined, bothLabels("perm_cmd_addRole", { role: role.id }));
}

export function setInherits(index: number, role: string, inherits: readonly string[]): Command {
  return setValue(
    `/roles/${index}/inherits`,
    inherits.length === 0 ? undefined : [...inherits],
    bothLabels("perm_cmd_inherits", { role }),
  );
}

function inUse(role: string, path: string): Issue {
  return {
    code: "designer.roleInUse",
    path,
    params: { role, path },
    severity: "error",
    message: {
      en: `Role ${role} is still used at ${path}.`,
      "zh-CN": `角色 ${role} 仍在 ${path} 处使用。`,
    },
  };
}

/**
 * Remove a role, refused while anything else still names it (grants, transitions, approvers,
 * pages, navigation, other roles' inheritance...): the core's references say where, one issue
 * per place.
 */
export function removeRole(runtime: Runtime, doc: App, role: string): Made {
  const index = (doc.roles ?? []).findIndex((r) => r.id === role);
  const refs = runtime.references(doc);
  if (!refs.ok) return { ok: false, issues: refs.issues };
  const own = `/roles/${index}/`;
  const uses = refs.refs.filter((r) => r.kind === "role" && r.id === role && !r.path.startsWith(own));
  if (uses.length > 0) return { ok: false, issues: uses.map((u) => inUse(role, u.path)) };
  return { ok: true, command: removeItem("/roles", index, bothLabels("perm_cmd_removeRole", { role })) };
}
