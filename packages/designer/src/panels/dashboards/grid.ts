import type { Widget } from "@plinth/runtime";

type Cell = NonNullable<Widget["layout"]>;

/** A widget's size on the 12-column grid: its layout's, or the player's default for its type. */
export function sizeOf(widget: Widget): { w: number; h: number } {
  if (widget.layout) return { w: Math.min(widget.layout.w, 12), h: widget.layout.h };
  if (widget.type === "kpi") return { w: 3, h: 2 };
  if (widget.type === "heatmap") return { w: 12, h: 6 };
  return widget.type === "table" ? { w: 12, h: 5 } : { w: 6, h: 5 };
}

/**
 * Place widgets in order, left to right, starting a new row when one does not fit: the designer
 * edits order and size, and the cells follow, so the player draws what the grid shows.
 */
export function flowCells(
  widgets: readonly Widget[],
  sizes: readonly { w: number; h: number }[] = widgets.map(sizeOf),
): Cell[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return sizes.map(({ w, h }) => {
    if (x + w > 12) {
      y += rowHeight;
      x = 0;
      rowHeight = 0;
    }
    const cell = { x, y, w, h };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return cell;
  });
}
