import { type App, type CompiledStateMachine, compileStateMachine } from "@plinth/runtime";
import type { PublishedApp } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import { httpError, invalid } from "../http/errors.js";
import { accessFor, requireAccess, rowCondition } from "../records/access.js";
import { updateRecord } from "../records/service.js";
import type { Actor } from "../records/userContext.js";
import type { Row, WriteTx } from "../storage/types.js";
import { carryOut, type ExtraEffectRunner } from "./carryOut.js";
import { runComputations } from "./computations.js";
import { workflowLookup } from "./lookups.js";
import { loadDirectory } from "./people.js";

const machines = new WeakMap<App, Map<string, CompiledStateMachine>>();

/** The compiled stage machines of a published app (compiled once per version). */
export function stateMachinesOf(ctx: ServerContext, published: PublishedApp): Map<string, CompiledStateMachine> {
  const schema = published.stored.schema;
  let compiled = machines.get(schema);
  if (!compiled) {
    compiled = new Map();
    for (const wf of schema.workflows ?? []) {
      if (wf.kind === "stateMachine")
        compiled.set(wf.id, compileStateMachine(schema, wf.id, { functions: ctx.runtime.functions }));
    }
    machines.set(schema, compiled);
  }
  return compiled;
}

/** The roles the actor acts with in transitions: their expanded roles, or every role (and "*") for admins. */
export function actorRoles(published: PublishedApp, actor: Actor): string[] {
  return actor.isAdmin
    ? ["*", ...(published.stored.schema.roles ?? []).map((r) => r.id)]
    : [...published.policy.rolesOf(actor.access.roles)];
}

/** The transition ids of an entity's stage machines (for "which actions exist" messages). */
export function transitionIdsOf(published: PublishedApp, entity: string): string[] {
  return (published.stored.schema.workflows ?? []).flatMap((w) =>
    w.kind === "stateMachine" && w.entity === entity ? w.transitions.map((t) => t.id) : [],
  );
}

/** Find the stage machine of an entity that has a transition with this id. */
export function findTransition(ctx: ServerContext, published: PublishedApp, entity: string, transition: string) {
  for (const [id, machine] of stateMachinesOf(ctx, published)) {
    const wf = published.stored.schema.workflows?.find((w) => w.id === id);
    if (wf?.entity === entity && wf.kind === "stateMachine" && wf.transitions.some((t) => t.id === transition))
      return { id, machine };
  }
  return undefined;
}

/**
 * Take a stage-machine transition on a record: the actor needs update access to the record
 * and one of the transition's roles; guards and required fields are checked by the core
 * (every failing reason in one 422); the state change and entry effects are written as one
 * audited system update, a history row is appended, and other effects are carried out —
 * all in the caller's transaction.
 */
export async function takeTransition(
  ctx: ServerContext,
  tx: WriteTx,
  published: PublishedApp,
  actor: Actor,
  entity: string,
  id: string,
  workflow: string,
  transition: string,
  requestId: string | null,
  options: { depth?: number; extra?: ExtraEffectRunner; expectedVersion?: number } = {},
): Promise<Row> {
  const machine = stateMachinesOf(ctx, published).get(workflow);
  if (!machine) throw httpError(404, "http.notFound", { what: "workflow", whatZh: "工作流", id: workflow });
  if (!actor.isAdmin) requireAccess(published, actor, entity, "update");
  const records = tx.records(published.stored);
  const scope = actor.isAdmin
    ? ({ kind: "all" } as const)
    : rowCondition(accessFor(published, actor, entity, "update"));
  const current = await records.get(entity, id, scope, actor.env);
  if (!current) throw httpError(404, "http.notFound", { what: "record", whatZh: "记录", id });
  if (options.expectedVersion !== undefined && Number(current.version) !== options.expectedVersion) {
    throw httpError(409, "http.conflict", { current: current.version }, { details: { record: current } });
  }
  const definition = published.stored.schema.workflows?.find((w) => w.id === workflow);
  const lookup = definition ? await workflowLookup(tx, published, definition, current) : () => null;
  const env = { today: actor.env.today, now: actor.env.now, user: actor.env.user ?? { id: actor.id }, lookup };
  const result = machine.take(
    current,
    transition,
    {
      id: actor.id,
      roles: actorRoles(published, actor),
    },
    env,
  );
  if (!result.ok) throw invalid(result.issues);
  const depth = options.depth ?? 0;
  const updated = await updateRecord(
    ctx,
    tx,
    published,
    actor,
    entity,
    id,
    Number(current.version),
    result.changes,
    requestId,
    {
      system: true,
      depth: depth + 1,
      action: "record.transition",
    },
  );
  await tx.platform.insertHistory({
    id: ctx.newId(),
    appId: published.stored.id,
    entity,
    recordId: id,
    workflow,
    transition,
    from: result.from,
    to: result.to,
    userId: actor.id,
    at: actor.env.now,
    snapshot: result.history.snapshot,
  });
  let after = updated;
  if (result.effects.length > 0) {
    const directory = await loadDirectory(ctx, tx, published.stored.schema, published.stored.id, entity, (r) =>
      published.policy.rolesOf(r),
    );
    after = await carryOut(
      { ctx, tx, published, actor, entity, directory, requestId, depth: depth + 1, extra: options.extra },
      updated,
      result.effects,
    );
  }
  after = await runComputations({
    ctx,
    tx,
    published,
    actor,
    entity,
    record: after,
    workflow,
    transition,
    requestId,
    depth,
  });
  for (const hook of ctx.hooks.afterWrite) {
    await hook({
      tx,
      published,
      actor,
      entity,
      kind: "transition",
      record: after,
      old: current,
      workflow,
      transition,
      depth,
      requestId,
    });
  }
  return (await records.get(entity, id)) ?? after;
}
