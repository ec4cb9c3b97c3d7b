import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { type Entity, type KanbanPage, type Locale, labelText, type TablePage } from "@plinth/runtime";
import { Button, Form, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner, useDesignerContext } from "../../editor/context.js";
import { insertItem, moveItem, removeItem, setValue } from "../../store/commands.js";
import { entityOf } from "./layoutTree.js";

function fieldOptions(entity: Entity | undefined, locale: Locale, keep: readonly string[] = []) {
  const own = (entity?.fields ?? []).map((f) => ({ value: f.id, label: labelText(f.label, locale, f.id) }));
  const extra = keep.filter((id) => !own.some((o) => o.value === id)).map((id) => ({ value: id, label: id }));
  return [...own, ...extra];
}

const numeric = new Set(["number", "currency", "percent", "formula", "rollup"]);

/** A table or kanban page's properties: columns, sort, card fields, sum field. */
export function ListPageInspector({ pageIndex }: { readonly pageIndex: number }) {
  const doc = useDesigner((s) => s.doc);
  const page = doc.pages?.[pageIndex];
  if (page?.kind === "table") return <TableInspector page={page} entity={entityOf(doc, page.entity)} at={pageIndex} />;
  if (page?.kind === "kanban")
    return <KanbanInspector page={page} entity={entityOf(doc, page.entity)} at={pageIndex} />;
  return null;
}

function TableInspector({ page, entity, at }: { page: TablePage; entity: Entity | undefined; at: number }) {
  const { t } = useTranslation();
  const { locale } = useDesignerContext();
  const apply = useApply();
  const columns = `/pages/${at}/columns`;
  const sort = `/pages/${at}/sort`;
  const shown = new Set(page.columns.map((c) => c.field));
  const nameOf = (field: string) => labelText(entity?.fields.find((f) => f.id === field)?.label, locale, field);
  return (
    <section className="pages-inspector" aria-label={t("pages_inspector")}>
      <Typography.Title level={5}>{t("pages_tableColumns")}</Typography.Title>
      <ol className="pages-columns">
        {page.columns.map((column, i) => {
          const name = nameOf(column.field);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity; a key from the edited value would remount the input being typed in
            <li key={`${column.field}-${i}`}>
              <Space wrap>
                <Select
                  aria-label={t("pages_columnField", { n: i + 1 })}
                  style={{ minWidth: 180 }}
                  showSearch={{ optionFilterProp: "label" }}
                  value={column.field}
                  options={fieldOptions(entity, locale, [column.field])}
                  onChange={(field: string) =>
                    apply(setValue(`${columns}/${i}/field`, field, { en: "Change column", "zh-CN": "修改列" }))
                  }
                />
                <Button
                  icon={<ArrowUpOutlined />}
                  aria-label={t("pages_columnUp", { name })}
                  disabled={i === 0}
                  onClick={() => apply(moveItem(columns, i, columns, i - 1))}
                />
                <Button
                  icon={<ArrowDownOutlined />}
                  aria-label={t("pages_columnDown", { name })}
                  disabled={i === page.columns.length - 1}
                  onClick={() => apply(moveItem(columns, i, columns, i + 2))}
                />
                <Button
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t("pages_columnRemove", { name })}
                  disabled={page.columns.length === 1}
                  onClick={() => apply(removeItem(columns, i, { en: "Remove column", "zh-CN": "删除列" }))}
                />
              </Space>
            </li>
          );
        })}
      </ol>
      <Select
        aria-label={t("pages_addColumn")}
        placeholder={t("pages_addColumn")}
        style={{ minWidth: 200 }}
        value={null}
        options={fieldOptions(entity, locale).filter((o) => !shown.has(o.value))}
        onChange={(field: string | null) =>
          field && apply(insertItem(columns, { field }, undefined, { en: "Add column", "zh-CN": "添加列" }))
        }
      />
      <Typography.Title level={5}>{t("pages_sort")}</Typography.Title>
      <ol className="pages-columns">
        {(page.sort ?? []).map((key, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity; a key from the edited value would remount the input being typed in
          <li key={`${key.by}-${i}`}>
            <Space wrap>
              <Select
                aria-label={t("pages_sortBy", { n: i + 1 })}
                style={{ minWidth: 180 }}
                value={key.by}
                options={fieldOptions(entity, locale, [key.by])}
                onChange={(by: string) =>
                  apply(setValue(`${sort}/${i}/by`, by, { en: "Change sort", "zh-CN": "修改排序" }))
                }
              />
              <Select
                aria-label={t("pages_sortDirection", { n: i + 1 })}
                value={key.direction ?? "asc"}
                options={[
                  { value: "asc", label: t("pages_asc") },
                  { value: "desc", label: t("pages_desc") },
                ]}
                onChange={(direction: string) =>
                  apply(setValue(`${sort}/${i}/direction`, direction, { en: "Change sort", "zh-CN": "修改排序" }))
                }
              />
              <Button
                danger
                icon={<DeleteOutlined />}
                aria-label={t("pages_sortRemove", { name: nameOf(key.by) })}
                onClick={() =>
                  apply(
                    (page.sort ?? []).length === 1
                      ? setValue(sort, undefined, { en: "Remove sort", "zh-CN": "删除排序" })
                      : removeItem(sort, i, { en: "Remove sort", "zh-CN": "删除排序" }),
                  )
                }
              />
            </Space>
          </li>
        ))}
      </ol>
      <Select
        aria-label={t("pages_addSort")}
        placeholder={t("pages_addSort")}
        style={{ minWidth: 200 }}
        value={null}
        disabled={(page.sort ?? []).length >= 5}
        options={fieldOptions(entity, locale)}
        onChange={(by: string | null) =>
          by && apply(insertItem(sort, { by, direction: "asc" }, undefined, { en: "Add sort", "zh-CN": "添加排序" }))
        }
      />
    </section>
  );
}

