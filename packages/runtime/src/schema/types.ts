/**
 * TypeScript types of the App Schema, derived from the same `as const` sub-schemas that
 * ajv compiles and that `app-schema.json` bundles (json-schema-to-ts). Only the recursive
 * edges (layout children) and the joins between sub-schemas are written by hand; type tests
 * in `types.test.ts` keep them honest.
 */
import type { FromSchema } from "json-schema-to-ts";
import type { Field } from "../fields/index.js";
import type { appSchema, roleSchema, settingsSchema } from "./app.js";
import type { automationSchema } from "./automation.js";
import type { computationSchema } from "./computation.js";
import type { effectSchema, partySchema } from "./effect.js";
import type { entitySchema, ruleSchema } from "./entity.js";
import type {
  columnsNodeSchema,
  fieldNodeSchema,
  relatedListNodeSchema,
  sectionNodeSchema,
  tabsNodeSchema,
  textNodeSchema,
  widgetNodeSchema,
} from "./layout.js";
import type { navigationSchema } from "./navigation.js";
import type { extendsSchema, locksSchema, overlaySchema } from "./overlay.js";
import type {
  dashboardPageSchema,
  detailPageSchema,
  formPageSchema,
  inboxPageSchema,
  kanbanPageSchema,
  tablePageSchema,
} from "./page.js";
import type { permissionSchema } from "./permission.js";
import type { querySchema, widgetSchema } from "./query.js";
import type { scenarioSchema } from "./scenario.js";
import type { approvalSchema, stateMachineSchema } from "./workflow.js";

/** A schema that only carries an `$id`: FromSchema reads a reference to it as `unknown`. */
type StandIn<S extends { readonly $id: string }> = { readonly $id: S["$id"] };

export type Rule = FromSchema<typeof ruleSchema>;
export type Entity = Omit<
  FromSchema<
    typeof entitySchema,
    { references: [StandIn<{ $id: "https://plinth.dev/schemas/app/v1/field.json" }>, StandIn<typeof ruleSchema>] }
  >,
  "fields" | "rules"
> & { fields: Field[]; rules?: Rule[] };

export type Party = FromSchema<typeof partySchema>;
export type Effect = FromSchema<typeof effectSchema, { references: [typeof partySchema] }>;
export type StateMachine = FromSchema<
  typeof stateMachineSchema,
  { references: [typeof effectSchema, typeof partySchema] }
>;
export type Approval = FromSchema<typeof approvalSchema, { references: [typeof effectSchema, typeof partySchema] }>;
export type Workflow = StateMachine | Approval;
export type ApprovalStep = Approval["steps"][number];
export type Automation = FromSchema<typeof automationSchema, { references: [typeof effectSchema, typeof partySchema] }>;
export type Computation = FromSchema<typeof computationSchema>;
export type Permission = FromSchema<typeof permissionSchema>;
export type Query = FromSchema<typeof querySchema>;
export type Widget = FromSchema<typeof widgetSchema, { references: [typeof querySchema] }>;

type LayoutStandIn = { readonly $id: "https://plinth.dev/schemas/app/v1/layoutNode.json" };
type NodeOf<S> = FromSchema<S & {}, { references: [LayoutStandIn, typeof widgetSchema, typeof querySchema] }>;
export type FieldNode = NodeOf<typeof fieldNodeSchema>;
export type TextNode = NodeOf<typeof textNodeSchema>;
export type RelatedListNode = NodeOf<typeof relatedListNodeSchema>;
export type WidgetNode = NodeOf<typeof widgetNodeSchema>;
export type SectionNode = Omit<NodeOf<typeof sectionNodeSchema>, "children"> & { children: LayoutNode[] };
export type ColumnsNode = Omit<NodeOf<typeof columnsNodeSchema>, "children"> & { children: LayoutNode[] };
type TabOf = NodeOf<typeof tabsNodeSchema>["tabs"][number];
export type Tab = Omit<TabOf, "children"> & { children: LayoutNode[] };
export type TabsNode = Omit<NodeOf<typeof tabsNodeSchema>, "tabs"> & { tabs: Tab[] };
export type ContainerNode = SectionNode | ColumnsNode | TabsNode;
export type LeafNode = FieldNode | TextNode | RelatedListNode | WidgetNode;
export type LayoutNode = ContainerNode | LeafNode;

type PageOf<S> = FromSchema<S & {}, { references: [LayoutStandIn, typeof widgetSchema, typeof querySchema] }>;
export type FormPage = Omit<PageOf<typeof formPageSchema>, "layout"> & { layout: LayoutNode };
export type DetailPage = Omit<PageOf<typeof detailPageSchema>, "layout"> & { layout: LayoutNode };
export type TablePage = PageOf<typeof tablePageSchema>;
export type KanbanPage = PageOf<typeof kanbanPageSchema>;
export type DashboardPage = PageOf<typeof dashboardPageSchema>;
export type InboxPage = PageOf<typeof inboxPageSchema>;
export type Page = FormPage | DetailPage | TablePage | KanbanPage | DashboardPage | InboxPage;

export type Navigation = FromSchema<typeof navigationSchema>;
export type Extends = FromSchema<typeof extendsSchema>;
export type Overlay = FromSchema<typeof overlaySchema>;
export type OverlayOperation = Overlay[number];
export type Locks = FromSchema<typeof locksSchema>;
export type Scenario = FromSchema<typeof scenarioSchema>;
export type Role = FromSchema<typeof roleSchema>;
export type Settings = FromSchema<typeof settingsSchema>;

type AppTop = FromSchema<
  typeof appSchema,
  {
    references: [
      StandIn<typeof extendsSchema>,
      StandIn<typeof overlaySchema>,
      StandIn<typeof locksSchema>,
      StandIn<typeof entitySchema>,
      StandIn<{ $id: "https://plinth.dev/schemas/app/v1/workflow.json" }>,
      StandIn<typeof automationSchema>,
      StandIn<typeof computationSchema>,
      StandIn<typeof permissionSchema>,
      StandIn<{ $id: "https://plinth.dev/schemas/app/v1/page.json" }>,
      StandIn<typeof navigationSchema>,
      StandIn<typeof scenarioSchema>,
    ];
  }
>;

/** An app document, version 1. */
export type App = Omit<
  AppTop,
  | "extends"
  | "overlay"
  | "locks"
  | "entities"
  | "workflows"
  | "automations"
  | "computations"
  | "permissions"
  | "pages"
  | "navigation"
  | "tests"
> & {
  extends?: Extends;
  overlay?: Overlay;
  locks?: Locks;
  entities?: Entity[];
  workflows?: Workflow[];
  automations?: Automation[];
  computations?: Computation[];
  permissions?: Permission[];
  pages?: Page[];
  navigation?: Navigation;
  tests?: Scenario[];
};
