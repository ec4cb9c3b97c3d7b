/**
 * Pages that show fields their audience will never see: fields hidden from a role that sees the
 * page (by the role's grants), fields marked `hidden`, and fields inside a layout part whose
 * `visibleWhen` is FALSE; and pages given to a role that cannot read their entity at all.
 * The audience is the page's `roles`, or every role that may read its entity when omitted.
 */
import type { RuleReport } from "../lint.types.js";
import { defineRule, idList } from "../rule.js";
import { shownFields } from "./walk.js";

type Key = "hiddenForRoles" | "hiddenField" | "neverVisible" | "unreadableEntity";

export const pageHiddenField = defineRule({
  id: "quality/page-hidden-field",
  category: "quality",
  severity: "warning",
  summary: {
    en: "A page that shows fields its audience cannot read, fields marked hidden, or fields a layout rule never shows.",
    "zh-CN": "页面展示了其受众无权读取的字段、被标记为隐藏的字段，或布局规则永远不显示的字段。",
  },
  messages: {
    hiddenForRoles: {
      en: "Page '{page}' shows '{source}', which {list} cannot read: they see an empty place.",
      "zh-CN": "页面“{page}”展示了“{source}”，{listZh}无权读取：他们只会看到空白。",
      hint: {
        en: 'Remove the field from the page, give the page "roles" that may read it, or make a separate page for {list}.',
        "zh-CN": "请从页面移除该字段，把页面的 “roles” 设为可读取它的角色，或为{listZh}单独做一个页面。",
      },
    },
    hiddenField: {
      en: "Page '{page}' shows '{source}', but the field is marked \"hidden\": nobody sees it there.",
      "zh-CN": "页面“{page}”展示了“{source}”，但该字段被标记为 “hidden”：在此处没有人能看到它。",
      hint: {
        en: 'Remove it from the page, or drop "hidden" from the field.',
        "zh-CN": "请从页面移除它，或去掉字段的 “hidden”。",
      },
    },
    neverVisible: {
      en: "Page '{page}' shows '{source}' inside a part whose \"visibleWhen\" is FALSE: it is never shown.",
      "zh-CN": "页面“{page}”在 “visibleWhen” 为 FALSE 的部分中展示“{source}”：它永远不会显示。",
      hint: {
        en: 'Remove the part, or give it a real "visibleWhen" condition.',
        "zh-CN": "请删除该部分，或为其设置真正的 “visibleWhen” 条件。",
      },
    },
    unreadableEntity: {
      en: "Page '{page}' is given to {list}, who cannot read '{entity}' records: the page is always empty for them.",
      "zh-CN": "页面“{page}”分配给了{listZh}，但他们无权读取“{entity}”记录：该页面对他们始终为空。",
      hint: {
        en: 'Remove those roles from the page\'s "roles", or grant them "read" on \'{entity}\'.',
        "zh-CN": "请从页面的 “roles” 中移除这些角色，或授予他们“{entity}”的 “read” 权限。",
      },
    },
  },
  check(ctx) {
    const out: RuleReport<Key>[] = [];
    const listParams = (roles: string[]) => {
      const list = idList(roles);
      return { roles, list: list.en, listZh: list.zh };
    };
    for (const { page: p, entity, fields } of shownFields(ctx.model, ctx.app, ctx.parse)) {
      const page = ctx.app.pages?.[p];
      if (!page) continue;
      const explicit = page.roles !== undefined && !page.roles.includes("*");
      const audience = explicit ? (page.roles ?? []).filter((r) => ctx.roles.includes(r)) : ctx.roles;
      const blind = explicit ? audience.filter((r) => !ctx.canRead(r, entity)) : [];
      if (blind.length > 0)
        out.push({
          path: `/pages/${p}/roles`,
          message: "unreadableEntity",
          params: { page: page.id, entity, ...listParams(blind) },
        });
      const readers = audience.filter((r) => ctx.canRead(r, entity));
      const seen = new Set<string>();
      for (const shown of fields) {
        const source = `${shown.ref.entity}.${shown.ref.field}`;
        const base = { page: page.id, source };
        const field = ctx.model.entities.get(shown.ref.entity)?.fields.get(shown.ref.field)?.value;
        if (shown.neverVisible) {
          out.push({ path: shown.path, message: "neverVisible", params: base });
        } else if (field?.hidden === true) {
          out.push({ path: shown.path, message: "hiddenField", params: base });
        } else if (!seen.has(source)) {
          seen.add(source);
          const roles = readers.filter((r) => !ctx.canReadField(r, shown.ref));
          if (roles.length > 0)
            out.push({ path: shown.path, message: "hiddenForRoles", params: { ...base, ...listParams(roles) } });
        }
      }
    }
    return out;
  },
});
