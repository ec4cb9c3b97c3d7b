import {
  type Announcements,
  type CollisionDetection,
  closestCenter,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { type ReactNode, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApply, useDesignerContext } from "../../editor/context.js";
import { type DragData, type DropData, landingPointer, planDrop } from "./dropPlan.js";

/** With a pointer: the drop zone under it; with the keyboard (no pointer): the nearest one. */
const collision: CollisionDetection = (args) => {
  if (args.pointerCoordinates) {
    const under = pointerWithin(args);
    if (under.length > 0) return under;
  }
  return closestCenter(args);
};

/** Space picks up and drops, Escape cancels; Enter stays free to select a node. */
const keyboardCodes = { start: ["Space"], cancel: ["Escape"], end: ["Space"] };

/** Names a drag's subject for announcements and the overlay. */
export type DragTitle = (data: DragData) => string;

/**
 * The drag and drop around the palette and the canvas: a drop becomes one command (insert or
 * move) through the store, and the dropped node becomes the selection.
 */
export function LayoutDnd({ children, titleOf }: { readonly children: ReactNode; readonly titleOf: DragTitle }) {
  const { t } = useTranslation();
  const { store } = useDesignerContext();
  const apply = useApply();
  const [dragging, setDragging] = useState<string>();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { keyboardCodes }),
  );
  // Named when picked up: after the drop, the pointer it came from may hold another node.
  const picked = useRef("");
  const announcements = useMemo<Announcements>(() => {
    const named = (data: unknown) => (data ? titleOf(data as DragData) : "");
    return {
      onDragStart: ({ active }) => t("pages_dragStart", { name: named(active.data.current) }),
      onDragOver: ({ over }) =>
        over
          ? t("pages_dragOver", {
              name: picked.current,
              zone: (over.data.current as DropData | undefined)?.where ?? String(over.id),
            })
          : undefined,
      onDragEnd: ({ over }) => (over ? t("pages_dragEnd", { name: picked.current }) : t("pages_dragCancel")),
      onDragCancel: () => t("pages_dragCancel"),
    };
  }, [t, titleOf]);
  const onDragStart = ({ active }: DragStartEvent) => {
    picked.current = active.data.current ? titleOf(active.data.current as DragData) : "";
    setDragging(picked.current);
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(undefined);
    const drag = active.data.current as DragData | undefined;
    const drop = over?.data.current as DropData | undefined;
    if (!drag || !drop) return;
    const command = planDrop(drag, drop);
    if (command && apply(command)) store.getState().select(landingPointer(drag, drop));
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(undefined)}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t("pages_dragHelp") } }}
    >
      {children}
      <DragOverlay dropAnimation={null}>
        {dragging !== undefined && <div className="pages-overlay">{dragging}</div>}
      </DragOverlay>
    </DndContext>
  );
}
