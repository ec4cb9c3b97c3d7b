import { type App, type Label, type Locale, labelText } from "@plinth/runtime";

/** One difference between two app schemas, in the designer's words. */
export interface SchemaChange {
  readonly change: "added" | "removed" | "changed";
  readonly what: "app" | "entity" | "field" | "page" | "workflow" | "automation" | "role" | "permission" | "navigation";
  /** The thing's id (`entity.field` for a field). */
  readonly id: string;
  /** For a change: which properties differ. */
  readonly properties?: readonly string[];
}

interface Identified {
  readonly id: string;
  readonly [key: string]: unknown;
}

const json = (v: unknown) => JSON.stringify(v ?? null);

function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>, skip: readonly string[] = []): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !skip.includes(k) && json(a[k]) !== json(b[k])).sort();
}

function byId<T extends Identified>(
  what: SchemaChange["what"],
  before: readonly T[] | undefined,
  after: readonly T[] | undefined,
  out: SchemaChange[],
  inner?: (a: T, b: T) => void,
  prefix = "",
): void {
  const old = new Map((before ?? []).map((x) => [x.id, x]));
  const now = new Map((after ?? []).map((x) => [x.id, x]));
  for (const [id, item] of now) {
    const was = old.get(id);
    if (!was) out.push({ change: "added", what, id: prefix + id });
    else {
      const properties = changedKeys(was, item, inner ? ["fields"] : []);
      if (properties.length > 0) out.push({ change: "changed", what, id: prefix + id, properties });
      inner?.(was, item);
    }
  }
  for (const id of old.keys()) if (!now.has(id)) out.push({ change: "removed", what, id: prefix + id });
}

/**
 * The structural difference from `before` to `after`: entities and their fields, pages,
 * workflows, automations and roles added, removed or changed (with the properties that differ),
 * permissions and navigation as a whole, and the app's own properties.
 */
export function schemaDiff(before: App, after: App): SchemaChange[] {
  const out: SchemaChange[] = [];
  const top = changedKeys(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, [
    "entities",
    "pages",
    "workflows",
    "automations",
    "roles",
    "permissions",
    "navigation",
  ]);
  if (top.length > 0) out.push({ change: "changed", what: "app", id: after.id, properties: top });
  const entities = (a: App) => a.entities as unknown as Identified[] | undefined;
  byId("entity", entities(before), entities(after), out, (a, b) =>
    byId(
      "field",
      a.fields as Identified[] | undefined,
      b.fields as Identified[] | undefined,
      out,
      undefined,
      `${b.id}.`,
    ),
  );
  byId("page", before.pages as unknown as Identified[], after.pages as unknown as Identified[], out);
  byId("workflow", before.workflows as unknown as Identified[], after.workflows as unknown as Identified[], out);
  byId("automation", before.automations as unknown as Identified[], after.automations as unknown as Identified[], out);
  byId("role", before.roles as unknown as Identified[], after.roles as unknown as Identified[], out);
  if (json(before.permissions) !== json(after.permissions))
    out.push({ change: "changed", what: "permission", id: "permissions" });
  if (json(before.navigation) !== json(after.navigation))
    out.push({ change: "changed", what: "navigation", id: "navigation" });
  return out;
}

const WHAT: Record<SchemaChange["what"], { en: string; zh: string }> = {
  app: { en: "App settings", zh: "应用设置" },
  entity: { en: "Entity", zh: "实体" },
  field: { en: "Field", zh: "字段" },
  page: { en: "Page", zh: "页面" },
  workflow: { en: "Workflow", zh: "工作流" },
  automation: { en: "Automation", zh: "自动化" },
  role: { en: "Role", zh: "角色" },
  permission: { en: "Permissions", zh: "权限" },
  navigation: { en: "Navigation", zh: "导航" },
};

/** A change in words: "Field opportunity.amount added", "Page deals changed: columns, filter". */
export function changeText(change: SchemaChange, locale: Locale): string {
  const what = WHAT[change.what];
  const single = change.what === "permission" || change.what === "navigation";
  if (locale === "zh-CN") {
    const verb = { added: "已添加", removed: "已删除", changed: "已修改" }[change.change];
    const props = change.properties?.length ? `：${change.properties.join("、")}` : "";
    return `${what.zh}${single ? "" : ` ${change.id}`} ${verb}${props}`;
  }
  const verb = change.change;
  const props = change.properties?.length ? `: ${change.properties.join(", ")}` : "";
  return `${what.en}${single ? "" : ` ${change.id}`} ${verb}${props}`;
}

/** The app's label for headings. */
export const appName = (app: App, locale: Locale): string => labelText(app.label as Label | undefined, locale, app.id);
