import {
  type App,
  formatAutonumber,
  hasErrors,
  managedFieldOnCreate,
  maskRecord,
  parseFormula,
  type RecordContext,
} from "@plinth/runtime";
import type { PublishedApp } from "../apps/published.js";
import type { ServerContext, WriteEvent } from "../http/context.js";
import { type HttpError, httpError, invalid } from "../http/errors.js";
import { fieldPaths } from "../storage/columns.js";
import type { AuditEntry, Condition, Row, WriteTx } from "../storage/types.js";
import { workflowError } from "../workflow/messages.js";
import { accessFor, requireAccess, rowCondition } from "./access.js";
import { and, pathsOf, prefetchPaths } from "./formulas.js";
import type { Actor } from "./userContext.js";

const pathCache = new WeakMap<App, Map<string, Array<readonly string[]>>>();

/** The relation paths the entity's formulas (computed fields, rules, requiredWhen) read. */
function relationPaths(ctx: ServerContext, schema: App, entity: string): Array<readonly string[]> {
  let perApp = pathCache.get(schema);
  if (!perApp) {
    perApp = new Map();
    pathCache.set(schema, perApp);
  }
  const hit = perApp.get(entity);
  if (hit) return hit;
  const program = ctx.runtime.entityProgram(schema, entity);
  const formulas = program
    ? [
        ...program.computed.map((c) => c.formula),
        ...program.requiredWhen.map((r) => r.formula),
        ...program.rules.map((r) => r.invalidWhen),
      ]
    : [];
  // Row scopes are checked on the record being written too (create, and an update's new values).
  const scopes = (schema.permissions ?? []).flatMap((p) =>
    (p.entity === entity || p.entity === "*") && p.rowScope ? [parseFormula(p.rowScope).ast] : [],
  );
  const paths = [
    ...formulas.flatMap((f) => pathsOf(f.typed)),
    ...scopes.flatMap((ast) => (ast ? fieldPaths(ast) : [])),
  ].filter((p) => p.length > 1);
  perApp.set(entity, paths);
  return paths;
}

/** 409: the record changed meanwhile; the answer carries it as it is now (as the actor may see it). */
function conflict(published: PublishedApp, actor: Actor, entity: string, now: Row | undefined): HttpError {
  return httpError(
    409,
    "http.conflict",
    { current: now?.version },
    { details: { record: now && present(published, actor, entity, now) } },
  );
}

/** 409 for any change to a record of an append-only entity (a ledger): whoever asks, system effects included. */
function refuseAppendOnly(published: PublishedApp, entity: string): void {
  if (published.stored.schema.entities?.find((e) => e.id === entity)?.appendOnly === true)
    throw httpError(409, "http.appendOnly", { entity });
}

/** Hide the fields the actor may not read. */
export function present(published: PublishedApp, actor: Actor, entity: string, row: Row): Row {
  const access = accessFor(published, actor, entity, "read");
  return access.hiddenFields.size === 0 ? row : (maskRecord(row, access.hiddenFields) as Row);
}

function unwritable(issues: ReturnType<PublishedApp["policy"]["checkWrite"]>): never {
  const first = issues[0];
  if (first?.code === "access.denied")
    throw httpError(403, "http.forbidden", { action: "write this record", actionZh: "修改该记录" });
  throw httpError(
    403,
    "http.fieldForbidden",
    { field: first?.path.slice(1) },
    { path: first?.path ?? "", details: { issues } },
  );
}

function diffOf(before: Row, after: Row): { before: Row; after: Row } {
  const b: Row = {};
  const a: Row = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === "version" || key === "updatedAt") continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

