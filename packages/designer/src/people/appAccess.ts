import { type App, childrenOf, type FormulaNode, type Label, parseFormula } from "@plinth/runtime";
import type { AttributeValue } from "./peopleApi.js";

/** A role an app's schema declares, with its label. */
export interface AppRole {
  readonly id: string;
  readonly label?: Label;
}

/** A user attribute an app reads: declared in `settings.userAttributes`, or named in a row scope. */
export interface AppAttribute {
  readonly id: string;
  readonly kind?: "text" | "number" | "boolean";
  readonly label?: Label;
  /** JSON Pointers of the row scopes that read it as `$user.<id>`. */
  readonly usedBy: readonly string[];
}

export interface AppAccess {
  readonly roles: readonly AppRole[];
  readonly attributes: readonly AppAttribute[];
}

/** `$user.id` and `$user.roles` come from the user and their roles, not from attributes. */
const notAttributes = new Set(["id", "roles"]);

function userAttributesIn(node: FormulaNode, out: Set<string>): void {
  if (node.type === "variable" && node.path[0] === "user" && node.path.length === 2) {
    const id = node.path[1];
    if (id !== undefined && !notAttributes.has(id)) out.add(id);
  }
  for (const child of childrenOf(node)) userAttributesIn(child, out);
}

/**
 * What the People screen offers for one app: the roles its schema declares and the user attributes
 * its permissions read. Pass the app's published schema and its draft (the server accepts a role
 * either declares); the first to declare a role or attribute gives its label. Row scopes are read
 * with the core's formula parser; one that does not parse is skipped (the designer's problem list
 * reports it).
 */
export function appAccess(schemas: readonly (App | undefined)[]): AppAccess {
  const roles = new Map<string, AppRole>();
  const attributes = new Map<string, { id: string; kind?: AppAttribute["kind"]; label?: Label; usedBy: string[] }>();
  const attribute = (id: string) => {
    let found = attributes.get(id);
    if (!found) {
      found = { id, usedBy: [] };
      attributes.set(id, found);
    }
    return found;
  };
  for (const app of schemas) {
    if (!app) continue;
    for (const role of app.roles ?? []) {
      if (!roles.has(role.id))
        roles.set(role.id, role.label === undefined ? { id: role.id } : { id: role.id, label: role.label });
    }
    for (const declared of app.settings?.userAttributes ?? []) {
      const found = attribute(declared.id);
      found.kind ??= declared.kind;
      if (declared.label !== undefined) found.label ??= declared.label;
    }
    app.permissions?.forEach((permission, i) => {
      if (permission.rowScope === undefined) return;
      const { ast } = parseFormula(permission.rowScope);
      if (!ast) return;
      const used = new Set<string>();
      userAttributesIn(ast, used);
      const path = `/permissions/${i}/rowScope`;
      for (const id of used) {
        const found = attribute(id);
        if (!found.usedBy.includes(path)) found.usedBy.push(path);
      }
    });
  }
  return { roles: [...roles.values()], attributes: [...attributes.values()] };
}

/**
 * The value to store for attribute text typed in the form: a number or a boolean when the app
 * declares that kind and the text reads as one, blank (`null`) for empty text, else the text.
 */
export function attributeValue(text: string, kind: AppAttribute["kind"]): AttributeValue {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (kind === "number" && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (kind === "boolean" && (trimmed === "true" || trimmed === "false")) return trimmed === "true";
  return text;
}

/** An attribute value as text in the form. */
export function attributeText(value: AttributeValue | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}
