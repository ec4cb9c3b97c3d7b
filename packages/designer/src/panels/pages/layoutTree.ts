import type { App, Entity, LayoutNode, Page } from "@plinth/runtime";

/** A page the pages panel edits (dashboards have their own panel). */
export type EditablePage = Exclude<Page, { kind: "dashboard" }>;
export type LayoutPage = Extract<Page, { kind: "form" | "detail" }>;

/** Where a list of child nodes lives: its JSON Pointer and the container (and tab) holding it. */
export interface ChildList {
  readonly path: string;
  /** The pointer of the node owning the list (a section, columns or tabs node). */
  readonly owner: string;
  /** The tab's index when the owner is a tabs node. */
  readonly tab?: number;
  readonly nodes: readonly LayoutNode[];
}

export function isLayoutPage(page: Page | undefined): page is LayoutPage {
  return page?.kind === "form" || page?.kind === "detail";
}

export function isContainer(node: LayoutNode): node is Extract<LayoutNode, { kind: "section" | "columns" | "tabs" }> {
  return node.kind === "section" || node.kind === "columns" || node.kind === "tabs";
}

/** The child lists directly inside `node` (a tabs node has one per tab). */
export function childListsOf(node: LayoutNode, pointer: string): ChildList[] {
  if (node.kind === "section" || node.kind === "columns")
    return [{ path: `${pointer}/children`, owner: pointer, nodes: node.children }];
  if (node.kind === "tabs")
    return node.tabs.map((tab, i) => ({
      path: `${pointer}/tabs/${i}/children`,
      owner: pointer,
      tab: i,
      nodes: tab.children,
    }));
  return [];
}

/** Every child list of the tree under `node`, depth first (the "move to" choices). */
export function allChildLists(node: LayoutNode, pointer: string): ChildList[] {
  return childListsOf(node, pointer).flatMap((list) => [
    list,
    ...list.nodes.flatMap((child, i) => allChildLists(child, `${list.path}/${i}`)),
  ]);
}

/** The array and index of a node pointer that sits in a child list (`.../children/3`). */
export function placeOf(pointer: string): { readonly array: string; readonly index: number } | undefined {
  const cut = pointer.lastIndexOf("/");
  const index = Number(pointer.slice(cut + 1));
  const array = pointer.slice(0, cut);
  if (cut < 0 || !Number.isInteger(index) || !array.endsWith("/children")) return undefined;
  return { array, index };
}

/** The page index a pointer is under (`/pages/3/...`), if any. */
export function pageIndexOf(pointer: string | undefined): number | undefined {
  const match = /^\/pages\/(\d+)(?:\/|$)/.exec(pointer ?? "");
  return match ? Number(match[1]) : undefined;
}

/**
 * The layout node a pointer is in (an issue's path may point inside a node: its visibleWhen, a
 * tab's label); undefined when the pointer is not in the page's layout.
 */
export function nodePointerOf(pointer: string | undefined, pageIndex: number): string | undefined {
  const root = `/pages/${pageIndex}/layout`;
  if (!pointer || !(pointer === root || pointer.startsWith(`${root}/`))) return undefined;
  const rest = pointer.slice(root.length).split("/").slice(1);
  let at = root;
  for (let i = 0; i < rest.length; ) {
    if (rest[i] === "children" && /^\d+$/.test(rest[i + 1] ?? "")) {
      at = `${at}/children/${rest[i + 1]}`;
      i += 2;
    } else if (rest[i] === "tabs" && rest[i + 2] === "children" && /^\d+$/.test(rest[i + 3] ?? "")) {
      at = `${at}/tabs/${rest[i + 1]}/children/${rest[i + 3]}`;
      i += 4;
    } else break;
  }
  return at;
}

/** The field ids a layout already shows (top-level fields of the page's entity). */
export function fieldsOnLayout(node: LayoutNode, into: Set<string> = new Set()): Set<string> {
  if (node.kind === "field") into.add(node.field);
  for (const list of childListsOf(node, "")) for (const child of list.nodes) fieldsOnLayout(child, into);
  return into;
}

/** The ids of the dashboard widgets a layout embeds (a new one takes a free id). */
export function widgetIdsOnLayout(node: LayoutNode, into: Set<string> = new Set()): Set<string> {
  if (node.kind === "widget") into.add(node.widget.id);
  for (const list of childListsOf(node, "")) for (const child of list.nodes) widgetIdsOnLayout(child, into);
  return into;
}

/** How many layout nodes a tree holds (the node itself included). */
export function countNodes(node: LayoutNode): number {
  return 1 + childListsOf(node, "").reduce((sum, list) => sum + list.nodes.reduce((s, c) => s + countNodes(c), 0), 0);
}

export function entityOf(app: Pick<App, "entities">, id: string | undefined): Entity | undefined {
  return (app.entities ?? []).find((e) => e.id === id);
}
