import type { RuleReport } from "../lint.types.js";
import { defineRule } from "../rule.js";

/**
 * An entity no grant names (nor `entity: "*"`): access is deny-by-default, so nobody but a
 * platform administrator can use its records; or grants exist but none lets anyone read.
 */
export const entityWithoutPermissions = defineRule({
  id: "security/entity-without-permissions",
  category: "security",
  severity: "error",
  summary: {
    en: "An entity that no permission grant names, or that no role may read.",
    "zh-CN": "没有任何权限授权的实体，或没有任何角色可读取的实体。",
  },
  messages: {
    none: {
      en: "Entity '{entity}' has no permissions: no role can read or change its records (only platform administrators can).",
      "zh-CN": "实体“{entity}”没有任何权限：没有角色能读取或修改其记录（只有平台管理员可以）。",
      hint: {
        en: 'Add grants for it to "permissions", e.g. { "role": "manager", "entity": "{entity}", "actions": ["read"] }, or remove the entity.',
        "zh-CN":
          '在 "permissions" 中为它添加授权，例如 { "role": "manager", "entity": "{entity}", "actions": ["read"] }，或删除该实体。',
      },
    },
    noRead: {
      en: "Entity '{entity}' has grants, but none lets any role read its records.",
      "zh-CN": "实体“{entity}”有授权，但没有任何授权允许角色读取其记录。",
      hint: {
        en: 'Add "read" to the grant of each role that works with these records.',
        "zh-CN": "为使用这些记录的每个角色的授权添加 “read”。",
      },
    },
  },
  check(ctx) {
    const grants = ctx.app.permissions ?? [];
    return [...ctx.model.entities.values()].flatMap(({ value: entity, path }): RuleReport<"none" | "noRead">[] => {
      const own = grants.filter((g) => g.entity === entity.id || g.entity === "*");
      if (own.length === 0) return [{ path, message: "none", params: { entity: entity.id } }];
      const everyone = own.some((g) => g.role === "*" && g.actions.some((a) => a === "read" || a === "*"));
      const readable = everyone || ctx.roles.some((role) => ctx.canRead(role, entity.id));
      return readable ? [] : [{ path, message: "noRead", params: { entity: entity.id } }];
    });
  },
});
