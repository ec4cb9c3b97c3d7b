import {
  type App,
  compileFormulaText,
  createAppScope,
  FieldTypes,
  indexApp,
  type TypedNode,
  typedNodes,
} from "@plinth/runtime";
import type { PublishedApp } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import { HttpError, httpError } from "../http/errors.js";
import { type Condition, type RecordReader, SqlTranslationError } from "../storage/types.js";
import { accessFor } from "./access.js";
import type { Actor } from "./userContext.js";

/** Every field path a typed formula reads. */
export function pathsOf(typed: TypedNode): Array<readonly string[]> {
  return typedNodes(typed).flatMap((n) => (n.type === "field" ? [n.path] : []));
}

const scopes = new WeakMap<App, FieldTypes>();

/** Compile a filter formula from a request against an entity; problems are a 400 with the issues. */
export function compileFilter(
  ctx: ServerContext,
  published: PublishedApp,
  entity: string,
  text: string,
  where: string,
): TypedNode {
  const schema = published.stored.schema;
  const model = indexApp(schema);
  let types = scopes.get(schema);
  if (!types) {
    types = new FieldTypes(model, ctx.runtime.functions);
    scopes.set(schema, types);
  }
  const compiled = compileFormulaText(text, createAppScope(types, model, entity), ctx.runtime.functions, {
    expected: "boolean",
  });
  if (!compiled.ok) {
    const first = compiled.issues[0];
    throw new HttpError(
      400,
      first?.code ?? "http.badRequest",
      first?.message ?? { en: "bad filter", "zh-CN": "筛选条件无效" },
      where,
      {
        issues: compiled.issues,
      },
    );
  }
  return compiled.formula.typed;
}

/**
 * Refuse a field path the actor may not read (on this entity or on a related one it passes
 * through): hidden fields are unusable in filters, sorts, groupings and measures.
 */
export function assertReadablePath(
  published: PublishedApp,
  actor: Actor,
  entity: string,
  path: readonly string[],
  where: string,
): void {
  let current = entity;
  for (const segment of path) {
    const access = accessFor(published, actor, current, "read");
    if (!access.allowed || access.hiddenFields.has(segment)) {
      throw httpError(
        403,
        "http.forbidden",
        { action: `use the field '${segment}'`, actionZh: `使用字段“${segment}”` },
        { path: where },
      );
    }
    const field = published.stored.schema.entities?.find((e) => e.id === current)?.fields.find((f) => f.id === segment);
    if (field?.kind === "relation") current = field.target;
  }
}

export function assertReadableFormula(
  published: PublishedApp,
  actor: Actor,
  entity: string,
  typed: TypedNode,
  where: string,
): void {
  for (const path of pathsOf(typed)) assertReadablePath(published, actor, entity, path, where);
}

/**
 * Run a storage call whose condition holds a caller's formula (`where` names it): a formula
 * that type-checks but has no SQL form is the caller's 400 with the issues, not a 500.
 * Without a caller's formula (`where` undefined) the failure is the app's and stays an error.
 */
export async function withCallerFormula<T>(where: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (where === undefined || !(error instanceof SqlTranslationError)) throw error;
    const first = error.issues[0];
    throw new HttpError(
      400,
      first?.code ?? "http.badRequest",
      first?.message ?? { en: "bad filter", "zh-CN": "筛选条件无效" },
      where,
      { issues: error.issues },
    );
  }
}

/** AND of conditions, dropping the trivial ones. */
export function and(...items: Condition[]): Condition {
  const kept = items.filter((c) => c.kind !== "all");
  if (kept.some((c) => c.kind === "none")) return { kind: "none" };
  if (kept.length === 0) return { kind: "all" };
  return kept.length === 1 ? (kept[0] as Condition) : { kind: "and", items: kept };
}

/**
 * Values of relation paths (`account.region`) for the formulas of a record, fetched ahead
 * so the core can evaluate synchronously: key `account.region` → value.
 */
export async function prefetchPaths(
  published: PublishedApp,
  records: RecordReader,
  entity: string,
  record: Readonly<Record<string, unknown>>,
  paths: ReadonlyArray<readonly string[]>,
): Promise<Map<string, unknown>> {
  const values = new Map<string, unknown>();
  const entities = published.stored.schema.entities ?? [];
  for (const path of paths) {
    if (path.length < 2) continue;
    let current = entity;
    let value: unknown = record[path[0] as string];
    for (let i = 0; i < path.length - 1 && value !== null && value !== undefined; i++) {
      const field = entities.find((e) => e.id === current)?.fields.find((f) => f.id === path[i]);
      if (field?.kind !== "relation") {
        value = null;
        break;
      }
      current = field.target;
      const next = path[i + 1] as string;
      // A rollup has no column: read the related record, whose rollups are computed in SQL in this
      // transaction (so a guard such as `pool.available >= amount` sees the ledger as it is now).
      const target = entities.find((e) => e.id === current)?.fields.find((f) => f.id === next);
      value =
        target?.kind === "rollup"
          ? ((await records.get(current, String(value)))?.[next] ?? null)
          : await records.lookup(current, String(value), next);
    }
    values.set(path.join("."), value ?? null);
  }
  return values;
}