async function validate(
  ctx: ServerContext,
  tx: WriteTx,
  published: PublishedApp,
  actor: Actor,
  entity: string,
  input: Readonly<Record<string, unknown>>,
  old: Row | undefined,
  requestId?: string | null,
) {
  const records = tx.records(published.stored);
  const merged = { ...old, ...input };
  const values = await prefetchPaths(
    published,
    records,
    entity,
    merged,
    relationPaths(ctx, published.stored.schema, entity),
  );
  const context: RecordContext = {
    mode: old ? "update" : "create",
    old,
    today: actor.env.today,
    now: actor.env.now,
    user: actor.env.user ?? { id: actor.id },
    lookup: (path) => (values.get(path.join(".")) ?? null) as never,
  };
  const result = ctx.runtime.validateRecord(published.stored.schema, entity, input, context);
  if (hasErrors(result.issues)) {
    const error = invalid(result.issues);
    const audited = new Set(
      (published.stored.schema.entities?.find((e) => e.id === entity)?.rules ?? [])
        .filter((r) => r.auditRefusal === true)
        .map((r) => r.id),
    );
    const refusedBy = result.issues
      .filter((i) => i.severity === "error" && i.code === "record.rule" && audited.has(String(i.params?.rule)))
      .map((i) => String(i.params?.rule));
    if (refusedBy.length > 0) {
      refusals.set(error, {
        at: actor.env.now,
        userId: actor.id,
        requestId: requestId ?? null,
        action: "record.refused",
        appId: published.stored.id,
        entity,
        recordId: old ? String(old.id) : null,
        diff: { rules: refusedBy, attempted: { ...input } },
      });
    }
    throw error;
  }
  return { value: result.value, lookup: context.lookup };
}

/** Writes refused by a rule marked `auditRefusal`: the audit entry to write once the transaction rolled back. */
const refusals = new WeakMap<object, AuditEntry>();

/**
 * Run a write transaction; when a rule marked `auditRefusal` refused it, record the attempt in
 * the audit log in a transaction of its own (the refused one rolled back), then answer as before.
 */
export async function withRefusalAudit<T>(ctx: ServerContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const entry = typeof error === "object" && error !== null ? refusals.get(error) : undefined;
    if (entry) await ctx.storage.write((tx) => tx.platform.appendAudit(entry));
    throw error;
  }
}

export interface CreateOptions {
  /**
   * A CSV import by someone granted `import`: existing records arrive at whatever stage they are
   * in (that is how a pipeline moves in), so the start-of-workflow check does not apply.
   */
  readonly bulkImport?: boolean;
  /**
   * Restoring an exported record (`plinth import`): an administrator's write that automations do
   * not react to, since the export already holds what they wrote. Validation still applies.
   */
  readonly restore?: boolean;
}

