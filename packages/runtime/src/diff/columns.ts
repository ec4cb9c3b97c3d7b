/**
 * How an app's entities map onto tables: the stored columns of each entity and the indexes
 * it needs. Dialect-neutral: storage implementations map `ColumnType` to their own SQL types.
 * Pure, so that the server's migration planner and `diffApps` read the same mapping.
 */
import { collectFormulaSites } from "../app/checks/formulaSites.js";
import type { Node as FormulaNode } from "../expr/ast.js";
import { childrenOf, parseFormula } from "../expr/parser.js";
import type { ColumnType } from "../fields/fieldKind.js";
import { fieldKindOf } from "../fields/index.js";
import type { App, Entity } from "../schema/types.js";

/** One stored column of an entity's table. */
export interface ColumnSpec {
  readonly field: string;
  readonly type: ColumnType;
}

/** One index of an entity's table. */
export interface IndexSpec {
  /** Stable name derived from the entity and the fields. */
  readonly key: string;
  readonly fields: readonly string[];
  readonly unique: boolean;
}

/** The stored columns of an entity (rollups are computed on read and have none). */
export function entityColumns(entity: Entity): ColumnSpec[] {
  const out: ColumnSpec[] = [];
  for (const field of entity.fields) {
    const type = fieldKindOf(field).column(field as never);
    if (type) out.push({ field: field.id, type });
  }
  return out;
}

const indexedKinds = new Set(["relation", "user", "select", "date", "datetime"]);

/** Every field path a formula reads. */
export function fieldPaths(root: FormulaNode): Array<readonly string[]> {
  const out: Array<readonly string[]> = [];
  const stack: FormulaNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as FormulaNode;
    if (node.type === "field") out.push(node.path);
    stack.push(...childrenOf(node));
  }
  return out;
}

/** Field ids (first path segments) read by the row scopes and dashboards of an entity. */
function fieldsUsedByScopesAndDashboards(app: App, entity: string): Set<string> {
  const used = new Set<string>();
  for (const site of collectFormulaSites(app)) {
    if (site.entity !== entity || !site.path.startsWith("/permissions/")) continue;
    const parsed = parseFormula(site.text);
    if (parsed.ast) for (const path of fieldPaths(parsed.ast)) used.add(path[0] as string);
  }
  for (const page of app.pages ?? []) {
    if (page.kind !== "dashboard") continue;
    for (const widget of page.widgets) {
      if (widget.query.entity !== entity) continue;
      for (const g of widget.query.groupBy ?? []) used.add(g.field.split(".")[0] as string);
    }
  }
  return used;
}

/**
 * The indexes an entity's table should have: relation, user, select and date columns
 * (lists filter and sort on them), fields marked `indexed` or `unique`, the entity's declared
 * composite indexes, and every column a permission row scope or a dashboard groups by.
 */
export function entityIndexes(app: App, entity: Entity): IndexSpec[] {
  const stored = new Set(entityColumns(entity).map((c) => c.field));
  const used = fieldsUsedByScopesAndDashboards(app, entity.id);
  const specs = new Map<string, IndexSpec>();
  const add = (fields: readonly string[], unique: boolean) => {
    if (!fields.every((f) => stored.has(f) || f === "createdAt" || f === "updatedAt")) return;
    const key = `${unique ? "u" : "i"}:${fields.join(",")}`;
    if (!specs.has(key)) specs.set(key, { key, fields, unique });
  };
  for (const field of entity.fields) {
    if (field.unique) add([field.id], true);
    if (indexedKinds.has(field.kind) || field.indexed || used.has(field.id)) add([field.id], false);
  }
  for (const index of entity.indexes ?? []) add(index.fields, index.unique ?? false);
  return [...specs.values()];
}
