import type { EntityAccess } from "@plinth/runtime";
import type { PublishedApp } from "../apps/published.js";
import { httpError } from "../http/errors.js";
import type { Condition } from "../storage/types.js";
import type { Actor } from "./userContext.js";

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

/** The access decision for an action; platform admins may do everything. */
export function accessFor(published: PublishedApp, actor: Actor, entity: string, action: string): EntityAccess {
  if (!published.stored.schema.entities?.some((e) => e.id === entity)) {
    throw httpError(404, "http.notFound", { what: "entity", whatZh: "实体", id: entity });
  }
  return actor.isAdmin ? everything : published.policy.entityAccess(actor.access, entity, action);
}

/** Like {@link accessFor}, but a denied action is a 403. */
export function requireAccess(published: PublishedApp, actor: Actor, entity: string, action: string): EntityAccess {
  const access = accessFor(published, actor, entity, action);
  if (!access.allowed) {
    throw httpError(403, "http.forbidden", {
      action: `${action} ${entity}`,
      actionZh: `${actionWords[action] ?? action}${entity}`,
    });
  }
  return access;
}

/** The row filter of an access decision as a storage condition. */
export function rowCondition(access: EntityAccess): Condition {
  switch (access.rowFilter.kind) {
    case "all":
      return { kind: "all" };
    case "none":
      return { kind: "none" };
    case "any":
      return {
        kind: "or",
        items: access.rowFilter.formulas.map((f) => ({ kind: "formula" as const, typed: f.typed })),
      };
  }
}

/** A record the actor may read, or a 404 (a record outside their rows looks like no record). */
export async function readableRecord(
  tx: import("../storage/types.js").ReadTx,
  published: PublishedApp,
  actor: Actor,
  entity: string,
  id: string,
): Promise<import("../storage/types.js").Row> {
  const access = requireAccess(published, actor, entity, "read");
  const record = await tx.records(published.stored).get(entity, id, rowCondition(access), actor.env);
  if (!record) throw httpError(404, "http.notFound", { what: "record", whatZh: "记录", id });
  return record;
}
