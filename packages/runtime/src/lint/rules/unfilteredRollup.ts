/**
 * Rollups without a filter over entities expected to be large. Large entities are the config's
 * `largeEntities`; without it, a heuristic: append-only entities (ledgers only grow) and
 * entities whose records workflows or automations create (histories and logs grow with
 * activity, not with people).
 */
import type { LintContext, RuleReport } from "../lint.types.js";
import { defineRule } from "../rule.js";
import { appEffects } from "./walk.js";

/** The large entities and why each one counts as large. */
function largeEntities(ctx: LintContext): Map<string, "config" | "appendOnly" | "generated"> {
  const out = new Map<string, "config" | "appendOnly" | "generated">();
  if (ctx.largeEntities !== undefined) {
    for (const id of ctx.largeEntities) out.set(id, "config");
    return out;
  }
  for (const { value } of ctx.model.entities.values()) if (value.appendOnly) out.set(value.id, "appendOnly");
  for (const { effect } of appEffects(ctx.app))
    if (effect.kind === "createRecord" && !out.has(effect.entity)) out.set(effect.entity, "generated");
  return out;
}

const reasons = {
  config: { en: "listed in largeEntities", zh: "已列入 largeEntities" },
  appendOnly: { en: "append-only, so it only grows", zh: "只追加，只会不断增长" },
  generated: { en: "its records are created by workflows or automations", zh: "其记录由工作流或自动化创建" },
} as const;

export const unfilteredRollup = defineRule({
  id: "performance/unfiltered-rollup",
  category: "performance",
  severity: "warning",
  summary: {
    en: 'A rollup without a filter over a large entity (config "largeEntities", or append-only and workflow-created entities).',
    "zh-CN": "对大实体（配置的 “largeEntities”，或只追加、由工作流创建的实体）进行无筛选条件的汇总。",
  },
  messages: {
    unfiltered: {
      en: "Rollup '{entity}.{field}' aggregates every '{from}' record of each parent without a filter, and '{from}' is large ({reason}).",
      "zh-CN": "汇总字段“{entity}.{field}”无筛选地汇总每个父记录的全部“{from}”记录，而“{from}”是大实体（{reasonZh}）。",
      hint: {
        en: 'Add a "filter" that keeps the rows that matter (e.g. the current period), or keep a running total in a field set by an automation.',
        "zh-CN": "请添加 “filter” 只保留需要的记录（例如当前周期），或用自动化在字段中维护累计值。",
      },
    },
  },
  check(ctx) {
    const large = largeEntities(ctx);
    const out: RuleReport<"unfiltered">[] = [];
    for (const { value: entity, path } of ctx.model.entities.values()) {
      entity.fields.forEach((field, f) => {
        if (field.kind !== "rollup" || field.filter !== undefined) return;
        const why = large.get(field.from);
        if (why === undefined) return;
        out.push({
          path: `${path}/fields/${f}`,
          message: "unfiltered",
          params: {
            entity: entity.id,
            field: field.id,
            from: field.from,
            reason: reasons[why].en,
            reasonZh: reasons[why].zh,
          },
        });
      });
    }
    return out;
  },
});
