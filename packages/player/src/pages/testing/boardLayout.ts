/**
 * happy-dom lays nothing out: every element's box is 0×0 at the origin, so dnd-kit's keyboard
 * sensor would find no column to the right of a card. This gives the kanban board the boxes a
 * browser would: columns side by side, cards stacked in their column, and the drag overlay where
 * its inline style puts it. Nothing of the page's code is replaced; only the geometry happy-dom
 * lacks is filled in.
 */
const COLUMN = { left: 20, top: 100, width: 280, gap: 20, height: 800 };
const CARD = { inset: 10, top: 60, height: 80, gap: 10 };

function box(left: number, top: number, width: number, height: number): DOMRect {
  return {
    x: left,
    y: top,
    left,
    top,
    width,
    height,
    right: left + width,
    bottom: top + height,
    toJSON: () => ({}),
  } as DOMRect;
}

function columnBox(column: Element): DOMRect {
  const columns = [...(column.parentElement?.querySelectorAll(":scope > [data-column]") ?? [])];
  const index = Math.max(0, columns.indexOf(column));
  return box(COLUMN.left + index * (COLUMN.width + COLUMN.gap), COLUMN.top, COLUMN.width, COLUMN.height);
}

function layout(el: Element): DOMRect | undefined {
  if (el.matches("[data-column]")) return columnBox(el);
  if (el.matches("[data-card-id]")) {
    const column = el.closest("[data-column]");
    if (!column) return undefined;
    const cards = [...column.querySelectorAll("[data-card-id]")];
    const c = columnBox(column);
    return box(
      c.left + CARD.inset,
      c.top + CARD.top + cards.indexOf(el) * (CARD.height + CARD.gap),
      c.width - 2 * CARD.inset,
      CARD.height,
    );
  }
  // dnd-kit measures the overlay's only child: it fills its fixed, explicitly sized wrapper.
  return fixedBox(el) ?? (el.parentElement?.children.length === 1 ? fixedBox(el.parentElement) : undefined);
}

/** A `position: fixed` element's box from its inline style (transforms aside, as dnd-kit measures it). */
function fixedBox(el: Element): DOMRect | undefined {
  const style = (el as HTMLElement).style;
  if (style?.position !== "fixed" || !style.width) return undefined;
  return box(
    Number.parseFloat(style.left) || 0,
    Number.parseFloat(style.top) || 0,
    Number.parseFloat(style.width) || 0,
    Number.parseFloat(style.height) || 0,
  );
}

/** Give the board its boxes until the returned function is called. */
export function layOutBoard(): () => void {
  const original = Element.prototype.getBoundingClientRect;
  Element.prototype.getBoundingClientRect = function (this: Element) {
    return layout(this) ?? original.call(this);
  };
  return () => {
    Element.prototype.getBoundingClientRect = original;
  };
}
