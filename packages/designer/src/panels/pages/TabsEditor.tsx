import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { labelText, type TabsNode } from "@plinth/runtime";
import { Button, Card, Form, Input, Space } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesignerContext } from "../../editor/context.js";
import { insertItem, moveItem, removeItem, setValue } from "../../store/commands.js";
import { FormulaInput } from "./FormulaInput.js";
import { LabelInputs } from "./LabelInputs.js";

function freeTabId(node: TabsNode): string {
  const taken = new Set(node.tabs.map((tab) => tab.id));
  let n = node.tabs.length + 1;
  while (taken.has(`tab_${n}`)) n++;
  return `tab_${n}`;
}

/** A tabs node's tabs: id, label in both languages, condition; add, reorder and remove tabs. */
export function TabsEditor({ node, pointer }: { readonly node: TabsNode; readonly pointer: string }) {
  const { t } = useTranslation();
  const { locale } = useDesignerContext();
  const apply = useApply();
  const tabs = `${pointer}/tabs`;
  const add = () => {
    const id = freeTabId(node);
    const n = id.slice(4);
    apply(
      insertItem(tabs, { id, label: { en: `Tab ${n}`, "zh-CN": `标签 ${n}` }, children: [] }, undefined, {
        en: "Add tab",
        "zh-CN": "添加标签",
      }),
    );
  };
  return (
    <>
      {node.tabs.map((tab, i) => {
        const name = labelText(tab.label, locale, tab.id);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity; a key from the edited value would remount the input being typed in
          <Card key={`${tab.id}-${i}`} size="small" title={name} className="pages-tab-card">
            <Form.Item label={t("pages_tabId")}>
              <Input
                aria-label={t("pages_tabIdOf", { name })}
                value={tab.id}
                onChange={(event) =>
                  apply(setValue(`${tabs}/${i}/id`, event.target.value, { en: "Edit tab id", "zh-CN": "编辑标签标识" }))
                }
              />
            </Form.Item>
            <LabelInputs path={`${tabs}/${i}/label`} label={tab.label} title={t("pages_tabLabel", { name })} />
            <FormulaInput
              path={`${tabs}/${i}/visibleWhen`}
              value={tab.visibleWhen}
              label={t("pages_visibleWhenOf", { name })}
            />
            <Space>
              <Button
                icon={<ArrowUpOutlined />}
                aria-label={t("pages_tabUp", { name })}
                disabled={i === 0}
                onClick={() => apply(moveItem(tabs, i, tabs, i - 1))}
              />
              <Button
                icon={<ArrowDownOutlined />}
                aria-label={t("pages_tabDown", { name })}
                disabled={i === node.tabs.length - 1}
                onClick={() => apply(moveItem(tabs, i, tabs, i + 2))}
              />
              <Button
                danger
                icon={<DeleteOutlined />}
                aria-label={t("pages_tabRemove", { name })}
                disabled={node.tabs.length === 1}
                onClick={() => apply(removeItem(tabs, i, { en: "Remove tab", "zh-CN": "删除标签" }))}
              />
            </Space>
          </Card>
        );
      })}
      <Button icon={<PlusOutlined />} onClick={add}>
        {t("pages_addTab")}
      </Button>
    </>
  );
}
