import type { App, Label, Page } from "@plinth/runtime";

/** One menu entry: a page, or a group of pages (the schema allows one level of groups). */
export type NavEntry =
  | { readonly kind: "page"; readonly page: string; readonly label: Label | undefined }
  | { readonly kind: "group"; readonly id: string; readonly label: Label | undefined; readonly items: NavEntry[] };

/** The user's roles with the roles they inherit (`manager` inherits `rep`). */
export function effectiveRoles(app: App, roles: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const byId = new Map((app.roles ?? []).map((r) => [r.id, r] as const));
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const parent of byId.get(id)?.inherits ?? []) visit(parent);
  };
  for (const role of roles) visit(role);
  return seen;
}

function allowed(itemRoles: readonly string[] | undefined, roles: ReadonlySet<string> | undefined): boolean {
  if (!itemRoles || itemRoles.length === 0 || roles === undefined) return true;
  return itemRoles.some((r) => roles.has(r));
}

/**
 * The menu from the schema's `navigation` (pages the user's roles may see; labels from the item, else
 * the page). Without a `navigation`, every page in schema order. `roles` undefined = show all (admins).
 */
export function navigationEntries(app: App, roles: ReadonlySet<string> | undefined): NavEntry[] {
  const pages = new Map<string, Page>((app.pages ?? []).map((p) => [p.id, p] as const));
  const pageEntry = (item: { page: string; label?: Label; roles?: readonly string[] }): NavEntry | undefined => {
    const page = pages.get(item.page);
    if (!page || !allowed(item.roles, roles) || !allowed(page.roles, roles)) return undefined;
    return { kind: "page", page: page.id, label: item.label ?? page.label };
  };
  if (!app.navigation) {
    return [...pages.values()].map((p) => pageEntry({ page: p.id })).filter((e): e is NavEntry => e !== undefined);
  }
  const entries: NavEntry[] = [];
  for (const item of app.navigation) {
    if (item.kind === "page") {
      const entry = pageEntry(item);
      if (entry) entries.push(entry);
    } else {
      const items = item.items.map(pageEntry).filter((e): e is NavEntry => e !== undefined);
      if (items.length > 0) entries.push({ kind: "group", id: item.id, label: item.label, items });
    }
  }
  return entries;
}

/** The first page of the menu: where /apps/:appId lands. */
export function firstPage(entries: readonly NavEntry[]): string | undefined {
  for (const entry of entries) {
    if (entry.kind === "page") return entry.page;
    const inner = firstPage(entry.items);
    if (inner) return inner;
  }
  return undefined;
}
