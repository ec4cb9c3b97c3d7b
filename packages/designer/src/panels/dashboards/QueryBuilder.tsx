import { DeleteOutlined } from "@ant-design/icons";
import { type Field, type Query, querySchema } from "@plinth/runtime";
import { Button, Flex, Form, InputNumber, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner } from "../../editor/context.js";
import { insertItem, setValue } from "../../store/commands.js";
import { FormulaInput, IssueHelp, TextSetting, uniqueId, useIssuesAt, useLocale } from "../workflows/fields.js";
import { entityFields, entityOptions, fieldOptions } from "../workflows/model.js";
import { changeQueryEntity, removeQueryItem } from "./commands.js";

type Aggregate = NonNullable<Query["measures"]>[number]["aggregate"];
type Bucket = NonNullable<NonNullable<Query["groupBy"]>[number]["bucket"]>;

const aggregates = querySchema.properties.measures.items.properties.aggregate.enum;
const buckets = querySchema.properties.groupBy.items.properties.bucket.enum;
const numeric = new Set(["number", "currency", "percent", "formula", "rollup"]);
const isDate = (f: Field | undefined) => f?.kind === "date" || f?.kind === "datetime";

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

interface PartProps {
  readonly path: string;
  readonly query: Query;
  readonly fields: readonly Field[];
}

function GroupBy({ path, query, fields }: PartProps) {
  const { t } = useTranslation();
  const apply = useApply();
  const locale = useLocale();
  const groups = query.groupBy ?? [];
  const issues = useIssuesAt(`${path}/groupBy`);
  return (
    <Form.Item
      label={t("dash_groupBy")}
      validateStatus={issues.length ? "error" : undefined}
      help={issues.length ? <IssueHelp issues={issues} /> : undefined}
    >
      {groups.map((g, n) => {
        const field = fields.find((f) => f.id === g.field);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a grouping is its position; every row is controlled by the document
          <Flex key={n} gap={4} style={{ marginBottom: 4 }}>
            <Select
              showSearch
              aria-label={t("dash_groupField", { n: n + 1 })}
              style={{ flex: 1 }}
              value={g.field}
              options={fieldOptions(fields, locale)}
              onChange={(v: string) => {
                const next = isDate(fields.find((f) => f.id === v))
                  ? { field: v, bucket: g.bucket ?? "month" }
                  : { field: v };
                apply(setValue(`${path}/groupBy/${n}`, next, { en: `Group by ${v}`, "zh-CN": `按 ${v} 分组` }));
              }}
            />
            {isDate(field) && (
              <Select
                allowClear
                aria-label={t("dash_groupBucket", { n: n + 1 })}
                style={{ width: 110 }}
                value={g.bucket}
                options={buckets.map((b) => ({ value: b, label: t(`dash_bucket_${b}`) }))}
                onChange={(v?: Bucket) =>
                  apply(
                    setValue(`${path}/groupBy/${n}/bucket`, v, {
                      en: `Group ${g.field} by ${v ?? "value"}`,
                      "zh-CN": `${g.field} 按${v ? t(`dash_bucket_${v}`, { lng: "zh-CN" }) : "值"}分组`,
                    }),
                  )
                }
              />
            )}
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t("dash_removeGroup", { n: n + 1 })}
              onClick={() => apply(removeQueryItem(path, "groupBy", n, groups.length))}
            />
          </Flex>
        );
      })}
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
    </Form.Item>
  );
}

function Measures({ path, query, fields }: PartProps) {
  const { t } = useTranslation();
  const apply = useApply();
  const measures = query.measures ?? [];
  return (
    <fieldset className="dash-fieldset">
      <legend>{t("dash_measures")}</legend>
      {measures.map((_, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: keyed by position so that typing a new id keeps the input
        <Measure key={n} path={`${path}/measures/${n}`} n={n} fields={fields} query={query} />
      ))}
      {measures.length < 20 && (
        <Button
          onClick={() =>
            apply(
              insertItem(
                `${path}/measures`,
                {
                  id: uniqueId(
                    `measure_${measures.length + 1}`,
                    measures.map((x) => x.id),
                  ),
                  aggregate: "count",
                },
                undefined,
                { en: "Add a measure", "zh-CN": "添加度量" },
              ),
            )
          }
        >
          {t("dash_addMeasure")}
        </Button>
      )}
    </fieldset>
  );
}

