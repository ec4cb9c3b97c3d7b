import type { EntityAccess } from "../access/access.types.js";
import { maskRecord } from "../access/mask.js";
import type { Formula } from "../expr/formula.js";
import { typedNodes } from "../expr/formula.js";
import { DataSourceError, forbidden, notFound } from "./errors.js";
import {
  envFor,
  fieldOf,
  formulaOf,
  type MemoryActor,
  type MemoryContext,
  materialize,
  rowsOf,
} from "./memoryStore.js";
import type { SourceRecord } from "./types.js";

const everything: EntityAccess = {
  allowed: true,
  rowFilter: { kind: "all" },
  hiddenFields: new Set(),
  readOnlyFields: new Set(),
};

const actionWords: Record<string, string> = {
  read: "查看",
  create: "创建",
  update: "修改",
  delete: "删除",
  export: "导出",
  import: "导入",
};

/** The access decision for an action (404 for an unknown entity); administrators may do everything. */
export function accessFor(ctx: MemoryContext, actor: MemoryActor, entity: string, action: string): EntityAccess {
  if (!ctx.model.entities.has(entity)) throw notFound("entity", "实体", entity);
  return actor.isAdmin ? everything : ctx.policy.entityAccess(actor.access, entity, action);
}

/** Like {@link accessFor}, but a denied action is a 403. */
export function requireAccess(ctx: MemoryContext, actor: MemoryActor, entity: string, action: string): EntityAccess {
  const access = accessFor(ctx, actor, entity, action);
  if (!access.allowed) forbiddenAction(action, entity);
  return access;
}

function forbiddenAction(action: string, entity: string): never {
  throw forbidden(`${action} ${entity}`, `${actionWords[action] ?? action}${entity}`);
}

/** Does the row (rollups computed) pass the action's row filter? */
export function inScope(
  ctx: MemoryContext,
  actor: MemoryActor,
  entity: string,
  access: EntityAccess,
  row: SourceRecord,
): boolean {
  switch (access.rowFilter.kind) {
    case "all":
      return true;
    case "none":
      return false;
    case "any": {
      const env = envFor(ctx, actor, entity);
      return access.rowFilter.formulas.some((f) => {
        const result = f.evaluate(row, env);
        return result.ok && result.value === true;
      });
    }
  }
}

/** A stored row within `access`'s rows (a row outside them looks like no row: 404). */
export function scopedRow(
  ctx: MemoryContext,
  actor: MemoryActor,
  entity: string,
  id: string,
  access: EntityAccess,
): SourceRecord {
  const row = rowsOf(ctx, entity).get(id);
  if (!row || !inScope(ctx, actor, entity, access, materialize(ctx, entity, row, envFor(ctx, actor, entity)))) {
    throw notFound("record", "记录", id);
  }
  return row;
}

/** A record the actor may read, or a 404. */
export function readableRow(ctx: MemoryContext, actor: MemoryActor, entity: string, id: string): SourceRecord {
  return scopedRow(ctx, actor, entity, id, requireAccess(ctx, actor, entity, "read"));
}

/** The record as the actor sees it: rollups computed, hidden fields removed. */
export function present(ctx: MemoryContext, actor: MemoryActor, entity: string, row: SourceRecord): SourceRecord {
  const full = materialize(ctx, entity, row, envFor(ctx, actor, entity));
  const hidden = accessFor(ctx, actor, entity, "read").hiddenFields;
  return hidden.size === 0 ? full : (maskRecord(full, hidden) as SourceRecord);
}

/** Refuse a field path through a field the actor may not read: 403 at `where`, as the server does. */
export function assertReadablePath(
  ctx: MemoryContext,
  actor: MemoryActor,
  entity: string,
  path: readonly string[],
  where: string,
): void {
  let current = entity;
  for (const segment of path) {
    const access = accessFor(ctx, actor, current, "read");
    if (!access.allowed || access.hiddenFields.has(segment)) {
      throw forbidden(`use the field '${segment}'`, `使用字段“${segment}”`, where);
    }
    const field = fieldOf(ctx, current, segment);
    if (field?.kind === "relation") current = field.target;
  }
}

/** A caller's filter formula: compiled (400 with the first issue's code at `where`) and readable. */
export function callerFilter(
  ctx: MemoryContext,
  actor: MemoryActor,
  entity: string,
  text: string,
  where: string,
): Formula {
  const compiled = formulaOf(ctx, entity, text);
  if (!compiled.ok) {
    const first = compiled.issues[0];
    throw new DataSourceError(
      400,
      first?.code ?? "http.badRequest",
      first?.message ?? { en: "bad filter", "zh-CN": "筛选条件无效" },
      where,
      { issues: compiled.issues },
    );
  }
  for (const node of typedNodes(compiled.formula.typed)) {
    if (node.type === "field") assertReadablePath(ctx, actor, entity, node.path, where);
  }
  return compiled.formula;
}
