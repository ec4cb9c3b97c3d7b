import { useDraggable, useDroppable } from "@dnd-kit/core";
import { type App, type Entity, type LayoutNode, type Locale, labelText } from "@plinth/runtime";
import { type CSSProperties, memo, useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useDesigner, useDesignerContext } from "../../editor/context.js";
import type { DragData, DropData } from "./dropPlan.js";
import { type ChildList, childListsOf, entityOf, isContainer, isLayoutPage, nodePointerOf } from "./layoutTree.js";
import { kindName, nodeTitle } from "./nodeTitle.js";

interface Place {
  readonly model: Pick<App, "entities">;
  readonly entity: Entity | undefined;
  readonly pageIndex: number;
  readonly locale: Locale;
}

/**
 * The layout of a form or detail page as nested drop zones: every node can be dragged (by its
 * handle, with the pointer or the keyboard) and dropped before another node or at the end of
 * a section, columns or tab; a node's title selects it.
 */
export function Canvas({ pageIndex }: { readonly pageIndex: number }) {
  const { t } = useTranslation();
  const { locale } = useDesignerContext();
  const page = useDesigner((s) => s.doc.pages?.[pageIndex]);
  // Titles read the data model only: a layout edit re-renders just the nodes it changed.
  const entities = useDesigner((s) => s.doc.entities);
  const entityId = isLayoutPage(page) ? page.entity : undefined;
  const place = useMemo<Place>(() => {
    const model = { entities };
    return { model, entity: entityOf(model, entityId), pageIndex, locale };
  }, [entities, entityId, pageIndex, locale]);
  if (!isLayoutPage(page)) return null;
  return (
    <section className="pages-canvas" aria-label={t("pages_canvas")}>
      <CanvasNode node={page.layout} pointer={`/pages/${pageIndex}/layout`} place={place} />
    </section>
  );
}

interface NodeProps {
  readonly node: LayoutNode;
  readonly pointer: string;
  readonly place: Place;
}

// Plain elements, not antd's: a canvas re-renders many nodes per edit and antd components
// compute their theme tokens on every render.
const CanvasNode = memo(function CanvasNode({ node, pointer, place }: NodeProps) {
  const { t } = useTranslation();
  const { store } = useDesignerContext();
  const root = pointer.endsWith("/layout");
  const selected = useDesigner((s) => nodePointerOf(s.selection, place.pageIndex) === pointer);
  const title = nodeTitle(place.model, place.entity, node, place.locale);
  const kind = kindName(node.kind, place.locale);
  const drag: DragData = { from: "canvas", pointer };
  const draggable = useDraggable({ id: `node:${pointer}`, data: drag, disabled: root });
  const drop: DropData | undefined = root ? undefined : dropBefore(pointer, t("pages_before", { name: title }));
  const droppable = useDroppable({ id: `before:${pointer}`, data: drop, disabled: root });
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: "nearest" });
  }, [selected]);
  const lists = childListsOf(node, pointer);
  return (
    <div
      ref={(el) => {
        ref.current = el;
        draggable.setNodeRef(el);
      }}
      className={`pages-node pages-node-${node.kind}${selected ? " pages-node-selected" : ""}${
        draggable.isDragging ? " pages-node-dragging" : ""
      }${isContainer(node) ? " pages-container" : ""}`}
      data-pointer={pointer}
      data-selected={selected || undefined}
    >
      <div ref={droppable.setNodeRef} className={`pages-node-head${droppable.isOver ? " pages-drop-over" : ""}`}>
        {!root && (
          <button
            type="button"
            className="pages-handle"
            aria-label={t("pages_dragNode", { name: title })}
            {...draggable.attributes}
            {...draggable.listeners}
          >
            <span aria-hidden="true">⠿</span>
          </button>
        )}
        <button
          type="button"
          className="pages-node-title"
          aria-pressed={selected}
          aria-label={`${kind}: ${title}`}
          onClick={() => store.getState().select(pointer)}
        >
          <span className="pages-kind">{kind}</span>
          {title}
          {node.visibleWhen !== undefined && <span className="pages-node-when">{node.visibleWhen}</span>}
        </button>
      </div>
      {lists.map((list) => (
        <ChildListView key={list.path} list={list} node={node} place={place} />
      ))}
    </div>
  );
});

function dropBefore(pointer: string, where: string): DropData {
  const cut = pointer.lastIndexOf("/");
  return { array: pointer.slice(0, cut), index: Number(pointer.slice(cut + 1)), where };
}

function gridOf(node: LayoutNode): CSSProperties | undefined {
  if (node.kind === "section" && (node.columns ?? 1) > 1)
    return { gridTemplateColumns: `repeat(${node.columns}, minmax(0, 1fr))` };
  if (node.kind === "columns") {
    const widths = node.widths ?? node.children.map(() => 1);
    const cells = widths.length > 0 ? widths.map((w) => `minmax(0, ${w}fr)`).join(" ") : "1fr";
    return { gridTemplateColumns: cells };
  }
  return undefined;
}

function ChildListView({ list, node, place }: { list: ChildList; node: LayoutNode; place: Place }) {
  const { t } = useTranslation();
  const tab = node.kind === "tabs" && list.tab !== undefined ? node.tabs[list.tab] : undefined;
  const tabTitle = tab ? labelText(tab.label, place.locale, tab.id) : undefined;
  const owner = tabTitle ?? nodeTitle(place.model, place.entity, node, place.locale);
  return (
    <div className="pages-list" data-list={list.path}>
      {tabTitle !== undefined && <div className="pages-tab-title">{tabTitle}</div>}
      <div className="pages-list-items" style={gridOf(node)}>
        {list.nodes.map((child, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: layout nodes have no ids; the position is the identity
          <CanvasNode key={i} node={child} pointer={`${list.path}/${i}`} place={place} />
        ))}
      </div>
      <EndZone list={list} label={t("pages_dropEnd", { name: owner })} />
    </div>
  );
}

function EndZone({ list, label }: { list: ChildList; label: string }) {
  const drop: DropData = { array: list.path, index: list.nodes.length, where: label };
  const { setNodeRef, isOver } = useDroppable({ id: `end:${list.path}`, data: drop });
  return (
    <div ref={setNodeRef} className={`pages-end${isOver ? " pages-drop-over" : ""}`}>
      {label}
    </div>
  );
}