function Measure({ path, n, fields, query }: { path: string; n: number; fields: readonly Field[]; query: Query }) {
  const { t } = useTranslation();
  const apply = useApply();
  const locale = useLocale();
  const measure = query.measures?.[n];
  const issues = useIssuesAt(path).filter((x) => x.path === path || x.path === `${path}/field`);
  if (!measure) return null;
  const choices =
    measure.aggregate === "sum" || measure.aggregate === "avg" ? fields.filter((f) => numeric.has(f.kind)) : fields;
  const queryPath = path.replace(/\/measures\/\d+$/, "");
  return (
    <fieldset className="dash-measure">
      <legend>{t("dash_measure", { n: n + 1 })}</legend>
      <Flex gap={4} align="flex-start" wrap>
        <div style={{ flex: "1 1 120px" }}>
          <TextSetting path={`${path}/id`} value={measure.id} labelKey="dash_measureId" labelParams={{ n: n + 1 }} />
        </div>
        <Form.Item label={t("dash_aggregate")} style={{ flex: "1 1 120px" }}>
          <Select
            aria-label={t("dash_measureAggregate", { n: n + 1 })}
            value={measure.aggregate}
            options={aggregates.map((a) => ({ value: a, label: t(`dash_agg_${a}`) }))}
            onChange={(v: Aggregate) =>
              apply(
                setValue(`${path}/aggregate`, v, {
                  en: `Aggregate ${measure.id} by ${v}`,
                  "zh-CN": `${measure.id} 的聚合方式`,
                }),
              )
            }
          />
        </Form.Item>
        <Form.Item
          label={t("dash_field")}
          style={{ flex: "1 1 140px" }}
          validateStatus={issues.length ? "error" : undefined}
          help={issues.length ? <IssueHelp issues={issues} /> : undefined}
        >
          <Select
            allowClear
            showSearch
            aria-label={t("dash_measureField", { n: n + 1 })}
            value={measure.field}
            options={fieldOptions(choices, locale)}
            onChange={(v?: string) =>
              apply(setValue(`${path}/field`, v, { en: `Field of ${measure.id}`, "zh-CN": `${measure.id} 的字段` }))
            }
          />
        </Form.Item>
        <Button
          type="text"
          icon={<DeleteOutlined />}
          aria-label={t("dash_removeMeasure", { n: n + 1 })}
          onClick={() => apply(removeQueryItem(queryPath, "measures", n, query.measures?.length ?? 0))}
        />
      </Flex>
      <FormulaInput
        path={`${path}/filter`}
        value={measure.filter}
        labelKey="dash_measureFilter"
        labelParams={{ n: n + 1 }}
      />
    </fieldset>
  );
}

function Sort({ path, query, fields }: PartProps) {
  const { t } = useTranslation();
  const apply = useApply();
  const locale = useLocale();
  const sort = query.sort ?? [];
  const issues = useIssuesAt(`${path}/sort`);
  const options = [
    ...(query.measures ?? []).map((m) => ({ value: m.id, label: t("dash_measureOption", { id: m.id }) })),
    ...fieldOptions(fields, locale),
  ];
  return (
    <Form.Item
      label={t("dash_sort")}
      validateStatus={issues.length ? "error" : undefined}
      help={issues.length ? <IssueHelp issues={issues} /> : undefined}
    >
      {sort.map((s, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a sort key is its position; every row is controlled by the document
        <Flex key={n} gap={4} style={{ marginBottom: 4 }}>
          <Select
            showSearch
            aria-label={t("dash_sortBy", { n: n + 1 })}
            style={{ flex: 1 }}
            value={s.by}
            options={options}
            onChange={(v: string) =>
              apply(setValue(`${path}/sort/${n}/by`, v, { en: `Sort by ${v}`, "zh-CN": `按 ${v} 排序` }))
            }
          />
          <Select
            aria-label={t("dash_sortDirection", { n: n + 1 })}
            style={{ width: 120 }}
            value={s.direction ?? "asc"}
            options={(["asc", "desc"] as const).map((d) => ({ value: d, label: t(`dash_dir_${d}`) }))}
            onChange={(v: "asc" | "desc") =>
              apply(
                setValue(`${path}/sort/${n}/direction`, v, { en: `Sort ${v}`, "zh-CN": v === "asc" ? "升序" : "降序" }),
              )
            }
          />
          <Button
            type="text"
            icon={<DeleteOutlined />}
            aria-label={t("dash_removeSort", { n: n + 1 })}
            onClick={() => apply(removeQueryItem(path, "sort", n, sort.length))}
          />
        </Flex>
      ))}
      {sort.length < 5 && options[0] && (
        <Button
          onClick={() =>
            apply(
              insertItem(`${path}/sort`, { by: options[0]?.value, direction: "desc" }, undefined, {
                en: "Add a sort",
                "zh-CN": "添加排序",
              }),
            )
          }
        >
          {t("dash_addSort")}
        </Button>
      )}
    </Form.Item>
  );
}
