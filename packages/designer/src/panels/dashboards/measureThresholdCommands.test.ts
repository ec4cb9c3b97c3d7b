import { type App, createRuntime, type DashboardPage } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { salesApp } from "../../../../runtime/test/fixtures/salesApp.js";
import { setValue } from "../../store/commands.js";
import { createDesignerStore } from "../../store/designerStore.js";
import {
  addBand,
  addThreshold,
  moveBand,
  removeBand,
  removeThreshold,
  setBandBound,
  setMeasureKind,
  thresholdsPath,
} from "./commands.js";

const FORECAST = 5;
const runtime = createRuntime();
const start = () => createDesignerStore(structuredClone(salesApp()) as unknown as App);
const widget = (store: ReturnType<typeof start>, i: number) =>
  ((store.getState().doc.pages ?? [])[FORECAST] as DashboardPage).widgets[i];
const measurePath = (i: number, n: number) => `/pages/${FORECAST}/widgets/${i}/query/measures/${n}`;

describe("measure kind commands", () => {
  it("make an aggregate with a field and a filter an expression, dropping every aggregate property, in one undo step", () => {
    const store = start();
    const before = store.getState().doc;
    expect(store.getState().apply(setMeasureKind(measurePath(1, 0), "expression", "won"))).toBe(true);
    expect(widget(store, 1)?.query.measures).toEqual([{ id: "won", expression: "" }]);
    expect(store.getState().past.at(-1)?.label).toEqual({
      en: "Compute won from other measures",
      "zh-CN": "由其他度量计算 won",
    });
    store.getState().undo();
    expect(store.getState().doc).toEqual(before);
  });

  it("keep the id, label and format, and never leave a property the core calls unknown", () => {
    const store = start();
    store.getState().apply(
      setValue(measurePath(0, 1), {
        id: "amount",
        label: { en: "Amount" },
        aggregate: "percentile",
        p: 90,
        field: "amount",
        format: "currency",
      }),
    );
    store.getState().apply(setMeasureKind(measurePath(0, 1), "expression", "amount", "count * 2"));
    expect(widget(store, 0)?.query.measures?.[1]).toEqual({
      id: "amount",
      label: { en: "Amount" },
      format: "currency",
      expression: "count * 2",
    });
    const issues = runtime.validateApp(store.getState().doc).issues;
    expect(issues.filter((x) => x.path.startsWith(measurePath(0, 1)))).toEqual([]);
    store.getState().apply(setMeasureKind(measurePath(0, 1), "aggregate", "amount"));
    expect(widget(store, 0)?.query.measures?.[1]).toEqual({
      id: "amount",
      label: { en: "Amount" },
      format: "currency",
      aggregate: "count",
    });
    expect(
      runtime.validateApp(store.getState().doc).issues.filter((x) => x.path.startsWith(measurePath(0, 1))),
    ).toEqual([]);
  });

  it("remove an aggregate's properties from a measure that is already an expression (a JSON edit)", () => {
    const store = start();
    store.getState().apply(setValue(measurePath(0, 1), { id: "amount", expression: "count", aggregate: "sum" }));
    const unknown = runtime
      .validateApp(store.getState().doc)
      .issues.filter((x) => x.code === "schema.unknownProperty" && x.path.startsWith(measurePath(0, 1)));
    expect(unknown.map((x) => x.path)).toEqual([`${measurePath(0, 1)}/aggregate`]);
    store.getState().apply(setMeasureKind(measurePath(0, 1), "expression", "amount"));
    expect(widget(store, 0)?.query.measures?.[1]).toEqual({ id: "amount", expression: "count" });
  });
});

describe("threshold commands", () => {
  it("add a threshold green up to a bound and red above; the last one removed takes the list with it", () => {
    const store = start();
    const before = store.getState().doc;
    store.getState().apply(addThreshold(FORECAST, 0, "amount"));
    expect(widget(store, 0)?.thresholds).toEqual([
      { measure: "amount", bands: [{ color: "green", atMost: 0 }, { color: "red" }] },
    ]);
    store.getState().apply(addThreshold(FORECAST, 0, "count"));
    store.getState().apply(removeThreshold(FORECAST, 0, 0, 2, "amount"));
    expect(widget(store, 0)?.thresholds?.map((t) => t.measure)).toEqual(["count"]);
    store.getState().apply(removeThreshold(FORECAST, 0, 0, 1, "count"));
    expect(widget(store, 0)).not.toHaveProperty("thresholds");
    expect(store.getState().doc).toEqual(before);
  });

  it("add a band before a last unbounded one, bounded like the band before it; else at the end unbounded", () => {
    const store = start();
    store.getState().apply(addThreshold(FORECAST, 0, "amount"));
    store.getState().apply(setBandBound(FORECAST, 0, 0, 0, "count", "amount"));
    store.getState().apply(addBand(FORECAST, 0, 0, "amount"));
    expect(widget(store, 0)?.thresholds?.[0]?.bands).toEqual([
      { color: "green", atMost: "count" },
      { color: "amber", atMost: "count" },
      { color: "red" },
    ]);
    store.getState().apply(setValue(`${thresholdsPath(FORECAST, 0)}/0/bands/1/times`, 1.1));
    store.getState().apply(setBandBound(FORECAST, 0, 0, 2, 500, "amount"));
    store.getState().apply(addBand(FORECAST, 0, 0, "amount"));
    expect(widget(store, 0)?.thresholds?.[0]?.bands).toEqual([
      { color: "green", atMost: "count" },
      { color: "amber", atMost: "count", times: 1.1 },
      { color: "red", atMost: 500 },
      { color: "amber" },
    ]);
    expect(runtime.validateApp(store.getState().doc).issues.filter((x) => x.path.includes("/thresholds"))).toEqual([]);
  });

  it("take a band's factor with its bound, move bands and remove one", () => {
    const store = start();
    store.getState().apply(addThreshold(FORECAST, 0, "amount"));
    store.getState().apply(setValue(`${thresholdsPath(FORECAST, 0)}/0/bands/0/times`, 2));
    store.getState().apply(setBandBound(FORECAST, 0, 0, 0, undefined, "amount"));
    expect(widget(store, 0)?.thresholds?.[0]?.bands[0]).toEqual({ color: "green" });
    store.getState().apply(moveBand(FORECAST, 0, 0, 0, 1, "amount"));
    expect(widget(store, 0)?.thresholds?.[0]?.bands.map((b) => b.color)).toEqual(["red", "green"]);
    expect(store.getState().past.at(-1)?.label).toEqual({
      en: "Move band 1 of amount down",
      "zh-CN": "下移 amount 的第 1 个区间",
    });
    store.getState().apply(removeBand(FORECAST, 0, 0, 0, "amount"));
    expect(widget(store, 0)?.thresholds?.[0]?.bands).toEqual([{ color: "green" }]);
  });
});
