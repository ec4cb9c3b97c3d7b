import type { Widget } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { flowCells, sizeOf } from "./grid.js";

const widget = (id: string, type: Widget["type"], layout?: Widget["layout"]): Widget => ({
  id,
  type,
  query: { entity: "opportunity" },
  ...(layout ? { layout } : {}),
});

describe("the dashboard grid", () => {
  it("sizes a widget by its layout or, without one, as the player does", () => {
    expect(sizeOf(widget("k", "kpi"))).toEqual({ w: 3, h: 2 });
    expect(sizeOf(widget("t", "table"))).toEqual({ w: 12, h: 5 });
    expect(sizeOf(widget("b", "bar"))).toEqual({ w: 6, h: 5 });
    expect(sizeOf(widget("h", "heatmap"))).toEqual({ w: 12, h: 6 });
    expect(sizeOf(widget("p", "pie", { x: 3, y: 1, w: 4, h: 3 }))).toEqual({ w: 4, h: 3 });
  });

  it("flows widgets left to right, a new row under the tallest of the last when one does not fit", () => {
    const cells = flowCells([widget("a", "kpi"), widget("b", "kpi"), widget("c", "bar"), widget("d", "table")]);
    expect(cells).toEqual([
      { x: 0, y: 0, w: 3, h: 2 },
      { x: 3, y: 0, w: 3, h: 2 },
      { x: 6, y: 0, w: 6, h: 5 },
      { x: 0, y: 5, w: 12, h: 5 },
    ]);
  });
});
