import type { App, Locale, RelatedListNode, WidgetNode } from "@plinth/runtime";
import type { ComponentType } from "react";

/** Where a layout node sits: the page's entity and, once saved, the record shown. */
export interface NodePlace {
  readonly app: App;
  readonly entity: string;
  /** Absent on a form creating a record. */
  readonly recordId?: string;
  readonly locale: Locale;
}

/** A `relatedList` node: the records of `node.entity` whose `node.via` points at this record. */
export interface RelatedListNodeProps extends NodePlace {
  readonly node: RelatedListNode;
}

/** A `widget` node: a dashboard widget (query and chart type) placed in a form or detail page. */
export interface WidgetNodeProps extends NodePlace {
  readonly node: WidgetNode;
}

/**
 * Renderers for the layout nodes that show more than a field: a host hands its own to
 * `PlinthProvider` (the player links rows to record pages and draws charts); the standard
 * ones list rows through the data source.
 */
export interface LayoutNodeRenderers {
  readonly relatedList?: ComponentType<RelatedListNodeProps>;
  readonly widget?: ComponentType<WidgetNodeProps>;
}
