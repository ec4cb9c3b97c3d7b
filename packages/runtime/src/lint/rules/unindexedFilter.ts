/**
 * Filters that run in the database (row scopes, table and kanban filters, dashboard and measure
 * filters, rollup filters) on columns the server will not index, decided by the same
 * `entityIndexes` the storage layer creates indexes from. A column counts as indexed when it
 * leads an index; rollups are not stored and can never be.
 */
import type { FieldRef, LintContext, RuleReport } from "../lint.types.js";
import { defineRule, idList } from "../rule.js";

type Key = "rowScope" | "filter";

function indexed(ctx: LintContext, ref: FieldRef): boolean {
  if (ref.field === "id") return true;
  return ctx.indexes(ref.entity).some((index) => index.fields[0] === ref.field);
}

export const unindexedFilter = defineRule({
  id: "performance/unindexed-filter",
  category: "performance",
  severity: "warning",
  summary: {
    en: "A row scope or a list, dashboard or rollup filter on columns the server will not index.",
    "zh-CN": "行范围或列表、看板、汇总的筛选条件使用了服务器不会建立索引的列。",
  },
  messages: {
    rowScope: {
      en: "This row scope reads {list}, which will not be indexed: every list of these records scans the whole table for the role.",
      "zh-CN": "此行范围读取了{listZh}，这些列不会建立索引：该角色的每次列表查询都要扫描整张表。",
      hint: {
        en: 'Mark the field "indexed": true, add it to the entity\'s "indexes", or scope on an indexed field (a relation, user, select or date field).',
        "zh-CN":
          '请为字段设置 "indexed": true，把它加入实体的 “indexes”，或改用已索引的字段（关联、用户、选择或日期字段）作为范围。',
      },
    },
    filter: {
      en: "This filter reads {list}, which will not be indexed: on a large table every query scans it.",
      "zh-CN": "此筛选条件读取了{listZh}，这些列不会建立索引：在大表上每次查询都要全表扫描。",
      hint: {
        en: 'Mark the field "indexed": true or add it to the entity\'s "indexes"; a rollup cannot be indexed: filter on a stored field instead.',
        "zh-CN": '请为字段设置 "indexed": true 或把它加入实体的 “indexes”；汇总字段无法索引：请改用存储字段筛选。',
      },
    },
  },
  check(ctx) {
    const out: RuleReport<Key>[] = [];
    for (const site of ctx.formulaSites()) {
      if (!site.sql) continue;
      const missing = [
        ...new Set(
          ctx
            .fieldsRead(site)
            .filter((ref) => !indexed(ctx, ref))
            .map((r) => `${r.entity}.${r.field}`),
        ),
      ];
      if (missing.length === 0) continue;
      const list = idList(missing);
      out.push({
        path: site.path,
        message: site.path.startsWith("/permissions/") ? "rowScope" : "filter",
        params: { fields: missing, list: list.en, listZh: list.zh },
      });
    }
    return out;
  },
});
