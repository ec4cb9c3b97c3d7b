import { type App, type Entity, type LayoutNode, type Locale, labelText } from "@plinth/runtime";
import { entityOf } from "./layoutTree.js";

const kindNames: Record<LayoutNode["kind"], { readonly en: string; readonly "zh-CN": string }> = {
  section: { en: "Section", "zh-CN": "分组" },
  columns: { en: "Columns", "zh-CN": "分栏" },
  tabs: { en: "Tabs", "zh-CN": "标签页" },
  field: { en: "Field", "zh-CN": "字段" },
  text: { en: "Text", "zh-CN": "文本" },
  relatedList: { en: "Related list", "zh-CN": "相关列表" },
  widget: { en: "Widget", "zh-CN": "组件" },
};

/** The name of a node kind in the UI language. */
export function kindName(kind: LayoutNode["kind"], locale: Locale): string {
  return kindNames[kind][locale];
}

/** What the canvas calls a node: its label, else its field's or entity's label, else its kind. */
export function nodeTitle(
  app: Pick<App, "entities">,
  entity: Entity | undefined,
  node: LayoutNode,
  locale: Locale,
): string {
  const kind = kindName(node.kind, locale);
  switch (node.kind) {
    case "field": {
      const field = node.field.includes(".") ? undefined : entity?.fields.find((f) => f.id === node.field);
      return labelText(node.label, locale, labelText(field?.label, locale, node.field));
    }
    case "section":
      return labelText(node.label, locale, kind);
    case "text":
      return labelText(node.text, locale, kind);
    case "relatedList": {
      const other = entityOf(app, node.entity);
      return labelText(node.label, locale, labelText(other?.label, locale, node.entity));
    }
    case "widget":
      return labelText(node.widget.label, locale, `${kind} ${node.widget.id}`);
    case "columns":
    case "tabs":
      return kind;
  }
}
