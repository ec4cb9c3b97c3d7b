import {
  type App,
  type ApprovalContext,
  type ApprovalEffect,
  type ApprovalEvent,
  type ApprovalState,
  approvalTransition,
  type CompiledApproval,
  compileApproval,
  type EvalEnv,
  renderNotification,
} from "@plinth/runtime";
import type { PublishedApp } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import { httpError, invalid } from "../http/errors.js";
import { accessFor, rowCondition } from "../records/access.js";
import { updateRecord } from "../records/service.js";
import type { Actor } from "../records/userContext.js";
import type { ApprovalRow, Row, WriteTx } from "../storage/types.js";
import { carryOut, type ExtraEffectRunner, notifyUsers } from "./carryOut.js";
import { workflowLookup } from "./lookups.js";
import { workflowError } from "./messages.js";
import { type Directory, loadDirectory } from "./people.js";

const approvals = new WeakMap<App, Map<string, CompiledApproval>>();

export function approvalsOf(ctx: ServerContext, published: PublishedApp): Map<string, CompiledApproval> {
  const schema = published.stored.schema;
  let compiled = approvals.get(schema);
  if (!compiled) {
    compiled = new Map();
    for (const wf of schema.workflows ?? []) {
      if (wf.kind === "approval")
        compiled.set(wf.id, compileApproval(schema, wf.id, { functions: ctx.runtime.functions }));
    }
    approvals.set(schema, compiled);
  }
  return compiled;
}

export const approvalActions = ["submit", "approve", "reject", "return", "recall", "reassign"] as const;
export type ApprovalAction = (typeof approvalActions)[number];

export interface ApprovalInput {
  readonly workflow?: string;
  readonly comment?: string;
  readonly step?: string;
  readonly from?: string;
  readonly to?: string;
}

/** The approval workflow of an entity an action is about (the only one, or the one named). */
export function pickApproval(
  ctx: ServerContext,
  published: PublishedApp,
  entity: string,
  workflow: string | undefined,
): CompiledApproval {
  const candidates = [...approvalsOf(ctx, published)].filter(
    ([id]) => published.stored.schema.workflows?.find((w) => w.id === id)?.entity === entity,
  );
  const found =
    workflow === undefined
      ? candidates.length === 1
        ? candidates[0]
        : undefined
      : candidates.find(([id]) => id === workflow);
  if (!found) {
    if (candidates.length > 1 && workflow === undefined)
      throw workflowError(400, "workflow.ambiguous", { allowed: candidates.map(([id]) => id) });
    throw httpError(404, "http.notFound", { what: "approval workflow", whatZh: "审批流程", id: workflow ?? entity });
  }
  return found[1];
}

function contextFor(
  directory: Directory,
  record: Row,
  actor: Actor,
  at: string,
  lookup: EvalEnv["lookup"],
): ApprovalContext {
  const env = { today: at.slice(0, 10), now: at, user: actor.env.user ?? { id: actor.id }, lookup };
  return {
    record,
    env,
    resolve: (party, r) => directory.resolve(party, r, env),
    managerOf: (u) => directory.managerOf(u),
    delegateOf: (u, t) => directory.delegateOf(u, t),
    rolesOf: (u) => directory.rolesOf(u),
    isAdmin: (u) => directory.isAdmin(u),
  };
}

/** A notification in both languages with the workflow's and steps' labels and people's names. */
function notification(
  published: PublishedApp,
  directory: Directory,
  effect: Extract<ApprovalEffect, { kind: "notify" }>,
) {
  const found = published.stored.schema.workflows?.find((w) => w.id === effect.params.workflow);
  return renderNotification(effect.message, effect.params, {
    ...(found?.kind === "approval" ? { definition: found } : {}),
    userName: (id) => directory.users.get(id)?.user.displayName,
  });
}

/**
 * Apply the core's approval effects in the caller's transaction: inbox notifications,
 * SLA timers, the status mirror field and the definition's own effects.
 */
async function applyEffects(
  ctx: ServerContext,
  tx: WriteTx,
  published: PublishedApp,
  actor: Actor,
  entity: string,
  record: Row,
  row: { id: string },
  effects: readonly ApprovalEffect[],
  directory: Directory,
  requestId: string | null,
  extra?: ExtraEffectRunner,
): Promise<Row> {
  const c = { ctx, tx, published, actor, entity, directory, requestId, depth: 1, extra };
  let current = record;
  for (const effect of effects) {
    switch (effect.kind) {
      case "notify":
        await notifyUsers(c, effect.users, notification(published, directory, effect), current, "approval");
        break;
      case "schedule":
        await tx.platform.insertTimer({
          id: ctx.newId(),
          kind: "approval.tick",
          dueAt: effect.at,
          payload: {
            key: row.id,
            approval: row.id,
            app: published.stored.id,
            step: effect.stepId,
            timer: effect.timer,
          },
          doneAt: null,
        });
        break;
      case "status":
        current = await updateRecord(
          ctx,
          tx,
          published,
          actor,
          entity,
          String(current.id),
          Number(current.version),
          { [effect.field]: effect.value },
          requestId,
          {
            system: true,
            depth: 1,
            action: "record.approvalStatus",
          },
        );
        break;
      case "effects":
        current = await carryOut(c, current, effect.effects);
        break;
    }
  }
  return current;
}

/**
 * Run one approval action on a record: submit (needs update access to the record), and
 * approve / reject / return / recall / reassign (the core decides who may). The request's
 * state, the record's status field, notifications, timers and effects commit together.
 */
