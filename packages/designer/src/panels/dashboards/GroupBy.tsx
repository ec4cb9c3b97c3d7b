import { DeleteOutlined } from "@ant-design/icons";
import type { Field, Query } from "@plinth/runtime";
import { querySchema } from "@plinth/runtime";
import { Button, Flex, Form, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useApply } from "../../editor/context.js";
import { insertItem, setValue } from "../../store/commands.js";
import { IssueHelp, useIssuesAt, useLocale } from "../workflows/fields.js";
import { fieldOptions } from "../workflows/model.js";
import { removeQueryItem } from "./commands.js";
import type { PartProps } from "./queryParts.js";

type Bucket = NonNullable<NonNullable<Query["groupBy"]>[number]["bucket"]>;

const buckets = querySchema.properties.groupBy.items.properties.bucket.enum;
const isDate = (f: Field | undefined) => f?.kind === "date" || f?.kind === "datetime";

/** Up to three groupings: a field, with a date bucket for date and datetime fields. */
export function GroupBy({ path, query, fields }: PartProps) {
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
