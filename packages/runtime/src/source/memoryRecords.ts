import { formatAutonumber } from "../fields/autonumber.js";
import type { Issue } from "../issues/issue.js";
import { hasErrors } from "../issues/issue.js";
import { lockedFields } from "../workflow/approvalQueries.js";
import { managedFieldChange, managedFieldOnCreate } from "../workflow/managedFields.js";
import { forbidden, invalidError, notFound, sourceError } from "./errors.js";
import { accessFor, inScope, present, requireAccess, scopedRow } from "./memoryAccess.js";
import { envFor, type MemoryActor, type MemoryContext, materialize, rowsOf } from "./memoryStore.js";
import type { SourceRecord } from "./types.js";

const systemKeys = ["id", "version", "createdAt", "updatedAt", "createdBy", "updatedBy"];

function unwritable(issues: readonly Issue[]): never {
  const first = issues[0];
  if (first?.code === "access.denied") throw forbidden("write this record", "修改该记录");
  throw sourceError(
    403,
    "http.fieldForbidden",
    { field: first?.path.slice(1) },
    { path: first?.path ?? "", details: { issues } },
  );
}

/** Validate with the core, relation paths read from memory: 422 with the issues when invalid. */
function validate(
  ctx: MemoryContext,
  actor: MemoryActor,
  entity: string,
  input: Readonly<Record<string, unknown>>,
  old: SourceRecord | undefined,
): SourceRecord {
  const env = envFor(ctx, actor, entity);
  const result = ctx.runtime.validateRecord(ctx.app, entity, input, {
    mode: old ? "update" : "create",
    old,
    today: actor.today,
    now: actor.now,
    user: env.user,
    lookup: env.lookup,
  });
  if (hasErrors(result.issues)) throw invalidError(result.issues);
  // Rollups are computed on read, never stored.
  const value: SourceRecord = { ...result.value };
  for (const [id, field] of ctx.model.entities.get(entity)?.fields ?? []) {
    if (field.value.kind === "rollup") delete value[id];
  }
  return value;
}

/** Unique fields, which the server's SQLite enforces with a constraint (409 http.exists). */
function assertUnique(ctx: MemoryContext, entity: string, value: SourceRecord, id: string | undefined): void {
  for (const [fieldId, field] of ctx.model.entities.get(entity)?.fields ?? []) {
    if (!("unique" in field.value) || field.value.unique !== true) continue;
    const v = value[fieldId];
    if (v === null || v === undefined) continue;
    for (const row of rowsOf(ctx, entity).values()) {
      if (row.id !== id && row[fieldId] === v) {
        throw sourceError(
          409,
          "http.exists",
          { what: "A record with this value", whatZh: "具有该值的记录", id: fieldId },
          { path: `/${fieldId}` },
        );
      }
    }
  }
}

/** The next autonumber: continues after the highest number among the rows the source started with. */
function nextNumber(ctx: MemoryContext, entity: string, field: string, start: number): number {
  const key = `${entity}.${field}`;
  let current = ctx.state.counters.get(key);
  if (current === undefined) {
    current = start - 1;
    for (const row of rowsOf(ctx, entity).values()) {
      const n = Number(/(\d+)$/.exec(String(row[field] ?? ""))?.[1] ?? Number.NaN);
      if (Number.isFinite(n) && n > current) current = n;
    }
  }
  ctx.state.counters.set(key, current + 1);
  return current + 1;
}

/** The approval lock (server: workflow plugin's beforeChange hook) for a change by a user. */
function assertUnlocked(
  ctx: MemoryContext,
  actor: MemoryActor,
  entity: string,
  id: string,
  fields: readonly string[] | "delete",
): void {
  const open = ctx.state.approvals.find((a) => a.entity === entity && a.recordId === id && a.status === "pending");
  if (!open) return;
  const lock = lockedFields(open.state, open.state.definition, actor.id);
  if (lock.kind === "unlocked") return;
  if (fields === "delete" || fields.some((f) => !lock.editable.includes(f))) {
    throw sourceError(409, "workflow.locked", {
      fields: lock.editable.length > 0 ? lock.editable.join(", ") : "nothing",
    });
  }
}

/** 409 for any change to a record of an append-only entity, as the server answers. */
function refuseAppendOnly(ctx: MemoryContext, entity: string): void {
  if (ctx.app.entities?.find((e) => e.id === entity)?.appendOnly === true)
    throw sourceError(409, "http.appendOnly", { entity });
}

function conflict(ctx: MemoryContext, actor: MemoryActor, entity: string, current: SourceRecord) {
  return sourceError(
    409,
    "http.conflict",
    { current: current.version },
    { details: { record: present(ctx, actor, entity, current) } },
  );
}

