import type { KeyboardCoordinateGetter } from "@dnd-kit/core";

const STEP = 25;

/**
 * Keyboard moves for the board: Left and Right jump the lifted card to the centre of the
 * neighbouring column, Up and Down nudge it within the column.
 */
export const columnKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  switch (event.code) {
    case "ArrowUp":
    case "ArrowDown":
      event.preventDefault();
      return { x: currentCoordinates.x, y: currentCoordinates.y + (event.code === "ArrowDown" ? STEP : -STEP) };
    case "ArrowLeft":
    case "ArrowRight": {
      event.preventDefault();
      // Live positions: the measured rects (droppableRects) may not be ready right after lifting the card.
      const rect = context.collisionRect ?? context.activeNode?.getBoundingClientRect();
      if (!rect) return undefined;
      const centre = rect.left + rect.width / 2;
      const centres = context.droppableContainers
        .getEnabled()
        .map((c) => c.node.current?.getBoundingClientRect())
        .filter((r): r is DOMRect => r !== undefined)
        .map((r) => r.left + r.width / 2)
        .sort((a, b) => a - b);
      const target =
        event.code === "ArrowRight"
          ? centres.find((c) => c > centre + 1)
          : centres.reverse().find((c) => c < centre - 1);
      if (target === undefined) return undefined;
      return { x: currentCoordinates.x + (target - centre), y: currentCoordinates.y };
    }
    default:
      return undefined;
  }
};
