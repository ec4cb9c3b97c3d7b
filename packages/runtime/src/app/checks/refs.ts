import { closestMatch } from "../../expr/suggest.js";
import type { Field, FieldKindName } from "../../fields/index.js";
import { schemaIssue } from "../messages.js";
import type { EntityModel } from "../model.js";
import type { CheckContext } from "./context.js";
import type { RefHow, SchemaRef } from "./schemaRef.js";

function hint(id: string, candidates: Iterable<string>): { en: string; zh: string } {
  const best = closestMatch(id, candidates);
  return best ? { en: ` Did you mean '${best}'?`, zh: `您是不是想用“${best}”？` } : { en: "", zh: "" };
}

/** Report an unknown id, with a "did you mean" when a close one exists. */
export function unknown(
  ctx: CheckContext,
  what: { en: string; zh: string },
  id: string,
  path: string,
  candidates: Iterable<string>,
): void {
  const h = hint(id, candidates);
  const issue = schemaIssue("schema.unknownReference", path, { what: what.en, id, hint: h.en });
  const zh = schemaIssue("schema.unknownReference", path, { what: what.zh, id, hint: h.zh });
  ctx.issues.push({ ...issue, message: { en: issue.message.en, "zh-CN": zh.message["zh-CN"] } });
}

const words = {
  entity: { en: "entity", zh: "实体" },
  field: { en: "field", zh: "字段" },
  role: { en: "role", zh: "角色" },
  page: { en: "page", zh: "页面" },
  workflow: { en: "workflow", zh: "工作流" },
  transition: { en: "transition", zh: "流转" },
  state: { en: "state", zh: "状态" },
} as const;

function record(ctx: CheckContext, ref: SchemaRef): void {
  ctx.refs?.push(ref);
}

export function refEntity(ctx: CheckContext, id: string, path: string): EntityModel | undefined {
  const entity = ctx.model.entities.get(id);
  if (!entity) unknown(ctx, words.entity, id, path, ctx.model.entities.keys());
  else record(ctx, { kind: "entity", id, path, how: { kind: "id" } });
  return entity;
}

/** Resolve a field of an entity, reporting an unknown one and recording a known one. */
function lookupField(ctx: CheckContext, entity: EntityModel, id: string, path: string, how: RefHow): Field | undefined {
  const field = entity.fields.get(id)?.value;
  if (!field) {
    unknown(
      ctx,
      { en: `field of '${entity.value.id}'`, zh: `“${entity.value.id}”的字段` },
      id,
      path,
      entity.fields.keys(),
    );
    return undefined;
  }
  record(ctx, { kind: "field", entity: entity.value.id, id, path, how });
  return field;
}

/** A field named by an object key (`values: { discount: "…" }`): renaming it renames the key. */
export function refFieldKey(ctx: CheckContext, entity: EntityModel | undefined, id: string, path: string): void {
  if (entity) lookupField(ctx, entity, id, path, { kind: "key" });
}

/** Resolve a field of an entity; with `kinds`, also require one of those kinds. */
export function refField(
  ctx: CheckContext,
  entity: EntityModel | undefined,
  id: string,
  path: string,
  kinds?: readonly FieldKindName[],
  expected?: string,
): Field | undefined {
  if (!entity) return undefined;
  const field = lookupField(ctx, entity, id, path, { kind: "id" });
  if (!field) return undefined;
  if (kinds && !kinds.includes(field.kind)) {
    ctx.issues.push(
      schemaIssue("schema.wrongFieldKind", path, {
        field: id,
        actual: field.kind,
        expected: expected ?? kinds.join(" / "),
      }),
    );
    return undefined;
  }
  return field;
}

export function refFields(
  ctx: CheckContext,
  entity: EntityModel | undefined,
  ids: readonly string[] | undefined,
  path: string,
): void {
  ids?.forEach((id, i) => refField(ctx, entity, id, `${path}/${i}`));
}

/**
 * Resolve a dotted field path (`account.region`) from an entity through relation fields.
 * Returns the last field and its entity.
 */
export function refFieldPath(
  ctx: CheckContext,
  entity: EntityModel | undefined,
  dotted: string,
  path: string,
): { field: Field; entity: EntityModel } | undefined {
  let current = entity;
  const segments = dotted.split(".");
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (!current) return undefined;
    const field = lookupField(ctx, current, segment, path, { kind: "segment", index: i });
    if (!field) return undefined;
    if (i === segments.length - 1) return { field, entity: current };
    if (field.kind !== "relation") {
      ctx.issues.push(
        schemaIssue("schema.wrongFieldKind", path, { field: segment, actual: field.kind, expected: "relation" }),
      );
      return undefined;
    }
    current = ctx.model.entities.get(field.target);
  }
  return undefined;
}

export function refRole(ctx: CheckContext, id: string, path: string): void {
  if (id === "*") return;
  if (ctx.model.roles.has(id)) record(ctx, { kind: "role", id, path, how: { kind: "id" } });
  else unknown(ctx, words.role, id, path, ctx.model.roles.keys());
}

export function refRoles(ctx: CheckContext, ids: readonly string[] | undefined, path: string): void {
  ids?.forEach((id, i) => refRole(ctx, id, `${path}/${i}`));
}

export function refPage(ctx: CheckContext, id: string | undefined, path: string): void {
  if (id === undefined) return;
  if (ctx.model.pages.has(id)) record(ctx, { kind: "page", id, path, how: { kind: "id" } });
  else unknown(ctx, words.page, id, path, ctx.model.pages.keys());
}

export function refWorkflow(ctx: CheckContext, id: string, path: string) {
  const wf = ctx.model.workflows.get(id);
  if (!wf) unknown(ctx, words.workflow, id, path, ctx.model.workflows.keys());
  else record(ctx, { kind: "workflow", id, path, how: { kind: "id" } });
  return wf?.value;
}

export { words };
