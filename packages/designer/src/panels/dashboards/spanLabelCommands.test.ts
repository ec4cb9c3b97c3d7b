import { type App, createRuntime, type DashboardPage } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { salesApp } from "../../../../runtime/test/fixtures/salesApp.js";
import { setValue } from "../../store/commands.js";
import { createDesignerStore } from "../../store/designerStore.js";
import {
  setGroupBlankLabel,
  setGroupBucket,
  setGroupField,
  setGroupThrough,
  setMeasureLabel,
  widgetPath,
} from "./commands.js";

const FORECAST = 5;
const runtime = createRuntime();
const start = () => createDesignerStore(structuredClone(salesApp()) as unknown as App);
type Store = ReturnType<typeof start>;
const query = (store: Store, i: number) =>
  ((store.getState().doc.pages ?? [])[FORECAST] as DashboardPage).widgets[i]?.query;
const queryPath = (i: number) => `${widgetPath(FORECAST, i)}/query`;
/** The core's issues inside widget `i`'s query. */
const issuesIn = (store: Store, i: number) =>
  runtime.validateApp(store.getState().doc).issues.filter((x) => x.path.startsWith(queryPath(i)));

describe("span grouping commands", () => {
  it("span a bucketed date through another date field, then clear it: the key goes, one undo step each", () => {
    const store = start();
    const before = store.getState().doc;
    expect(store.getState().apply(setGroupThrough(queryPath(1), 0, "closed_at", "close_date"))).toBe(true);
    expect(query(store, 1)?.groupBy).toEqual([{ field: "close_date", bucket: "month", through: "closed_at" }]);
    expect(store.getState().past.at(-1)?.label).toEqual({
      en: "Span close_date through closed_at",
      "zh-CN": "close_date 跨期至 closed_at",
    });
    expect(issuesIn(store, 1)).toEqual([]);
    store.getState().apply(setGroupThrough(queryPath(1), 0, undefined, "close_date"));
    expect(query(store, 1)?.groupBy).toEqual([{ field: "close_date", bucket: "month" }]);
    expect(store.getState().past.at(-1)?.label.en).toBe("Group close_date by its date alone");
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().doc).toEqual(before);
  });

  it("leave a second span to the core, which says no at its path", () => {
    const store = start();
    store
      .getState()
      .apply(
        setValue(`${queryPath(1)}/groupBy/1`, { field: "closed_at", bucket: "week" }, { en: "two", "zh-CN": "二" }),
      );
    store.getState().apply(setGroupThrough(queryPath(1), 0, "closed_at", "close_date"));
    store.getState().apply(setGroupThrough(queryPath(1), 1, "updatedAt", "closed_at"));
    expect(query(store, 1)?.groupBy?.[1]).toEqual({ field: "closed_at", bucket: "week", through: "updatedAt" });
    expect(issuesIn(store, 1).map((x) => [x.code, x.path])).toEqual([
      ["schema.oneSpanGrouping", `${queryPath(1)}/groupBy/1/through`],
    ]);
  });

  it("clear a span with its bucket, and keep the blank group's name when the field changes", () => {
    const store = start();
    store.getState().apply(setGroupThrough(queryPath(1), 0, "closed_at", "close_date"));
    store.getState().apply(setGroupBlankLabel(queryPath(1), 0, "en", "Not yet", "close_date"));
    store.getState().apply(setGroupBucket(queryPath(1), 0, undefined, "close_date"));
    expect(query(store, 1)?.groupBy).toEqual([{ field: "close_date", blankLabel: { en: "Not yet" } }]);
    store.getState().apply(setGroupBucket(queryPath(1), 0, "week", "close_date", "周"));
    expect(store.getState().past.at(-1)?.label).toEqual({
      en: "Group close_date by week",
      "zh-CN": "close_date 按周分组",
    });
    store.getState().apply(setGroupThrough(queryPath(1), 0, "closed_at", "close_date"));
    store.getState().apply(setGroupField(queryPath(1), 0, "closed_at", true));
    expect(query(store, 1)?.groupBy).toEqual([
      { field: "closed_at", bucket: "week", through: "closed_at", blankLabel: { en: "Not yet" } },
    ]);
    store.getState().apply(setGroupField(queryPath(1), 0, "stage", false));
    expect(query(store, 1)?.groupBy).toEqual([{ field: "stage", blankLabel: { en: "Not yet" } }]);
    expect(issuesIn(store, 1)).toEqual([]);
  });
});

describe("label commands", () => {
  it("name a grouping's blank group in both languages; emptying both removes the label", () => {
    const store = start();
    const before = store.getState().doc;
    store.getState().apply(setGroupBlankLabel(queryPath(0), 0, "en", "HQ reserve", "stage"));
    store.getState().apply(setGroupBlankLabel(queryPath(0), 0, "zh-CN", "总部储备", "stage"));
    expect(query(store, 0)?.groupBy).toEqual([
      { field: "stage", blankLabel: { en: "HQ reserve", "zh-CN": "总部储备" } },
    ]);
    expect(store.getState().past.at(-1)?.label).toEqual({
      en: "Name the blank group of stage (zh-CN)",
      "zh-CN": "命名 stage 的空值组（zh-CN）",
    });
    expect(issuesIn(store, 0)).toEqual([]);
    store.getState().apply(setGroupBlankLabel(queryPath(0), 0, "en", "", "stage"));
    expect(query(store, 0)?.groupBy).toEqual([{ field: "stage", blankLabel: { "zh-CN": "总部储备" } }]);
    store.getState().apply(setGroupBlankLabel(queryPath(0), 0, "zh-CN", "", "stage"));
    expect(query(store, 0)?.groupBy).toEqual([{ field: "stage" }]);
    expect(store.getState().doc).toEqual(before);
  });

  it("label a measure, a plain-text label becoming per language; emptying both removes it", () => {
    const store = start();
    const measure = `${queryPath(0)}/measures/1`;
    store.getState().apply(setValue(`${measure}/label`, "Pipeline"));
    store.getState().apply(setMeasureLabel(measure, "zh-CN", "管道金额", "amount"));
    expect(query(store, 0)?.measures?.[1]).toEqual({
      id: "amount",
      aggregate: "sum",
      field: "amount",
      label: { en: "Pipeline", "zh-CN": "管道金额" },
    });
    expect(store.getState().past.at(-1)?.label).toEqual({
      en: "Label measure amount (zh-CN)",
      "zh-CN": "设置度量 amount 的名称（zh-CN）",
    });
    expect(issuesIn(store, 0)).toEqual([]);
    store.getState().apply(setMeasureLabel(measure, "en", "", "amount"));
    store.getState().apply(setMeasureLabel(measure, "zh-CN", "", "amount"));
    expect(query(store, 0)?.measures?.[1]).toEqual({ id: "amount", aggregate: "sum", field: "amount" });
  });
});
