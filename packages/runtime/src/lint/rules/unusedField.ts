import type { RuleReport } from "../lint.types.js";
import { defineRule } from "../rule.js";

/**
 * A field nothing in the app names: no page shows it, no formula, workflow, automation,
 * permission, dashboard or index reads it. It is stored and validated for nothing (or only
 * ever written through the API, which this rule cannot see). Only entities with both a form
 * and a detail page are checked: without them the player generates pages that show every field.
 */
export const unusedField = defineRule({
  id: "quality/unused-field",
  category: "quality",
  severity: "warning",
  summary: {
    en: "A field that no page, formula, workflow, automation, permission, dashboard or index uses.",
    "zh-CN": "没有任何页面、公式、工作流、自动化、权限、看板或索引使用的字段。",
  },
  messages: {
    unused: {
      en: "Field '{entity}.{field}' is not used anywhere in the app: no page shows it and nothing reads or sets it.",
      "zh-CN": "字段“{entity}.{field}”在应用中没有被任何地方使用：没有页面展示它，也没有任何地方读取或设置它。",
      hint: {
        en: "Show it on a form or table page, or remove it if it is no longer needed (removing a field with stored data needs a confirmed publish).",
        "zh-CN": "请把它放到表单或表格页面上；若已不再需要，请删除它（删除已有数据的字段需要确认发布）。",
      },
    },
  },
  check(ctx) {
    const used = new Set<string>();
    for (const ref of ctx.references()) if (ref.kind === "field") used.add(`${ref.entity}\u0000${ref.id}`);
    const pages = ctx.app.pages ?? [];
    const designed = (id: string) =>
      pages.some((p) => p.kind === "form" && p.entity === id) &&
      pages.some((p) => p.kind === "detail" && p.entity === id);
    const out: RuleReport<"unused">[] = [];
    for (const { value: entity, path } of ctx.model.entities.values()) {
      if (!designed(entity.id)) continue;
      entity.fields.forEach((field, f) => {
        if (!used.has(`${entity.id}\u0000${field.id}`))
          out.push({ path: `${path}/fields/${f}`, message: "unused", params: { entity: entity.id, field: field.id } });
      });
    }
    return out;
  },
});