/** Create a record: access (action, fields, row scope on the new record), validation, autonumbers, audit. */
export async function createRecord(
  ctx: ServerContext,
  tx: WriteTx,
  published: PublishedApp,
  actor: Actor,
  entity: string,
  input: Readonly<Record<string, unknown>>,
  requestId: string | null,
  depth = 0,
  options: CreateOptions = {},
): Promise<Row> {
  requireAccess(published, actor, entity, "create");
  if (options.restore && !actor.isAdmin) restoreForbidden();
  if (!actor.isAdmin) {
    const issues = published.policy.checkWrite(actor.access, entity, "create", input);
    if (issues.length > 0) unwritable(issues);
  }
  const { value, lookup } = await validate(ctx, tx, published, actor, entity, input, undefined, requestId);
  if (!actor.isAdmin && !options.bulkImport) {
    // A stage starts where its machine starts, an approval status unsubmitted: the rest is the workflow's.
    const managed = managedFieldOnCreate(published.stored.schema, entity, value);
    if (managed) throw workflowError(422, "workflow.managedFieldOnCreate", { ...managed }, {}, `/${managed.field}`);
  }
  if (
    !actor.isAdmin &&
    !published.policy.canOnRecord(
      actor.access,
      entity,
      "create",
      { ...value, createdBy: actor.id, updatedBy: actor.id, createdAt: actor.env.now, updatedAt: actor.env.now },
      {
        today: actor.env.today,
        now: actor.env.now,
        lookup,
      },
    )
  ) {
    throw httpError(403, "http.forbidden", {
      action: "create this record (outside your scope)",
      actionZh: "创建该记录（超出您的范围）",
    });
  }
  const records = tx.records(published.stored);
  const definition = published.stored.schema.entities?.find((e) => e.id === entity);
  for (const field of definition?.fields ?? []) {
    if (field.kind === "autonumber")
      value[field.id] = formatAutonumber(field, await records.nextNumber(entity, field.id, field.start ?? 1));
  }
  const row: Row = {
    ...value,
    id: ctx.newId(),
    version: 1,
    createdAt: actor.env.now,
    updatedAt: actor.env.now,
    createdBy: actor.id,
    updatedBy: actor.id,
  };
  await records.insert(entity, row);
  await tx.platform.appendAudit({
    at: actor.env.now,
    userId: actor.id,
    requestId,
    action: "record.create",
    appId: published.stored.id,
    entity,
    recordId: String(row.id),
    diff: { after: value },
  });
  // Hooks see the row as written (a new record has no children for its rollups to count);
  // the answer is read back once, after them, so it includes what automations changed.
  await afterWrite(ctx, {
    tx,
    published,
    actor,
    entity,
    kind: "create",
    record: row,
    depth,
    requestId,
    ...(options.restore ? { restore: true } : {}),
  });
  return (await records.get(entity, String(row.id))) ?? row;
}

/** Options of an update: automation depth, and system changes made by the workflow engine. */
export interface UpdateOptions {
  readonly depth?: number;
  /** The workflow engine applying a transition or an effect: no field or scope checks, still validated. */
  readonly system?: boolean;
  /** The audit action ("record.update", "record.transition", ...). */
  readonly action?: string;
  /** Restoring an exported record (see {@link CreateOptions.restore}). */
  readonly restore?: boolean;
}

/** Update a record at an expected version: 404 outside the actor's rows, 409 when stale. */
export async function updateRecord(
  ctx: ServerContext,
  tx: WriteTx,
  published: PublishedApp,
  actor: Actor,
  entity: string,
  id: string,
  expectedVersion: number,
  input: Readonly<Record<string, unknown>>,
  requestId: string | null,
  options: UpdateOptions = {},
): Promise<Row> {
  const depth = options.depth ?? 0;
  if (options.restore && !actor.isAdmin) restoreForbidden();
  refuseAppendOnly(published, entity);
  const system = options.system === true || actor.isAdmin;
  const records = tx.records(published.stored);
  // The action first: a role without it gets 403 whatever the record (as GET does for read),
  // and only a role that has it learns, by a 404, that a record is outside its rows.
  if (!options.system) requireAccess(published, actor, entity, "update");
  const readable = options.system
    ? ({ kind: "all" } as const)
    : rowCondition(accessFor(published, actor, entity, "read"));
  const current = await records.get(entity, id, readable, actor.env);
  if (!current) throw httpError(404, "http.notFound", { what: "record", whatZh: "记录", id });
  // Row scopes may follow relations (`region.code = $user.region`): read those paths of the stored record.
  const stored = system
    ? new Map<string, unknown>()
    : await prefetchPaths(published, records, entity, current, relationPaths(ctx, published.stored.schema, entity));
  const env = {
    today: actor.env.today,
    now: actor.env.now,
    lookup: (path: readonly string[]) => (stored.get(path.join(".")) ?? null) as never,
  };
  if (!system) {
    if (!published.policy.canOnRecord(actor.access, entity, "update", current, env)) {
      throw httpError(403, "http.forbidden", { action: "update this record", actionZh: "修改该记录" });
    }
    const issues = published.policy.checkWrite(actor.access, entity, "update", input);
    if (issues.length > 0) unwritable(issues);
  }
  if (Number(current.version) !== expectedVersion) {
    throw conflict(published, actor, entity, current);
  }
  for (const hook of ctx.hooks.beforeChange) {
    await hook({
      tx,
      published,
      actor,
      entity,
      kind: "update",
      record: current,
      fields: Object.keys(input),
      values: input,
      system: options.system === true,
    });
  }
  const { value, lookup } = await validate(ctx, tx, published, actor, entity, input, current, requestId);
  if (!system && !published.policy.canOnRecord(actor.access, entity, "update", value, { ...env, lookup })) {
    throw httpError(403, "http.forbidden", {
      action: "move this record outside your scope",
      actionZh: "将该记录移出您的范围",
    });
  }
  const changes: Row = { ...value, updatedAt: actor.env.now, updatedBy: actor.id };
  for (const key of ["id", "version", "createdAt", "createdBy"]) delete changes[key];
  if (!(await records.update(entity, id, expectedVersion, changes))) {
    const now = await records.get(entity, id);
    throw conflict(published, actor, entity, now);
  }
  await tx.platform.appendAudit({
    at: actor.env.now,
    userId: actor.id,
    requestId,
    action: options.action ?? "record.update",
    appId: published.stored.id,
    entity,
    recordId: id,
    diff: diffOf(current, value),
  });
  // The record as written: the stored one with the changes (its rollups depend on children, which
  // an update of its own fields leaves as they were); read back once, after the hooks.
  const updated: Row = { ...current, ...changes, version: expectedVersion + 1 };
  await afterWrite(ctx, {
    tx,
    published,
    actor,
    entity,
    kind: "update",
    record: updated,
    old: current,
    depth,
    requestId,
    ...(options.restore ? { restore: true } : {}),
  });
  return (await records.get(entity, id)) ?? updated;
}

