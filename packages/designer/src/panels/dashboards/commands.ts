import type { App, DashboardPage, Widget } from "@plinth/runtime";
import { type Command, insertItem, removeItem, setValue } from "../../store/commands.js";
import { flowCells, sizeOf } from "./grid.js";

/** The dashboard panel's named edits: each one undo step with what it did in both languages. */

export const pagePath = (p: number) => `/pages/${p}`;
export const widgetPath = (p: number, i: number) => `/pages/${p}/widgets/${i}`;

function dashboardIn(draft: App, p: number): DashboardPage {
  const page = draft.pages?.[p];
  if (page?.kind !== "dashboard") throw new Error(`No dashboard page at /pages/${p}`);
  return page;
}

export function addDashboard(id: string): Command {
  const page: DashboardPage = { kind: "dashboard", id, widgets: [] };
  return insertItem("/pages", page, undefined, { en: `Add dashboard ${id}`, "zh-CN": `添加仪表盘 ${id}` });
}

export function removeDashboard(p: number, id: string): Command {
  return removeItem("/pages", p, { en: `Remove dashboard ${id}`, "zh-CN": `删除仪表盘 ${id}` });
}

export function addWidget(p: number, widget: Widget): Command {
  return insertItem(`${pagePath(p)}/widgets`, widget, undefined, {
    en: `Add widget ${widget.id}`,
    "zh-CN": `添加组件 ${widget.id}`,
  });
}

export function removeWidget(p: number, i: number, id: string): Command {
  return removeItem(`${pagePath(p)}/widgets`, i, { en: `Remove widget ${id}`, "zh-CN": `删除组件 ${id}` });
}

/**
 * Swap a widget with its neighbour (-1 earlier, +1 later). When the dashboard places its widgets,
 * the cells flow again in the new order (the player orders placed widgets by cell, not by index).
 */
export function moveWidget(p: number, i: number, by: -1 | 1, id: string): Command {
  return {
    name: "moveWidget",
    label:
      by < 0
        ? { en: `Move widget ${id} earlier`, "zh-CN": `前移组件 ${id}` }
        : { en: `Move widget ${id} later`, "zh-CN": `后移组件 ${id}` },
    recipe: (draft) => {
      const widgets = dashboardIn(draft, p).widgets;
      const a = widgets[i];
      const b = widgets[i + by];
      if (!a || !b) throw new Error(`No widget ${i + by} to swap with`);
      widgets[i] = b;
      widgets[i + by] = a;
      if (widgets.some((w) => w.layout)) {
        const cells = flowCells(widgets);
        widgets.forEach((w, n) => {
          w.layout = cells[n];
        });
      }
    },
  };
}

/** Give a widget a size on the grid; every widget of the page gets its cell in order. */
export function resizeWidget(p: number, i: number, size: { w: number; h: number }, id: string): Command {
  return {
    name: "resizeWidget",
    label: { en: `Resize widget ${id}`, "zh-CN": `调整组件 ${id} 大小` },
    mergeKey: `resize:${p}:${i}`,
    recipe: (draft) => {
      const widgets = dashboardIn(draft, p).widgets;
      const cells = flowCells(
        widgets,
        widgets.map((w, n) => (n === i ? size : sizeOf(w))),
      );
      widgets.forEach((w, n) => {
        w.layout = cells[n];
      });
    },
  };
}

/** A new query over another entity: its fields, filter and sort no longer apply, so they go. */
export function changeQueryEntity(p: number, i: number, entity: string): Command {
  return setValue(
    `${widgetPath(p, i)}/query`,
    { entity, measures: [{ id: "count", aggregate: "count" }] },
    { en: `Query ${entity}`, "zh-CN": `查询 ${entity}` },
  );
}

/** Remove item `i` of a query list (groupBy, measures, sort); the last one takes the list with it. */
export function removeQueryItem(
  queryPath: string,
  list: "groupBy" | "measures" | "sort",
  i: number,
  length: number,
): Command {
  const label = { en: `Remove ${list} ${i + 1}`, "zh-CN": `删除 ${list} ${i + 1}` };
  return length <= 1
    ? setValue(`${queryPath}/${list}`, undefined, label)
    : removeItem(`${queryPath}/${list}`, i, label);
}
