import type { Query } from "@plinth/runtime";
import { Form, InputNumber, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner } from "../../editor/context.js";
import { setValue } from "../../store/commands.js";
import { FormulaInput, IssueHelp, useIssuesAt, useLocale } from "../workflows/fields.js";
import { entityFields, entityOptions } from "../workflows/model.js";
import { changeQueryEntity } from "./commands.js";
import { GroupBy } from "./GroupBy.js";
import { Measures } from "./Measures.js";
import { Sort } from "./SortList.js";

interface Props {
  readonly path: string;
  readonly query: Query;
  readonly p: number;
  readonly i: number;
}

/** The widget's query: entity, filter, group by (with date buckets), measures, sort and limit. */
export function QueryBuilder({ path, query, p, i }: Props) {
  const { t } = useTranslation();
  const apply = useApply();
  const doc = useDesigner((s) => s.doc);
  const locale = useLocale();
  const entityIssues = useIssuesAt(`${path}/entity`);
  const fields = entityFields(doc, query.entity);
  const set = (key: string, value: unknown, en: string, zh: string) =>
    apply(setValue(`${path}/${key}`, value, { en, "zh-CN": zh }));
  return (
    <section aria-label={t("dash_query")}>
      <Typography.Title level={5}>{t("dash_query")}</Typography.Title>
      <Form.Item
        label={t("dash_entity")}
        validateStatus={entityIssues.length ? "error" : undefined}
        help={entityIssues.length ? <IssueHelp issues={entityIssues} /> : undefined}
      >
        <Select
          aria-label={t("dash_entity")}
          value={query.entity}
          options={entityOptions(doc, locale)}
          onChange={(v: string) => {
            if (v !== query.entity) apply(changeQueryEntity(p, i, v));
          }}
        />
      </Form.Item>
      <FormulaInput path={`${path}/filter`} value={query.filter} labelKey="dash_filter" placeholder="stage <> 'lost'" />
      <GroupBy path={path} query={query} fields={fields} />
      <Measures path={path} query={query} fields={fields} />
      <Sort path={path} query={query} fields={fields} />
      <Form.Item label={t("dash_limit")}>
        <InputNumber
          aria-label={t("dash_limit")}
          min={1}
          max={10000}
          value={query.limit ?? null}
          onChange={(v) => set("limit", v ?? undefined, "Query limit", "查询上限")}
        />
      </Form.Item>
    </section>
  );
}
