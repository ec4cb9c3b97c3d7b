import { labelText } from "@plinth/runtime";
import { Form, InputNumber, Select, Switch, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner, useDesignerContext } from "../../editor/context.js";
import { OverlayBadge } from "../../editor/OverlayBadge.js";
import { setValue } from "../../store/commands.js";
import { FormulaInput } from "./FormulaInput.js";
import { LabelInputs } from "./LabelInputs.js";
import { entityOf, isLayoutPage } from "./layoutTree.js";
import { NodeActions } from "./NodeActions.js";
import { kindName, nodeTitle } from "./nodeTitle.js";
import { valueAtPointer } from "./pointerValue.js";
import { TabsEditor } from "./TabsEditor.js";

/** The selected layout node's properties, edited through the store. */
export function NodeInspector({ pageIndex, pointer }: { readonly pageIndex: number; readonly pointer: string }) {
  const { t } = useTranslation();
  const { locale } = useDesignerContext();
  const apply = useApply();
  // The node and the data model only: an edit elsewhere on the page leaves the inspector alone.
  const node = useDesigner((s) => valueAtPointer(s.doc, pointer));
  const entities = useDesigner((s) => s.doc.entities);
  const entityId = useDesigner((s) => {
    const page = s.doc.pages?.[pageIndex];
    return isLayoutPage(page) ? page.entity : undefined;
  });
  if (!node || entityId === undefined) return null;
  const model = { entities };
  const entity = entityOf(model, entityId);
  const title = nodeTitle(model, entity, node, locale);
  return (
    <section className="pages-inspector" aria-label={t("pages_inspector")}>
      <Typography.Title level={5}>
        {kindName(node.kind, locale)}: {title} <OverlayBadge path={pointer} />
      </Typography.Title>
      <NodeActions pageIndex={pageIndex} pointer={pointer} />
      <Form layout="vertical" className="pages-inspector-form">
        {node.kind === "field" && (
          <Form.Item label={t("pages_field")}>
            <Select
              aria-label={t("pages_field")}
              showSearch={{ optionFilterProp: "label" }}
              value={node.field}
              options={[
                ...(entity?.fields ?? []).map((f) => ({ value: f.id, label: labelText(f.label, locale, f.id) })),
                ...(entity?.fields.some((f) => f.id === node.field) ? [] : [{ value: node.field, label: node.field }]),
              ]}
              onChange={(field: string) =>
                apply(setValue(`${pointer}/field`, field, { en: "Change the node's field", "zh-CN": "修改节点字段" }))
              }
            />
          </Form.Item>
        )}
        {(node.kind === "field" || node.kind === "section" || node.kind === "relatedList") && (
          <LabelInputs path={`${pointer}/label`} label={node.label} />
        )}
        {node.kind === "widget" && (
          <LabelInputs path={`${pointer}/widget/label`} label={node.widget.label} title={t("pages_widgetLabel")} />
        )}
        {node.kind === "text" && <LabelInputs path={`${pointer}/text`} label={node.text} title={t("pages_text")} />}
        {node.kind === "section" && (
          <>
            <Form.Item label={t("pages_columns")}>
              <InputNumber
                aria-label={t("pages_columns")}
                min={1}
                max={4}
                precision={0}
                value={node.columns ?? 1}
                onChange={(value) =>
                  typeof value === "number" &&
                  apply(setValue(`${pointer}/columns`, value, { en: "Section columns", "zh-CN": "分组列数" }))
                }
              />
            </Form.Item>
            <Form.Item label={t("pages_collapsible")}>
              <Switch
                aria-label={t("pages_collapsible")}
                checked={node.collapsible === true}
                onChange={(on) =>
                  apply(
                    setValue(`${pointer}/collapsible`, on || undefined, {
                      en: "Section collapsible",
                      "zh-CN": "分组可折叠",
                    }),
                  )
                }
              />
            </Form.Item>
          </>
        )}
        <FormulaInput path={`${pointer}/visibleWhen`} value={node.visibleWhen} label={t("pages_visibleWhen")} />
        {node.kind === "tabs" && <TabsEditor node={node} pointer={pointer} />}
      </Form>
    </section>
  );
}
