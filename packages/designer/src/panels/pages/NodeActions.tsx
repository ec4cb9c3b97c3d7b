import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { labelText } from "@plinth/runtime";
import { Button, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner, useDesignerContext } from "../../editor/context.js";
import { moveItem, removeItem } from "../../store/commands.js";
import { landingPointer, planDrop } from "./dropPlan.js";
import { allChildLists, entityOf, isLayoutPage, nodePointerOf, placeOf } from "./layoutTree.js";
import { nodeTitle } from "./nodeTitle.js";
import { valueAtPointer } from "./pointerValue.js";

/**
 * Moving and removing the selected node without a mouse: up, down, into another container
 * (the end of any section, columns or tab not inside the node itself), remove.
 */
export function NodeActions({ pageIndex, pointer }: { readonly pageIndex: number; readonly pointer: string }) {
  const { t } = useTranslation();
  const { store, locale } = useDesignerContext();
  const apply = useApply();
  const page = useDesigner((s) => s.doc.pages?.[pageIndex]);
  const entities = useDesigner((s) => s.doc.entities);
  const place = placeOf(pointer);
  if (!isLayoutPage(page) || !place) return null;
  const siblings = allChildLists(page.layout, `/pages/${pageIndex}/layout`).find((l) => l.path === place.array);
  const count = siblings?.nodes.length ?? 0;
  const model = { entities };
  const entity = entityOf(model, page.entity);
  const rootPointer = `/pages/${pageIndex}/layout`;
  const select = (next: string | undefined) => store.getState().select(next);
  const up = () => {
    if (apply(moveItem(place.array, place.index, place.array, place.index - 1)))
      select(`${place.array}/${place.index - 1}`);
  };
  const down = () => {
    if (apply(moveItem(place.array, place.index, place.array, place.index + 2)))
      select(`${place.array}/${place.index + 1}`);
  };
  const targets = allChildLists(page.layout, `/pages/${pageIndex}/layout`).filter(
    (list) => list.path !== place.array && !list.path.startsWith(`${pointer}/`),
  );
  const listName = (path: string) => {
    const list = targets.find((l) => l.path === path);
    const owner = list && valueAtPointer(page.layout, list.owner.slice(rootPointer.length));
    if (!list || !owner) return path;
    const ownerTitle = nodeTitle(model, entity, owner, locale);
    if (owner.kind !== "tabs" || list.tab === undefined) return ownerTitle;
    const tab = owner.tabs[list.tab];
    return `${ownerTitle} › ${labelText(tab?.label, locale, tab?.id ?? "")}`;
  };
  const moveTo = (path: string) => {
    const list = targets.find((l) => l.path === path);
    if (!list) return;
    const drag = { from: "canvas", pointer } as const;
    const drop = { array: path, index: list.nodes.length };
    const command = planDrop(drag, drop);
    if (command && apply(command)) select(landingPointer(drag, drop));
  };
  const remove = () => {
    const parent = nodePointerOf(place.array, pageIndex);
    if (apply(removeItem(place.array, place.index, { en: "Remove node", "zh-CN": "删除节点" }))) select(parent);
  };
  return (
    <Space wrap className="pages-node-actions">
      <Button icon={<ArrowUpOutlined />} disabled={place.index === 0} onClick={up}>
        {t("pages_moveUp")}
      </Button>
      <Button icon={<ArrowDownOutlined />} disabled={place.index >= count - 1} onClick={down}>
        {t("pages_moveDown")}
      </Button>
      <Select
        aria-label={t("pages_moveInto")}
        placeholder={t("pages_moveInto")}
        style={{ minWidth: 200 }}
        value={null}
        disabled={targets.length === 0}
        options={targets.map((list) => ({ value: list.path, label: listName(list.path) }))}
        onChange={(path: string | null) => path && moveTo(path)}
      />
      <Button danger icon={<DeleteOutlined />} onClick={remove}>
        {t("pages_removeNode")}
      </Button>
    </Space>
  );
}