/** Delete a record the actor may delete; optionally at an expected version. */
export async function deleteRecord(
  ctx: ServerContext,
  tx: WriteTx,
  published: PublishedApp,
  actor: Actor,
  entity: string,
  id: string,
  expectedVersion: number | undefined,
  requestId: string | null,
): Promise<void> {
  refuseAppendOnly(published, entity);
  const records = tx.records(published.stored);
  // The action first, as in updateRecord: 403 without it, 404 for a record outside the rows read.
  const access = requireAccess(published, actor, entity, "delete");
  const current = await records.get(entity, id, rowCondition(accessFor(published, actor, entity, "read")), actor.env);
  if (!current) throw httpError(404, "http.notFound", { what: "record", whatZh: "记录", id });
  const deletable: Condition = and(rowCondition(access));
  if (!actor.isAdmin && !(await records.get(entity, id, deletable, actor.env))) {
    throw httpError(403, "http.forbidden", { action: "delete this record", actionZh: "删除该记录" });
  }
  if (expectedVersion !== undefined && Number(current.version) !== expectedVersion) {
    throw conflict(published, actor, entity, current);
  }
  for (const hook of ctx.hooks.beforeChange) {
    await hook({
      tx,
      published,
      actor,
      entity,
      kind: "delete",
      record: current,
      fields: [],
      values: {},
      system: false,
    });
  }
  await records.delete(entity, id);
  await tx.platform.appendAudit({
    at: actor.env.now,
    userId: actor.id,
    requestId,
    action: "record.delete",
    appId: published.stored.id,
    entity,
    recordId: id,
    diff: { before: current },
  });
  await afterWrite(ctx, { tx, published, actor, entity, kind: "delete", record: current, depth: 0, requestId });
}

/** Only administrators restore records (writes automations do not react to). */
function restoreForbidden(): never {
  throw httpError(403, "http.forbidden", {
    action: "restore records (an administrator's import)",
    actionZh: "恢复记录（管理员导入）",
  });
}

/** Let the hooks (automations) react inside the same transaction. */
export async function afterWrite(ctx: ServerContext, event: WriteEvent): Promise<void> {
  for (const hook of ctx.hooks.afterWrite) await hook(event);
}
