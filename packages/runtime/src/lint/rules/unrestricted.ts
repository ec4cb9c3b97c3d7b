/**
 * The "everything" family: a role whose grant for an action has no row scope reaches every
 * record of the entity. For `delete` that is every record gone in a few clicks; for `export`
 * every record out of the system. Decided with the app's own access policy.
 */
import type { LintContext, LintRule, RuleReport } from "../lint.types.js";
import { defineRule, idList } from "../rule.js";

const options = {
  type: "object",
  properties: {
    allowRoles: {
      type: "array",
      items: { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_]{0,62}$" },
      maxItems: 500,
      description: "Roles allowed to do this to every record (administrator roles).",
    },
  },
  additionalProperties: false,
} as const;

/** The first grant that gives `action` on `entity` to `roles` without a row scope. */
function grantPath(ctx: LintContext, roles: ReadonlySet<string>, entity: string, action: string): string {
  const index = (ctx.app.permissions ?? []).findIndex(
    (g) =>
      (g.role === "*" || roles.has(g.role)) &&
      (g.entity === "*" || g.entity === entity) &&
      (g.actions.includes(action) || g.actions.includes("*")) &&
      g.rowScope === undefined,
  );
  return index < 0 ? "/permissions" : `/permissions/${index}`;
}

/** One report per role, at its first responsible grant, listing every entity it reaches entirely. */
function unrestricted(ctx: LintContext, action: string, allowRoles: readonly string[]): RuleReport<"found">[] {
  const reports: RuleReport<"found">[] = [];
  for (const role of ctx.roles) {
    if (allowRoles.includes(role)) continue;
    const roles = ctx.policy.rolesOf([role]);
    const entities: string[] = [];
    const grants: string[] = [];
    for (const { value: entity } of ctx.model.entities.values()) {
      // The server refuses every delete on an append-only entity (a ledger).
      if (action === "delete" && entity.appendOnly) continue;
      const access = ctx.policy.entityAccess({ id: "plinth-lint", roles: [role] }, entity.id, action);
      if (!access.allowed || access.rowFilter.kind !== "all") continue;
      entities.push(entity.id);
      grants.push(grantPath(ctx, roles, entity.id, action));
    }
    const [path] = grants;
    if (path === undefined) continue;
    const list = idList(entities);
    reports.push({
      path,
      message: "found",
      params: { role, action, entities, grants, list: list.en, listZh: list.zh },
    });
  }
  return reports;
}

const allowRolesOf = (o: Readonly<Record<string, unknown>>): string[] =>
  Array.isArray(o.allowRoles) ? o.allowRoles.map(String) : [];

export const deleteEverything: LintRule<"found"> = defineRule({
  id: "security/delete-everything",
  category: "security",
  severity: "warning",
  summary: {
    en: "A role that may delete every record of an entity (a delete grant without a row scope).",
    "zh-CN": "可以删除某实体全部记录的角色（删除授权没有行范围）。",
  },
  options,
  messages: {
    found: {
      en: "Role '{role}' can delete every record of {list}: its delete grant has no row scope.",
      "zh-CN": "角色“{role}”可以删除{listZh}的全部记录：其删除授权没有行范围。",
      hint: {
        en: 'Give the grant a "rowScope" (e.g. owner = $user.id), move "delete" to a narrower role, or list the role in this rule\'s "allowRoles" option if it is an administrator role.',
        "zh-CN":
          "为该授权设置 “rowScope”（例如 owner = $user.id），把 “delete” 交给范围更窄的角色；若它是管理员角色，可在本规则的 “allowRoles” 选项中列出。",
      },
    },
  },
  check: (ctx, o) => unrestricted(ctx, "delete", allowRolesOf(o)),
});

export const exportWithoutRowScope: LintRule<"found"> = defineRule({
  id: "security/export-without-row-scope",
  category: "security",
  severity: "warning",
  summary: {
    en: "A role that may export every record of an entity (an export grant without a row scope).",
    "zh-CN": "可以导出某实体全部记录的角色（导出授权没有行范围）。",
  },
  options,
  messages: {
    found: {
      en: "Role '{role}' can export every record of {list}: its export grant has no row scope.",
      "zh-CN": "角色“{role}”可以导出{listZh}的全部记录：其导出授权没有行范围。",
      hint: {
        en: 'Give the export grant a "rowScope" (e.g. region = $user.region), or list the role in this rule\'s "allowRoles" option if it must see everything (executives, auditors).',
        "zh-CN":
          "为导出授权设置 “rowScope”（例如 region = $user.region）；若该角色确需查看全部数据（高管、审计），可在本规则的 “allowRoles” 选项中列出。",
      },
    },
  },
  check: (ctx, o) => unrestricted(ctx, "export", allowRolesOf(o)),
});