export async function runApprovalAction(
  ctx: ServerContext,
  tx: WriteTx,
  published: PublishedApp,
  actor: Actor,
  entity: string,
  id: string,
  action: ApprovalAction,
  input: ApprovalInput,
  requestId: string | null,
  extra?: ExtraEffectRunner,
): Promise<{ approval: ApprovalRow; record: Row }> {
  const compiled = pickApproval(ctx, published, entity, input.workflow);
  const workflow = compiled.definition.id;
  const records = tx.records(published.stored);
  const open = await tx.platform.openApproval(published.stored.id, entity, id);
  const existing =
    open ??
    (await tx.platform.approvals(published.stored.id, entity, id)).filter((a) => a.workflow === workflow).at(-1);
  const state = existing?.state as ApprovalState | undefined;
  const directory = await loadDirectory(
    ctx,
    tx,
    published.stored.schema,
    published.stored.id,
    entity,
    (r) => published.policy.rolesOf(r),
    await tx.platform.userById(actor.id),
  );
  // Approvers (and those standing in for one) act on the record through the request.
  const isApprover =
    state?.steps.some(
      (s) =>
        s.approvers.includes(actor.id) || s.approvers.some((a) => directory.delegateOf(a, actor.env.now) === actor.id),
    ) ?? false;
  // Submitters need update access to the record; approvers act on it through the request.
  const scope =
    actor.isAdmin || (action !== "submit" && isApprover)
      ? ({ kind: "all" } as const)
      : rowCondition(accessFor(published, actor, entity, action === "submit" ? "update" : "read"));
  const record = await records.get(entity, id, scope, actor.env);
  if (!record) throw httpError(404, "http.notFound", { what: "record", whatZh: "记录", id });
  const at = actor.env.now;
  const event: ApprovalEvent =
    action === "submit"
      ? { type: "submit", user: actor.id, at }
      : action === "approve"
        ? { type: "approve", user: actor.id, at, comment: input.comment, step: input.step }
        : action === "reject"
          ? { type: "reject", user: actor.id, at, comment: input.comment ?? "", step: input.step }
          : action === "return"
            ? { type: "return", user: actor.id, at, comment: input.comment ?? "", step: input.step }
            : action === "recall"
              ? { type: "recall", user: actor.id, at }
              : { type: "reassign", user: actor.id, at, step: input.step ?? "", from: input.from, to: input.to ?? "" };
  const lookup = await workflowLookup(tx, published, state?.definition ?? compiled.definition, record);
  const result = approvalTransition(compiled, state, event, contextFor(directory, record, actor, at, lookup));
  if (!result.ok) throw invalid(result.issues);
  let row: ApprovalRow;
  // One request row per record and workflow: a resubmission continues it (the core starts a new round).
  if (existing && existing.workflow === workflow) {
    if (!(await tx.platform.updateApproval(existing.id, existing.revision, result.state.status, result.state, at))) {
      throw httpError(409, "http.conflict", { current: existing.revision + 1 });
    }
    row = {
      ...existing,
      status: result.state.status,
      state: result.state,
      revision: existing.revision + 1,
      updatedAt: at,
    };
  } else {
    row = {
      id: ctx.newId(),
      appId: published.stored.id,
      entity,
      recordId: id,
      workflow,
      status: result.state.status,
      state: result.state,
      revision: 1,
      createdAt: at,
      updatedAt: at,
    };
    await tx.platform.insertApproval(row);
  }
  if (result.state.status !== "pending") await tx.platform.cancelTimers("approval.tick", row.id);
  await tx.platform.appendAudit({
    at,
    userId: actor.id,
    requestId,
    action: `approval.${action}`,
    appId: published.stored.id,
    entity,
    recordId: id,
    diff: { workflow, status: result.state.status, round: result.state.round, comment: input.comment ?? null },
  });
  const after = await applyEffects(
    ctx,
    tx,
    published,
    actor,
    entity,
    record,
    row,
    result.effects,
    directory,
    requestId,
    extra,
  );
  const outcome =
    action === "submit" ? "submitted" : result.state.status === "pending" ? undefined : result.state.status;
  if (outcome) {
    for (const hook of ctx.hooks.afterWrite) {
      await hook({
        tx,
        published,
        actor,
        entity,
        kind: "approval",
        record: after,
        workflow,
        outcome,
        depth: 1,
        requestId,
      });
    }
  }
  return { approval: row, record: (await records.get(entity, id)) ?? after };
}

/** The SLA timer of a request came due: tell the core, carry out reminders and escalations. */
export async function approvalTick(
  ctx: ServerContext,
  tx: WriteTx,
  published: PublishedApp,
  systemActor: Actor,
  approvalId: string,
  at: string,
): Promise<void> {
  const row = await tx.platform.approval(approvalId);
  if (row?.status !== "pending") return;
  const compiled = approvalsOf(ctx, published).get(row.workflow);
  if (!compiled) return;
  const record = await tx.records(published.stored).get(row.entity, row.recordId);
  if (!record) return;
  const directory = await loadDirectory(ctx, tx, published.stored.schema, published.stored.id, row.entity, (r) =>
    published.policy.rolesOf(r),
  );
  const lookup = await workflowLookup(tx, published, (row.state as ApprovalState).definition, record);
  const result = approvalTransition(
    compiled,
    row.state as ApprovalState,
    { type: "tick", at },
    contextFor(directory, record, systemActor, at, lookup),
  );
  if (!result.ok) return;
  if (!(await tx.platform.updateApproval(row.id, row.revision, result.state.status, result.state, at))) return;
  await applyEffects(ctx, tx, published, systemActor, row.entity, record, row, result.effects, directory, null);
}
