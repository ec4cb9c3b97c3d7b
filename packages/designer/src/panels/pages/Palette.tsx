import { HolderOutlined, PlusOutlined } from "@ant-design/icons";
import { useDraggable } from "@dnd-kit/core";
import { Button, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner, useDesignerContext } from "../../editor/context.js";
import type { DragData } from "./dropPlan.js";
import { planDrop } from "./dropPlan.js";
import { childListsOf, fieldsOnLayout, isLayoutPage, nodePointerOf, widgetIdsOnLayout } from "./layoutTree.js";
import { type PaletteItem, paletteItems } from "./paletteItems.js";
import { valueAtPointer } from "./pointerValue.js";

const groups = ["field", "layout", "related", "widget"] as const;

/**
 * What can go on the page: drag an item onto the canvas, or press its "add" button to put it at
 * the end of the selected container (the page's root when nothing is selected).
 */
export function Palette({ pageIndex }: { readonly pageIndex: number }) {
  const { t } = useTranslation();
  const { store, locale } = useDesignerContext();
  const apply = useApply();
  // What the palette shows depends on the data model and on which fields the page holds, not on
  // where they are: moving nodes around leaves it alone.
  const entities = useDesigner((s) => s.doc.entities);
  const entityId = useDesigner((s) => {
    const page = s.doc.pages?.[pageIndex];
    return isLayoutPage(page) ? page.entity : undefined;
  });
  const used = useDesigner((s) => {
    const page = s.doc.pages?.[pageIndex];
    return isLayoutPage(page) ? [...fieldsOnLayout(page.layout)].sort().join("\n") : "";
  });
  const widgets = useDesigner((s) => {
    const page = s.doc.pages?.[pageIndex];
    return isLayoutPage(page) ? [...widgetIdsOnLayout(page.layout)].sort().join("\n") : "";
  });
  const items = useMemo(
    () =>
      entityId === undefined
        ? []
        : paletteItems({ entities }, entityId, new Set(used.split("\n")), new Set(widgets.split("\n"))),
    [entities, entityId, used, widgets],
  );
  if (entityId === undefined) return null;
  const add = (item: PaletteItem) => {
    const state = store.getState();
    const target = insertTarget(state.doc, nodePointerOf(state.selection, pageIndex) ?? `/pages/${pageIndex}/layout`);
    if (!target) return;
    const command = planDrop({ from: "palette", node: item.node, title: item.title }, target);
    if (command && apply(command)) state.select(`${target.array}/${target.index}`);
  };
  return (
    <section className="pages-palette" aria-label={t("pages_palette")}>
      {groups.map((group) => {
        const inGroup = items.filter((item) => item.group === group);
        return (
          <div key={group}>
            <Typography.Text strong>{t(`pages_palette_${group}`)}</Typography.Text>
            {inGroup.length === 0 && (group === "field" || group === "related") && (
              <Typography.Paragraph type="secondary">{t(`pages_palette_${group}_none`)}</Typography.Paragraph>
            )}
            <ul className="pages-palette-list">
              {inGroup.map((item) => (
                <PaletteEntry key={item.key} item={item} title={item.title[locale]} onAdd={() => add(item)} />
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

function PaletteEntry({ item, title, onAdd }: { item: PaletteItem; title: string; onAdd: () => void }) {
  const { t } = useTranslation();
  const data: DragData = { from: "palette", node: item.node, title: item.title };
  const { setNodeRef, attributes, listeners, isDragging } = useDraggable({ id: `palette:${item.key}`, data });
  return (
    <li ref={setNodeRef} className={`pages-palette-item${isDragging ? " pages-node-dragging" : ""}`}>
      <button
        type="button"
        className="pages-handle"
        aria-label={t("pages_dragNew", { name: title })}
        {...attributes}
        {...listeners}
      >
        <HolderOutlined />
      </button>
      <span className="pages-palette-title">{title}</span>
      <Button size="small" icon={<PlusOutlined />} aria-label={t("pages_addItem", { name: title })} onClick={onAdd} />
    </li>
  );
}

/**
 * Where "add" puts a new node: the end of the selected container's first list (a tabs node's
 * first tab), or just after the selected leaf.
 */
export function insertTarget(doc: unknown, nodePointer: string): { array: string; index: number } | undefined {
  const node = valueAtPointer(doc, nodePointer);
  if (!node) return undefined;
  const [list] = childListsOf(node, nodePointer);
  if (list) return { array: list.path, index: list.nodes.length };
  const cut = nodePointer.lastIndexOf("/");
  return { array: nodePointer.slice(0, cut), index: Number(nodePointer.slice(cut + 1)) + 1 };
}
