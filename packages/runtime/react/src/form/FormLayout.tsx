import { type LayoutNode, labelText, type RelatedListNode, type TabsNode, type WidgetNode } from "@plinth/runtime";
import { Card, Tabs, Typography } from "antd";
import { type CSSProperties, memo, type ReactNode } from "react";
import { StandardRelatedList, StandardWidgetNode } from "../layout/StandardNodes.js";
import { usePlinth } from "../PlinthProvider.js";
import { FieldSlot } from "./FieldSlot.js";
import type { FormStore } from "./formStore.js";
import { useCondition, useFormState } from "./hooks.js";

interface NodeProps {
  readonly store: FormStore;
  readonly node: LayoutNode;
}

/** Containers take a whole row of the grid they sit in. */
const fullRow: CSSProperties = { gridColumn: "1 / -1" };

function grid(columns: readonly number[] | number): CSSProperties {
  const template = Array.isArray(columns)
    ? columns.map((w) => `minmax(0, ${w}fr)`).join(" ")
    : `repeat(${columns}, minmax(0, 1fr))`;
  return { display: "grid", gridTemplateColumns: template, columnGap: 16 };
}

interface VisibleProps {
  readonly store: FormStore;
  readonly when: string | undefined;
  readonly children: ReactNode;
}

function WhenHolds({ store, when, children }: VisibleProps) {
  return useCondition(store, when) ? children : null;
}

/** Renders `children` only while the node's `visibleWhen` holds; nodes without one subscribe to nothing. */
function Visible({ store, when, children }: VisibleProps) {
  return when === undefined ? (
    children
  ) : (
    <WhenHolds store={store} when={when}>
      {children}
    </WhenHolds>
  );
}

function Children({ store, nodes }: { store: FormStore; nodes: readonly LayoutNode[] }) {
  return nodes.map((child, i) =>
    // A plain field node is its slot: no layout component per field (a form may have hundreds).
    // Layout nodes have no ids of their own; their position is their identity in a published page.
    child.kind === "field" && child.visibleWhen === undefined && !child.field.includes(".") ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: see above
      <FieldSlot key={i} store={store} field={child.field} label={child.label} widget={child.widget} />
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: see above
      <LayoutView key={i} store={store} node={child} />
    ),
  );
}

function TabsView({ store, node }: { store: FormStore; node: TabsNode }) {
  const { locale } = usePlinth();
  // One string of the visible tabs' ids: stable while no tab's condition flips.
  const shown = useFormState(store, (state) =>
    node.tabs
      .filter((tab) => store.selectCondition(tab.visibleWhen)(state))
      .map((tab) => tab.id)
      .join("\n"),
  );
  const visible = new Set(shown.split("\n"));
  const items = node.tabs
    .filter((tab) => visible.has(tab.id))
    .map((tab) => ({
      key: tab.id,
      label: labelText(tab.label, locale, tab.id),
      children: <Children store={store} nodes={tab.children} />,
    }));
  return <Tabs items={items} style={fullRow} />;
}

/** The record a form edits (its initial values carry the id); undefined while creating. */
function recordIdOf(store: FormStore): string | undefined {
  const id = store.api.getState().values.id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

function RelatedListNodeView({ store, node }: { store: FormStore; node: RelatedListNode }) {
  const { locale, nodes } = usePlinth();
  const Renderer = nodes.relatedList ?? StandardRelatedList;
  return <Renderer node={node} app={store.app} entity={store.entity} recordId={recordIdOf(store)} locale={locale} />;
}

function WidgetNodeView({ store, node }: { store: FormStore; node: WidgetNode }) {
  const { locale, nodes } = usePlinth();
  const Renderer = nodes.widget ?? StandardWidgetNode;
  return <Renderer node={node} app={store.app} entity={store.entity} recordId={recordIdOf(store)} locale={locale} />;
}

/** One layout node of a form page, recursively. */
export const LayoutView = memo(function LayoutView({ store, node }: NodeProps) {
  const { locale } = usePlinth();
  switch (node.kind) {
    case "section": {
      const title = node.label === undefined ? undefined : labelText(node.label, locale, node.id ?? "");
      return (
        <Visible store={store} when={node.visibleWhen}>
          <Card size="small" title={title} style={{ ...fullRow, marginBottom: 16 }}>
            <div style={grid(node.columns ?? 1)}>
              <Children store={store} nodes={node.children} />
            </div>
          </Card>
        </Visible>
      );
    }
    case "columns":
      return (
        <Visible store={store} when={node.visibleWhen}>
          <div style={{ ...fullRow, ...grid(node.widths ?? node.children.length) }}>
            <Children store={store} nodes={node.children} />
          </div>
        </Visible>
      );
    case "tabs":
      return (
        <Visible store={store} when={node.visibleWhen}>
          <TabsView store={store} node={node} />
        </Visible>
      );
    case "field":
      return (
        <Visible store={store} when={node.visibleWhen}>
          {node.field.includes(".") ? (
            // A related record's field (`account.region`) is shown on detail pages, not edited here.
            <Typography.Text type="secondary">{labelText(node.label, locale, node.field)}</Typography.Text>
          ) : (
            <FieldSlot store={store} field={node.field} label={node.label} widget={node.widget} />
          )}
        </Visible>
      );
    case "text": {
      const text = labelText(node.text, locale, "");
      return (
        <Visible store={store} when={node.visibleWhen}>
          {node.style === "heading" ? (
            <Typography.Title level={5} style={fullRow}>
              {text}
            </Typography.Title>
          ) : (
            <Typography.Paragraph type={node.style === "note" ? "secondary" : undefined} style={fullRow}>
              {text}
            </Typography.Paragraph>
          )}
        </Visible>
      );
    }
    case "relatedList":
      return (
        <Visible store={store} when={node.visibleWhen}>
          <RelatedListNodeView store={store} node={node} />
        </Visible>
      );
    case "widget":
      return (
        <Visible store={store} when={node.visibleWhen}>
          <WidgetNodeView store={store} node={node} />
        </Visible>
      );
    default: {
      const unknown: never = node;
      return unknown;
    }
  }
});