function KanbanInspector({ page, entity, at }: { page: KanbanPage; entity: Entity | undefined; at: number }) {
  const { t } = useTranslation();
  const { locale } = useDesignerContext();
  const apply = useApply();
  const base = `/pages/${at}`;
  const selects = (entity?.fields ?? [])
    .filter((f) => f.kind === "select")
    .map((f) => ({ value: f.id, label: labelText(f.label, locale, f.id) }));
  const sums = (entity?.fields ?? [])
    .filter((f) => numeric.has(f.kind))
    .map((f) => ({ value: f.id, label: labelText(f.label, locale, f.id) }));
  return (
    <section className="pages-inspector" aria-label={t("pages_inspector")}>
      <Form layout="vertical">
        <Form.Item label={t("pages_groupBy")}>
          <Select
            aria-label={t("pages_groupBy")}
            value={page.groupBy}
            options={selects}
            onChange={(groupBy: string) =>
              apply(setValue(`${base}/groupBy`, groupBy, { en: "Change board columns", "zh-CN": "修改看板分列" }))
            }
          />
        </Form.Item>
        <Form.Item label={t("pages_cardFields")}>
          <Select
            mode="multiple"
            aria-label={t("pages_cardFields")}
            value={page.cardFields ?? []}
            options={fieldOptions(entity, locale, page.cardFields ?? [])}
            onChange={(fields: string[]) =>
              apply(
                setValue(`${base}/cardFields`, fields.length > 0 ? fields : undefined, {
                  en: "Change card fields",
                  "zh-CN": "修改卡片字段",
                }),
              )
            }
          />
        </Form.Item>
        <Form.Item label={t("pages_sumField")}>
          <Select
            allowClear
            aria-label={t("pages_sumField")}
            placeholder={t("pages_none")}
            value={page.sumField ?? null}
            options={sums}
            onChange={(field: string | null | undefined) =>
              apply(
                setValue(`${base}/sumField`, field ?? undefined, { en: "Change sum field", "zh-CN": "修改合计字段" }),
              )
            }
          />
        </Form.Item>
      </Form>
    </section>
  );
}
