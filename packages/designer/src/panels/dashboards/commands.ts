import { type App, type DashboardPage, type Locale, type Query, valueAt, type Widget } from "@plinth/runtime";
import { type Command, insertItem, removeItem, setLabel, setValue } from "../../store/commands.js";
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

type Grouping = NonNullable<Query["groupBy"]>[number];
type Bucket = NonNullable<Grouping["bucket"]>;

function groupingAt(draft: App, queryPath: string, n: number): Grouping {
  const grouping = valueAt(draft, `${queryPath}/groupBy/${n}`);
  if (grouping === null || typeof grouping !== "object" || Array.isArray(grouping))
    throw new Error(`No grouping ${n} in ${queryPath}`);
  return grouping as Grouping;
}

/**
 * Group by another field. The blank group's name stays (it names the blanks of whatever is
 * grouped); a date field keeps its bucket (a month until one is chosen) and its span, and any
 * other field has neither (the core calls a bucket on a text field an issue).
 */
export function setGroupField(queryPath: string, n: number, field: string, isDate: boolean): Command {
  return {
    name: "setGroupField",
    label: { en: `Group by ${field}`, "zh-CN": `按 ${field} 分组` },
    recipe: (draft) => {
      const g = groupingAt(draft, queryPath, n);
      g.field = field;
      if (isDate) g.bucket ??= "month";
      else {
        delete g.bucket;
        delete g.through;
      }
    },
  };
}

/**
 * Bucket a date grouping by day, week, ... or by its plain value (`undefined`). A span needs a
 * bucket, so clearing the bucket clears the span (`through`) with it, in the same undo step.
 */
export function setGroupBucket(
  queryPath: string,
  n: number,
  bucket: Bucket | undefined,
  field: string,
  bucketZh?: string,
): Command {
  return {
    name: "setGroupBucket",
    label: bucket
      ? { en: `Group ${field} by ${bucket}`, "zh-CN": `${field} 按${bucketZh ?? bucket}分组` }
      : { en: `Group ${field} by value`, "zh-CN": `${field} 按值分组` },
    recipe: (draft) => {
      const g = groupingAt(draft, queryPath, n);
      if (bucket) g.bucket = bucket;
      else {
        delete g.bucket;
        delete g.through;
      }
    },
  };
}

/**
 * Make a date grouping a span (each record counts in every bucket from `field` through the date
 * field `through`), or a single date again (`undefined` removes the key). One span per query is
 * the core's rule: a second one is written and the core's issue shows, never hidden here.
 */
export function setGroupThrough(queryPath: string, n: number, through: string | undefined, field: string): Command {
  return {
    name: "setGroupThrough",
    label: through
      ? { en: `Span ${field} through ${through}`, "zh-CN": `${field} 跨期至 ${through}` }
      : { en: `Group ${field} by its date alone`, "zh-CN": `${field} 取消跨期` },
    recipe: (draft) => {
      const g = groupingAt(draft, queryPath, n);
      if (through === undefined) delete g.through;
      else g.through = through;
    },
  };
}

/**
 * One language of what a grouping's blank group is called (the HQ reserve, in no region); with
 * both languages emptied the label goes, and the player says "(blank)" again.
 */
export function setGroupBlankLabel(queryPath: string, n: number, locale: Locale, text: string, field: string): Command {
  return {
    ...setLabel(`${queryPath}/groupBy/${n}/blankLabel`, locale, text),
    name: "setGroupBlankLabel",
    label: { en: `Name the blank group of ${field} (${locale})`, "zh-CN": `命名 ${field} 的空值组（${locale}）` },
  };
}

/**
 * One language of a measure's label (what the widget's legend, columns and KPI caption say in
 * place of the field's name); with both languages emptied the label goes.
 */
export function setMeasureLabel(measurePath: string, locale: Locale, text: string, id: string): Command {
  return {
    ...setLabel(`${measurePath}/label`, locale, text),
    name: "setMeasureLabel",
    label: { en: `Label measure ${id} (${locale})`, "zh-CN": `设置度量 ${id} 的名称（${locale}）` },
  };
}

type Measure = NonNullable<Query["measures"]>[number];
type Threshold = NonNullable<Widget["thresholds"]>[number];
export type Band = Threshold["bands"][number];
export type BandColor = Band["color"];

/** How a measure gets its value: aggregated from the rows, or computed from the query's other measures. */
export type MeasureKind = "aggregate" | "expression";

export const measureKindOf = (measure: Measure): MeasureKind =>
  measure.expression !== undefined ? "expression" : "aggregate";

/**
 * What an expression measure keeps of an aggregate one: every other property (aggregate, field,
 * filter, p, minus, divideBy, percent, and any the aggregate gains later) belongs to the
 * aggregate, and the core reports it as schema.unknownProperty beside an expression.
 */
const EXPRESSION_KEEPS: ReadonlySet<string> = new Set(["id", "label", "format", "expression"]);

/**
 * Make a measure an aggregate (`count` until another is chosen) or an expression (`expression`,
 * the designer passes a first formula), removing the other kind's properties, in one undo step.
 */
