import { DeleteOutlined } from "@ant-design/icons";
import type { Field, Issue, Query } from "@plinth/runtime";
import { expressionOperands, querySchema } from "@plinth/runtime";
import { Button, Flex, Form, Radio, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useApply } from "../../editor/context.js";
import { insertItem, setValue } from "../../store/commands.js";
import { FormulaInput, IssueHelp, TextSetting, uniqueId, useIssuesAt, useLocale } from "../workflows/fields.js";
import { fieldOptions } from "../workflows/model.js";
import { type MeasureKind, measureKindOf, removeQueryItem, setMeasureKind, setMeasureLabel } from "./commands.js";
import { LabelPair } from "./LabelPair.js";
import { MeasureExpression } from "./MeasureExpression.js";
import type { PartProps } from "./queryParts.js";

type Aggregate = NonNullable<Query["measures"]>[number]["aggregate"];

const aggregates = querySchema.properties.measures.items.properties.aggregate.enum;
const numeric = new Set(["number", "currency", "percent", "formula", "rollup"]);

/**
 * The measures: each an id and either an aggregate (a field, numbers only for sum and average,
 * and a filter) or an expression over the query's other measures.
 */
export function Measures({ path, query, fields }: PartProps) {
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
  const measure = query.measures?.[n];
  const issues = useIssuesAt(path);
  if (!measure) return null;
  const kind = measureKindOf(measure);
  const queryPath = path.replace(/\/measures\/\d+$/, "");
  const kindIssues = kind === "expression" ? expressionMeasureIssues(issues, path) : [];
  return (
    <fieldset className="dash-measure">
      <legend>{t("dash_measure", { n: n + 1 })}</legend>
      <Flex gap={4} align="flex-start" wrap>
        <div style={{ flex: "1 1 120px" }}>
          <TextSetting path={`${path}/id`} value={measure.id} labelKey="dash_measureId" labelParams={{ n: n + 1 }} />
        </div>
        <Form.Item
          label={t("dash_measureKindLabel")}
          style={{ flex: "1 1 200px" }}
          validateStatus={kindIssues.length ? "error" : undefined}
          help={
            kindIssues.length ? (
              <>
                <IssueHelp issues={kindIssues} />
                {kindIssues.some((x) => x.code === "schema.unknownProperty") && (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => apply(setMeasureKind(path, "expression", measure.id))}
                  >
                    {t("dash_dropAggregate")}
                  </Button>
                )}
              </>
            ) : undefined
          }
        >
          <Radio.Group
            aria-label={t("dash_measureKind", { n: n + 1 })}
            optionType="button"
            value={kind}
            options={(["aggregate", "expression"] as const).map((k) => ({ value: k, label: t(`dash_kind_${k}`) }))}
            onChange={(e) =>
              apply(
                setMeasureKind(path, e.target.value as MeasureKind, measure.id, starterExpression(query, measure.id)),
              )
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
      <LabelPair
        path={`${path}/label`}
        label={measure.label}
        titleKey="dash_measureLabelTitle"
        nameKey="dash_measureLabel"
        nameParams={{ n: n + 1 }}
        command={(lang, text) => setMeasureLabel(path, lang, text, measure.id)}
      />
      {kind === "expression" ? (
        <MeasureExpression path={path} n={n} query={query} />
      ) : (
        <Aggregate path={path} n={n} fields={fields} query={query} />
      )}
    </fieldset>
  );
}

/**
 * A new expression starts as the first measure it may name, so the app stays valid (a blank
 * formula is a schema issue, and those hold back the core's other checks until it is written).
 */
function starterExpression(query: Query, id: string): string {
  return expressionOperands(query).find((m) => m !== id) ?? "";
}

/**
 * What the kind switch of an expression measure shows: issues about the measure itself, and an
 * aggregate's property it still has (written in the JSON view; choosing a kind again removes it).
 */
function expressionMeasureIssues(issues: readonly Issue[], path: string): readonly Issue[] {
  return issues.filter(
    (x) => x.path === path || (x.code === "schema.unknownProperty" && x.path.startsWith(`${path}/`)),
  );
}

/** An aggregate measure's settings: how the rows are aggregated, over which field, which rows. */
function Aggregate({ path, n, fields, query }: { path: string; n: number; fields: readonly Field[]; query: Query }) {
  const { t } = useTranslation();
  const apply = useApply();
  const locale = useLocale();
  const measure = query.measures?.[n];
  // Everything about the aggregate but its id, label and filter (their inputs show those): the
  // field, and settings this builder has no input for (a ratio or difference naming an expression, p).
  const issues = useIssuesAt(path).filter(
    (x) => x.path !== `${path}/id` && !x.path.startsWith(`${path}/filter`) && !x.path.startsWith(`${path}/label`),
  );
  if (!measure) return null;
  const choices =
    measure.aggregate === "sum" || measure.aggregate === "avg" ? fields.filter((f) => numeric.has(f.kind)) : fields;
  return (
    <>
      <Flex gap={4} align="flex-start" wrap>
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
      </Flex>
      <FormulaInput
        path={`${path}/filter`}
        value={measure.filter}
        labelKey="dash_measureFilter"
        labelParams={{ n: n + 1 }}
      />
    </>
  );
}
