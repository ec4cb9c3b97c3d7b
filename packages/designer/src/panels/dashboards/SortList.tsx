import { DeleteOutlined } from "@ant-design/icons";
import { Button, Flex, Form, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useApply } from "../../editor/context.js";
import { insertItem, setValue } from "../../store/commands.js";
import { IssueHelp, useIssuesAt, useLocale } from "../workflows/fields.js";
import { fieldOptions } from "../workflows/model.js";
import { removeQueryItem } from "./commands.js";
import type { PartProps } from "./queryParts.js";

/** Sort keys: a measure or a field, ascending or descending. */
export function Sort({ path, query, fields }: PartProps) {
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