export function setMeasureKind(measurePath: string, kind: MeasureKind, id: string, expression = ""): Command {
  return {
    name: "setMeasureKind",
    label:
      kind === "expression"
        ? { en: `Compute ${id} from other measures`, "zh-CN": `由其他度量计算 ${id}` }
        : { en: `Aggregate ${id} from the rows`, "zh-CN": `按记录聚合 ${id}` },
    recipe: (draft) => {
      const measure = valueAt(draft, measurePath);
      if (measure === null || typeof measure !== "object" || Array.isArray(measure))
        throw new Error(`No measure at ${measurePath}`);
      const m = measure as Record<string, unknown>;
      if (kind === "expression") {
        for (const key of Object.keys(m)) if (!EXPRESSION_KEEPS.has(key)) delete m[key];
        m.expression ??= expression;
      } else {
        delete m.expression;
        m.aggregate ??= "count";
      }
    },
  };
}

export const thresholdsPath = (p: number, i: number) => `${widgetPath(p, i)}/thresholds`;

function thresholdIn(draft: App, p: number, i: number, t: number): Threshold {
  const threshold = dashboardIn(draft, p).widgets[i]?.thresholds?.[t];
  if (!threshold) throw new Error(`No threshold ${t} on widget ${i} of /pages/${p}`);
  return threshold;
}

/**
 * Colour a measure of the widget: green up to a bound (0 until it is set), red above. The
 * designer starts with two bands so that the person sees how bounds and the last band read.
 */
export function addThreshold(p: number, i: number, measure: string): Command {
  const threshold: Threshold = { measure, bands: [{ color: "green", atMost: 0 }, { color: "red" }] };
  return insertItem(thresholdsPath(p, i), threshold, undefined, {
    en: `Colour ${measure} by thresholds`,
    "zh-CN": `按阈值为 ${measure} 着色`,
  });
}

/** Remove threshold `t`; the last one takes the list with it (no empty `thresholds` left behind). */
export function removeThreshold(p: number, i: number, t: number, length: number, measure: string): Command {
  const label = { en: `Remove the thresholds of ${measure}`, "zh-CN": `删除 ${measure} 的阈值` };
  return length <= 1 ? setValue(thresholdsPath(p, i), undefined, label) : removeItem(thresholdsPath(p, i), t, label);
}

const COLORS: readonly BandColor[] = ["green", "amber", "red"];

/**
 * Add a band to threshold `t`. A band after one without a bound would never be reached, so a new
 * band goes before a last unbounded one (bounded by the band before it), or at the end unbounded.
 */
export function addBand(p: number, i: number, t: number, measure: string): Command {
  return {
    name: "addBand",
    label: { en: `Add a band to the thresholds of ${measure}`, "zh-CN": `为 ${measure} 的阈值添加区间` },
    recipe: (draft) => {
      const bands = thresholdIn(draft, p, i, t).bands as Band[];
      const used = new Set(bands.map((b) => b.color));
      const color = COLORS.find((c) => !used.has(c)) ?? "amber";
      const last = bands.at(-1);
      if (last && last.atMost === undefined) {
        const before = bands.at(-2)?.atMost;
        bands.splice(bands.length - 1, 0, { color, atMost: before ?? 0 });
      } else bands.push({ color });
    },
  };
}

/** Remove band `j` of threshold `t` (a threshold keeps at least one band: remove the threshold instead). */
export function removeBand(p: number, i: number, t: number, j: number, measure: string): Command {
  return removeItem(`${thresholdsPath(p, i)}/${t}/bands`, j, {
    en: `Remove band ${j + 1} of the thresholds of ${measure}`,
    "zh-CN": `删除 ${measure} 阈值的第 ${j + 1} 个区间`,
  });
}

/** Swap band `j` with its neighbour (-1 earlier, +1 later): the first band that holds the value wins. */
export function moveBand(p: number, i: number, t: number, j: number, by: -1 | 1, measure: string): Command {
  return {
    name: "moveBand",
    label:
      by < 0
        ? { en: `Move band ${j + 1} of ${measure} up`, "zh-CN": `上移 ${measure} 的第 ${j + 1} 个区间` }
        : { en: `Move band ${j + 1} of ${measure} down`, "zh-CN": `下移 ${measure} 的第 ${j + 1} 个区间` },
    recipe: (draft) => {
      const bands = thresholdIn(draft, p, i, t).bands as Band[];
      const a = bands[j];
      const b = bands[j + by];
      if (!a || !b) throw new Error(`No band ${j + by} to swap with`);
      bands[j] = b;
      bands[j + by] = a;
    },
  };
}

/**
 * Bound band `j` by a number or another measure's id, or by nothing (the band takes every value
 * above the others); without a bound its `times` factor means nothing and goes with it.
 */
export function setBandBound(
  p: number,
  i: number,
  t: number,
  j: number,
  atMost: number | string | undefined,
  measure: string,
): Command {
  return {
    name: "setBandBound",
    label: { en: `Bound band ${j + 1} of ${measure}`, "zh-CN": `设置 ${measure} 第 ${j + 1} 个区间的上限` },
    mergeKey: `bound:${p}:${i}:${t}:${j}`,
    recipe: (draft) => {
      const band = thresholdIn(draft, p, i, t).bands[j] as Band | undefined;
      if (!band) throw new Error(`No band ${j} in threshold ${t}`);
      if (atMost === undefined) {
        delete band.atMost;
        delete band.times;
      } else band.atMost = atMost;
    },
  };
}
