import { type App, type LayoutNode, labelBoth } from "@plinth/runtime";
import { entityOf } from "./layoutTree.js";

export interface PaletteItem {
  /** Unique within the palette; also the draggable's id. */
  readonly key: string;
  readonly group: "field" | "layout" | "related" | "widget";
  readonly title: { readonly en: string; readonly "zh-CN": string };
  readonly node: LayoutNode;
}

const layoutItems: readonly PaletteItem[] = [
  {
    key: "layout:section",
    group: "layout",
    title: { en: "Section", "zh-CN": "分组" },
    node: { kind: "section", label: { en: "Section", "zh-CN": "分组" }, columns: 1, children: [] },
  },
  {
    key: "layout:columns",
    group: "layout",
    title: { en: "Columns", "zh-CN": "分栏" },
    node: { kind: "columns", children: [] },
  },
  {
    key: "layout:tabs",
    group: "layout",
    title: { en: "Tabs", "zh-CN": "标签页" },
    node: { kind: "tabs", tabs: [{ id: "tab_1", label: { en: "Tab 1", "zh-CN": "标签 1" }, children: [] }] },
  },
  {
    key: "layout:text",
    group: "layout",
    title: { en: "Text", "zh-CN": "文本" },
    node: { kind: "text", text: { en: "Text", "zh-CN": "文本" }, style: "body" } as LayoutNode,
  },
];

/**
 * What the palette offers for a page: the entity's fields not yet on it, the layout nodes, and
 * a related list for every relation of another entity that points at the page's entity.
 * `used`: the fields already on the page (`fieldsOnLayout`); `widgetIds`: its widgets' ids.
 */
export function paletteItems(
  app: Pick<App, "entities">,
  pageEntity: string,
  used: ReadonlySet<string>,
  widgetIds: ReadonlySet<string> = new Set(),
): PaletteItem[] {
  const entity = entityOf(app, pageEntity);
  const fields: PaletteItem[] = (entity?.fields ?? [])
    .filter((field) => !used.has(field.id))
    .map((field) => ({
      key: `field:${field.id}`,
      group: "field",
      title: labelBoth(field.label, field.id),
      node: { kind: "field", field: field.id },
    }));
  const related: PaletteItem[] = (app.entities ?? []).flatMap((other) =>
    other.fields
      .filter((f) => f.kind === "relation" && "target" in f && f.target === pageEntity)
      .map((via) => {
        const of = labelBoth(other.label, other.id);
        return {
          key: `related:${other.id}:${via.id}`,
          group: "related" as const,
          title: { en: `${of.en} (related list)`, "zh-CN": `${of["zh-CN"]}（相关列表）` },
          node: { kind: "relatedList", entity: other.id, via: via.id } as LayoutNode,
        };
      }),
  );
  return [...fields, ...layoutItems, ...related, kpiItem(app, pageEntity, widgetIds)];
}

/** A KPI widget counting the page entity's records (its query and chart are edited like a dashboard's). */
function kpiItem(app: Pick<App, "entities">, pageEntity: string, widgetIds: ReadonlySet<string>): PaletteItem {
  let n = 1;
  while (widgetIds.has(`kpi_${n}`)) n++;
  const of = labelBoth(entityOf(app, pageEntity)?.label, pageEntity);
  const title = { en: `Number of ${of.en} (KPI)`, "zh-CN": `${of["zh-CN"]}数量（指标）` };
  return {
    key: "widget:kpi",
    group: "widget",
    title,
    node: {
      kind: "widget",
      widget: {
        id: `kpi_${n}`,
        type: "kpi",
        label: { en: `Number of ${of.en}`, "zh-CN": `${of["zh-CN"]}数量` },
        query: { entity: pageEntity, measures: [{ id: "count", aggregate: "count" }] },
      },
    } as LayoutNode,
  };
}