/** Create: access (action, fields, row scope on the new record), validation, unique values, autonumbers. */
export function createRow(
  ctx: MemoryContext,
  actor: MemoryActor,
  entity: string,
  input: Readonly<Record<string, unknown>>,
): SourceRecord {
  requireAccess(ctx, actor, entity, "create");
  if (!actor.isAdmin) {
    const issues = ctx.policy.checkWrite(actor.access, entity, "create", input);
    if (issues.length > 0) unwritable(issues);
  }
  const value = validate(ctx, actor, entity, input, undefined);
  if (!actor.isAdmin) {
    const managed = managedFieldOnCreate(ctx.app, entity, value);
    if (managed) throw sourceError(422, "workflow.managedFieldOnCreate", { ...managed }, { path: `/${managed.field}` });
  }
  const system = { createdBy: actor.id, updatedBy: actor.id, createdAt: actor.now, updatedAt: actor.now };
  const env = envFor(ctx, actor, entity);
  if (
    !actor.isAdmin &&
    !inScope(
      ctx,
      actor,
      entity,
      accessFor(ctx, actor, entity, "create"),
      materialize(ctx, entity, { ...value, ...system }, env),
    )
  ) {
    throw forbidden("create this record (outside your scope)", "创建该记录（超出您的范围）");
  }
  assertUnique(ctx, entity, value, undefined);
  for (const [fieldId, { value: field }] of ctx.model.entities.get(entity)?.fields ?? []) {
    if (field.kind === "autonumber")
      value[fieldId] = formatAutonumber(field, nextNumber(ctx, entity, fieldId, field.start ?? 1));
  }
  const row: SourceRecord = { ...value, id: ctx.newId(), version: 1, ...system };
  rowsOf(ctx, entity).set(String(row.id), row);
  return row;
}

export interface UpdateOptions {
  /** The workflow engine applying a transition or an effect: no access checks, still validated. */
  readonly system?: boolean;
}

/** Update at an expected version: 404 outside the actor's rows, 403 without the right, 409 when stale. */
export function updateRow(
  ctx: MemoryContext,
  actor: MemoryActor,
  entity: string,
  id: string,
  expected: number,
  input: Readonly<Record<string, unknown>>,
  options: UpdateOptions = {},
): SourceRecord {
  refuseAppendOnly(ctx, entity);
  const system = options.system === true || actor.isAdmin;
  if (!options.system) requireAccess(ctx, actor, entity, "update");
  const current = options.system
    ? rowsOf(ctx, entity).get(id)
    : scopedRow(ctx, actor, entity, id, accessFor(ctx, actor, entity, "read"));
  if (!current) throw notFound("record", "记录", id);
  const env = envFor(ctx, actor, entity);
  if (!system) {
    if (!inScope(ctx, actor, entity, accessFor(ctx, actor, entity, "update"), materialize(ctx, entity, current, env)))
      throw forbidden("update this record", "修改该记录");
    const issues = ctx.policy.checkWrite(actor.access, entity, "update", input);
    if (issues.length > 0) unwritable(issues);
  }
  if (Number(current.version) !== expected) throw conflict(ctx, actor, entity, current);
  if (!options.system) {
    assertUnlocked(ctx, actor, entity, id, Object.keys(input));
    const managed = managedFieldChange(ctx.app, entity, current, input);
    if (managed) throw sourceError(422, "workflow.managedField", { ...managed }, { path: `/${managed.field}` });
  }
  const value = validate(ctx, actor, entity, input, current);
  if (
    !system &&
    !inScope(ctx, actor, entity, accessFor(ctx, actor, entity, "update"), materialize(ctx, entity, value, env))
  ) {
    throw forbidden("move this record outside your scope", "将该记录移出您的范围");
  }
  assertUnique(ctx, entity, value, id);
  const next: SourceRecord = { ...current, ...value, updatedAt: actor.now, updatedBy: actor.id };
  for (const key of systemKeys) if (key !== "updatedAt" && key !== "updatedBy") next[key] = current[key];
  next.version = Number(current.version) + 1;
  rowsOf(ctx, entity).set(id, next);
  return next;
}

/** Delete a record the actor may delete; optionally at an expected version. */
export function removeRow(
  ctx: MemoryContext,
  actor: MemoryActor,
  entity: string,
  id: string,
  expected: number | undefined,
): void {
  refuseAppendOnly(ctx, entity);
  const access = requireAccess(ctx, actor, entity, "delete");
  const current = scopedRow(ctx, actor, entity, id, accessFor(ctx, actor, entity, "read"));
  if (
    !actor.isAdmin &&
    !inScope(ctx, actor, entity, access, materialize(ctx, entity, current, envFor(ctx, actor, entity)))
  )
    throw forbidden("delete this record", "删除该记录");
  if (expected !== undefined && Number(current.version) !== expected) throw conflict(ctx, actor, entity, current);
  assertUnlocked(ctx, actor, entity, id, "delete");
  rowsOf(ctx, entity).delete(id);
}
