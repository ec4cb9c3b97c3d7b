import { DeleteOutlined } from "@ant-design/icons";
import type { Query } from "@plinth/runtime";
import { querySchema } from "@plinth/runtime";
import { Button, Flex, Form, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner } from "../../editor/context.js";
import { insertItem } from "../../store/commands.js";
import { IssueHelp, useIssuesAt, useLocale } from "../workflows/fields.js";
import { fieldOptions } from "../workflows/model.js";
import { removeQueryItem, setGroupBlankLabel, setGroupBucket, setGroupField, setGroupThrough } from "./commands.js";
import { LabelPair } from "./LabelPair.js";
import type { PartProps } from "./queryParts.js";
import { isDate, isDatePath, spanEndOptions } from "./spanFields.js";

type Bucket = NonNullable<NonNullable<Query["groupBy"]>[number]["bucket"]>;

const buckets = querySchema.properties.groupBy.items.properties.bucket.enum;
/** The "through" select's choice for no span (no field id starts with a space). */
const NO_SPAN = " none";

/**
 * Up to three groupings: a field, with a date bucket for date and datetime fields, a span
 * (`through`) for a bucketed date, and a name for the group of blank values.
 */
export function GroupBy({ path, query, fields }: PartProps) {
  const { t } = useTranslation();
  const apply = useApply();
  const groups = query.groupBy ?? [];
  // Issues about the list itself; each grouping shows its own.
  const issues = useIssuesAt(`${path}/groupBy`).filter((x) => x.path === `${path}/groupBy`);
  return (
    <fieldset className="dash-fieldset">
      <legend>{t("dash_groupBy")}</legend>
      {issues.length > 0 && <IssueHelp issues={issues} />}
      {groups.map((_, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a grouping is its position; every row is controlled by the document
        <GroupingEditor key={n} path={path} query={query} n={n} fields={fields} />
      ))}
      {groups.length < 3 && fields[0] && (
        <Button
          onClick={() =>
            apply(
              insertItem(`${path}/groupBy`, { field: fields[0]?.id }, undefined, {
                en: "Add a grouping",
                "zh-CN": "添加分组",
              }),
            )
          }
        >
          {t("dash_addGroup")}
        </Button>
      )}
    </fieldset>
  );
}

interface GroupingProps extends PartProps {
  readonly n: number;
}

function GroupingEditor({ path, query, n, fields }: GroupingProps) {
  const { t } = useTranslation();
  const apply = useApply();
  const doc = useDesigner((s) => s.doc);
  const g = query.groupBy?.[n];
  const entity = query.entity;
  const locale = useLocale();
  const at = `${path}/groupBy/${n}`;
  const all = useIssuesAt(at);
  // The span's and the blank label's issues show at their inputs; the rest (the field, a span
  // without a bucket) at the field.
  const spanIssues = all.filter((x) => x.path === `${at}/through` || x.path.startsWith(`${at}/through/`));
  const fieldIssues = all.filter((x) => !spanIssues.includes(x) && !x.path.startsWith(`${at}/blankLabel`));
  const names = { n: n + 1 };
  if (!g) return null;
  return (
    <fieldset className="dash-measure">
      <legend>{t("dash_group", names)}</legend>
      <Form.Item
        validateStatus={fieldIssues.length ? "error" : undefined}
        help={fieldIssues.length ? <IssueHelp issues={fieldIssues} /> : undefined}
        style={{ marginBottom: 4 }}
      >
        <Flex gap={4}>
          <Select
            showSearch
            aria-label={t("dash_groupField", names)}
            style={{ flex: 1 }}
            value={g.field}
            options={fieldOptions(fields, locale)}
            onChange={(v: string) => {
              if (v !== g.field) apply(setGroupField(path, n, v, isDate(fields.find((f) => f.id === v))));
            }}
          />
          {isDatePath(doc, entity, g.field) && (
            <Select
              allowClear
              aria-label={t("dash_groupBucket", names)}
              style={{ width: 110 }}
              value={g.bucket}
              options={buckets.map((b) => ({ value: b, label: t(`dash_bucket_${b}`) }))}
              onChange={(v?: Bucket) =>
                apply(setGroupBucket(path, n, v, g.field, v && t(`dash_bucket_${v}`, { lng: "zh-CN" })))
              }
            />
          )}
          <Button
            type="text"
            icon={<DeleteOutlined />}
            aria-label={t("dash_removeGroup", names)}
            onClick={() => apply(removeQueryItem(path, "groupBy", n, query.groupBy?.length ?? 0))}
          />
        </Flex>
      </Form.Item>
      {(g.bucket !== undefined || g.through !== undefined) && (
        <Form.Item
          label={t("dash_throughLabel")}
          tooltip={t("dash_throughHint")}
          validateStatus={spanIssues.length ? "error" : undefined}
          help={spanIssues.length ? <IssueHelp issues={spanIssues} /> : undefined}
        >
          <Select
            showSearch
            aria-label={t("dash_groupThrough", names)}
            value={g.through ?? NO_SPAN}
            options={[
              { value: NO_SPAN, label: t("dash_through_none") },
              ...spanEndOptions(doc, entity, g.field, locale),
            ]}
            onChange={(v: string) => {
              const through = v === NO_SPAN ? undefined : v;
              if (through !== g.through) apply(setGroupThrough(path, n, through, g.field));
            }}
          />
        </Form.Item>
      )}
      <LabelPair
        path={`${at}/blankLabel`}
        label={g.blankLabel}
        titleKey="dash_blankLabelTitle"
        nameKey="dash_blankLabel"
        nameParams={names}
        command={(lang, text) => setGroupBlankLabel(path, n, lang, text, g.field)}
      />
    </fieldset>
  );
}
