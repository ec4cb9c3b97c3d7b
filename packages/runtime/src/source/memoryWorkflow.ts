import { approverVariables } from "../app/scope.js";
import { recordTitle } from "../data/title.js";
import type { EvalEnv } from "../expr/values.js";
import { labelBoth } from "../i18n/label.js";
import type { LocalizedMessage } from "../issues/issue.js";
import type { App, Party } from "../schema/types.js";
import { approvalTransition } from "../workflow/approval.js";
import type { ApprovalContext, ApprovalEffect, ApprovalEvent } from "../workflow/approval.types.js";
import { mayRecall, maySubmit } from "../workflow/approvalOffers.js";
import { type CompiledApproval, compileApproval } from "../workflow/approvalProgram.js";
import { pendingFor } from "../workflow/approvalQueries.js";
import type { EvaluatedEffect } from "../workflow/effects.js";
import { type NotificationContext, renderNotification } from "../workflow/messages.js";
import { compileStateMachine } from "../workflow/stateMachine.js";
import type { CompiledStateMachine } from "../workflow/stateMachine.types.js";
import { invalidError, notFound, sourceError } from "./errors.js";
import { accessFor, present, readableRow, requireAccess, scopedRow } from "./memoryAccess.js";
import { createRow, updateRow } from "./memoryRecords.js";
import {
  type ApprovalRow,
  envFor,
  formulaOf,
  holds,
  type MemoryActor,
  type MemoryContext,
  rowsOf,
} from "./memoryStore.js";
import type {
  ActionBody,
  ActionResult,
  ApprovalRequest,
  AvailableActions,
  Inbox,
  SourceRecord,
  StageHistoryEntry,
} from "./types.js";

/** The approval actions, as the server names them; any other action is a transition id. */
export const approvalActions = ["submit", "approve", "reject", "return", "recall", "reassign"] as const;
type ApprovalAction = (typeof approvalActions)[number];

const compiled = new WeakMap<
  App,
  { machines: Map<string, CompiledStateMachine>; approvals: Map<string, CompiledApproval> }
>();

function workflowsOf(ctx: MemoryContext) {
  let found = compiled.get(ctx.app);
  if (!found) {
    found = { machines: new Map(), approvals: new Map() };
    for (const wf of ctx.app.workflows ?? []) {
      if (wf.kind === "stateMachine")
        found.machines.set(wf.id, compileStateMachine(ctx.app, wf.id, { functions: ctx.functions }));
      else found.approvals.set(wf.id, compileApproval(ctx.app, wf.id, { functions: ctx.functions }));
    }
    compiled.set(ctx.app, found);
  }
  return found;
}

const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * The in-memory user directory (server: workflow/people.ts): role parties list the enabled
 * users with the role (inherited ones included) for whom `match` is TRUE with `$approver`
 * bound to the candidate.
 */
function directory(ctx: MemoryContext, entity: string) {
  const users = [...ctx.state.users.values()].map((user) => ({ user, roles: [...ctx.policy.rolesOf(user.roles)] }));
  const attributes = (id: string) => ctx.state.users.get(id)?.attributes ?? {};
  return {
    resolve(party: Party, record: Readonly<Record<string, unknown>>, env: EvalEnv): string[] {
      switch (party.kind) {
        case "users":
          return [...party.users];
        case "userField": {
          const id = text(record[party.field]);
          return id ? [id] : [];
        }
        case "managerOf": {
          const id = text(record[party.field]);
          const manager = id ? text(attributes(id).manager) : undefined;
          return manager ? [manager] : [];
        }
        case "role": {
          const candidates = users.filter((u) => u.roles.includes(party.role) && u.user.disabled !== true);
          if (party.match === undefined) return candidates.map((c) => c.user.id);
          const match = formulaOf(ctx, entity, party.match, approverVariables);
          if (!match.ok) return [];
          return candidates
            .filter((c) => {
              const a = c.user.attributes ?? {};
              const approver = {
                ...a,
                id: c.user.id,
                region: text(a.region) ?? null,
                team: text(a.team) ?? null,
                roles: c.roles,
              };
              return holds(match.formula, record, { ...env, approver });
            })
            .map((c) => c.user.id);
        }
      }
    },
    managerOf: (user: string) => text(attributes(user).manager),
    delegateOf(user: string, at: string) {
      const a = attributes(user);
      const [delegate, from, until] = [text(a.delegate), text(a.awayFrom), text(a.awayUntil)];
      if (!delegate || !from || !until) return undefined;
      return from <= at && at < until ? delegate : undefined;
    },
    rolesOf: (user: string) => users.find((u) => u.user.id === user)?.roles ?? [],
    isAdmin: (user: string) => ctx.state.users.get(user)?.isAdmin === true,
  };
}

function notify(
  ctx: MemoryContext,
  actor: MemoryActor,
  entity: string,
  users: readonly string[],
  message: LocalizedMessage,
  record: SourceRecord,
  kind: string,
): void {
  for (const userId of new Set(users)) {
    ctx.state.inbox.push({
      id: ctx.newId(),
      userId,
      appId: ctx.app.id,
      kind,
      entity,
      recordId: String(record.id),
      message,
      createdAt: actor.now,
      readAt: null,
    });
  }
}

/** Carry out evaluated effects: set fields (system update), create records (as admin), notify. Webhooks and chained transitions are the server's. */
function carryOut(
  ctx: MemoryContext,
  actor: MemoryActor,
  entity: string,
  record: SourceRecord,
  effects: readonly EvaluatedEffect[],
): SourceRecord {
  let current = record;
  // Records created or found by createRecord effects, by their `as` name (for later `links`).
  const names = new Map<string, string | null>();
  const linked = (values: Readonly<Record<string, unknown>>, links: Readonly<Record<string, string>> | undefined) => {
    const out: Record<string, unknown> = { ...values };
    for (const [field, name] of Object.entries(links ?? {})) out[field] = names.get(name) ?? null;
    return out;
  };
  for (const effect of effects) {
    switch (effect.kind) {
      case "setFields": {
        if (effect.relation !== undefined) {
          // On the related record, as the server: skipped when the relation is blank or gone.
          const field = ctx.model.entities.get(entity)?.fields.get(effect.relation)?.value;
          const id = current[effect.relation];
          const related =
            field?.kind === "relation" && typeof id === "string" ? rowsOf(ctx, field.target).get(id) : undefined;
          if (field?.kind === "relation" && related)
            updateRow(
              ctx,
              actor,
              field.target,
              String(related.id),
              Number(related.version),
              linked(effect.values, effect.links),
              {
                system: true,
              },
            );
          break;
        }
        current = updateRow(
          ctx,
          actor,
          entity,
          String(current.id),
          Number(current.version),
          linked(effect.values, effect.links),
          { system: true },
        );
        break;
      }
      case "createRecord": {
        // As the server: the first key set whose values are all filled and equal gives the oldest such record.
        const values = linked(effect.values, effect.links);
        const rows = [...rowsOf(ctx, effect.entity).values()].sort((a, b) =>
          String(a.createdAt ?? "").localeCompare(String(b.createdAt ?? "")),
        );
        const found = (effect.findBy ?? [])
          .filter((keys) => keys.every((k) => values[k] !== null && values[k] !== undefined && values[k] !== ""))
          .map((keys) => rows.find((row) => keys.every((k) => row[k] === values[k])))
          .find((row) => row !== undefined);
        const id = found
          ? String(found.id)
          : effect.ifMissing === "skip"
            ? null
            : String(createRow(ctx, { ...actor, isAdmin: true }, effect.entity, values).id);
        if (effect.as) names.set(effect.as, id);
        break;
      }
      case "notify": {
        const env = { ...envFor(ctx, actor, entity), lookup: () => null };
        notify(
          ctx,
          actor,
          entity,
          directory(ctx, entity).resolve(effect.to, current, env),
          labelBoth(effect.message, ""),
          current,
          "notification",
        );
        break;
      }
      case "webhook":
      case "transition":
        break;
    }
  }
  return current;
}

function takeTransition(
  ctx: MemoryContext,
  actor: MemoryActor,
  entity: string,
  id: string,
  workflow: string,
  machine: CompiledStateMachine,
  transition: string,
): SourceRecord {
  if (!actor.isAdmin) requireAccess(ctx, actor, entity, "update");
  const current = scopedRow(ctx, actor, entity, id, accessFor(ctx, actor, entity, "update"));
  const roles = actor.isAdmin
    ? [...(ctx.app.roles ?? []).map((r) => r.id), "*"]
    : [...ctx.policy.rolesOf(actor.access.roles)];
  const result = machine.take(current, transition, { id: actor.id, roles }, envFor(ctx, actor, entity));
  if (!result.ok) throw invalidError(result.issues);
  const updated = updateRow(ctx, actor, entity, id, Number(current.version), result.changes, { system: true });
  ctx.state.history.push({
    id: ctx.newId(),
    appId: ctx.app.id,
    entity,
    recordId: id,
    workflow,
    transition,
    from: result.from,
    to: result.to,
    userId: actor.id,
    at: actor.now,
    snapshot: result.history.snapshot,
  });
  return result.effects.length > 0 ? carryOut(ctx, actor, entity, updated, result.effects) : updated;
}

function pickApproval(ctx: MemoryContext, entity: string, workflow: string | undefined): CompiledApproval {
  const candidates = [...workflowsOf(ctx).approvals.values()].filter((a) => a.entity === entity);
  const found =
    workflow === undefined
      ? candidates.length === 1
        ? candidates[0]
        : undefined
      : candidates.find((a) => a.id === workflow);
  if (!found) {
    if (candidates.length > 1 && workflow === undefined)
      throw sourceError(400, "workflow.ambiguous", { allowed: candidates.map((a) => a.id) });
    throw notFound("approval workflow", "审批流程", workflow ?? entity);
  }
  return found;
}

function eventOf(action: ApprovalAction, user: string, at: string, input: ActionBody): ApprovalEvent {
  switch (action) {
    case "submit":
      return { type: "submit", user, at };
    case "approve":
      return { type: "approve", user, at, comment: input.comment, step: input.step };
    case "reject":
      return { type: "reject", user, at, comment: input.comment ?? "", step: input.step };
    case "return":
      return { type: "return", user, at, comment: input.comment ?? "", step: input.step };
    case "recall":
      return { type: "recall", user, at };
    case "reassign":
      return { type: "reassign", user, at, step: input.step ?? "", from: input.from, to: input.to ?? "" };
  }
}

function runApproval(
  ctx: MemoryContext,
  actor: MemoryActor,
  entity: string,
  id: string,
  action: ApprovalAction,
  input: ActionBody,
): ActionResult {
  const approval = pickApproval(ctx, entity, input.workflow);
  const mine = ctx.state.approvals.filter((a) => a.entity === entity && a.recordId === id);
  const existing = mine.find((a) => a.status === "pending") ?? mine.filter((a) => a.workflow === approval.id).at(-1);
  const state = existing?.state;
  const people = directory(ctx, entity);
  const isApprover =
    state?.steps.some(
      (s) => s.approvers.includes(actor.id) || s.approvers.some((a) => people.delegateOf(a, actor.now) === actor.id),
    ) ?? false;
  const row =
    actor.isAdmin || (action !== "submit" && isApprover)
      ? ctx.state.rows.get(entity)?.get(id)
      : scopedRow(ctx, actor, entity, id, accessFor(ctx, actor, entity, action === "submit" ? "update" : "read"));
  if (!row) throw notFound("record", "记录", id);
  const env = envFor(ctx, actor, entity);
  const context: ApprovalContext = {
    record: row,
    env,
    resolve: (party, r) => people.resolve(party, r, env),
    managerOf: people.managerOf,
    delegateOf: people.delegateOf,
    rolesOf: people.rolesOf,
    isAdmin: people.isAdmin,
  };
  const result = approvalTransition(approval, state, eventOf(action, actor.id, actor.now, input), context);
  if (!result.ok) throw invalidError(result.issues);
  let request: ApprovalRow;
  if (existing && existing.workflow === approval.id) {
    existing.status = result.state.status;
    existing.state = result.state;
    existing.revision += 1;
    existing.updatedAt = actor.now;
    request = existing;
  } else {
    request = {
      id: ctx.newId(),
      entity,
      recordId: id,
      workflow: approval.id,
      status: result.state.status,
      state: result.state,
      revision: 1,
      createdAt: actor.now,
      updatedAt: actor.now,
    };
    ctx.state.approvals.push(request);
  }
  const record = applyApprovalEffects(ctx, actor, entity, row, result.effects);
  return {
    approval: { id: request.id, workflow: request.workflow, status: request.status, state: request.state },
    record: present(ctx, actor, entity, ctx.state.rows.get(entity)?.get(id) ?? record),
  };
}

/** The app's approval definition with this id, for the labels in notifications. */
function approvalDefinition(ctx: MemoryContext, id: unknown): NotificationContext["definition"] {
  const found = (ctx.app.workflows ?? []).find((w) => w.id === id);
  return found?.kind === "approval" ? found : undefined;
}

/** Notifications, the status mirror field and the definition's effects; SLA timers are not kept in memory. */
function applyApprovalEffects(
  ctx: MemoryContext,
  actor: MemoryActor,
  entity: string,
  record: SourceRecord,
  effects: readonly ApprovalEffect[],
): SourceRecord {
  let current = record;
  for (const effect of effects) {
    switch (effect.kind) {
      case "notify":
        notify(
          ctx,
          actor,
          entity,
          effect.users,
          renderNotification(effect.message, effect.params, {
            definition: approvalDefinition(ctx, effect.params.workflow),
            userName: (id) => ctx.state.users.get(id)?.displayName,
          }),
          current,
          "approval",
        );
        break;
      case "schedule":
        break;
      case "status":
        current = updateRow(
          ctx,
          actor,
          entity,
          String(current.id),
          Number(current.version),
          { [effect.field]: effect.value },
          {
            system: true,
          },
        );
        break;
      case "effects":
        current = carryOut(ctx, actor, entity, current, effect.effects);
        break;
    }
  }
  return current;
}

/** A transition (by id) or an approval action on a record. */
export function runAction(
  ctx: MemoryContext,
  actor: MemoryActor,
  entity: string,
  id: string,
  action: string,
  body: ActionBody,
): ActionResult {
  if ((approvalActions as readonly string[]).includes(action)) {
    return runApproval(ctx, actor, entity, id, action as ApprovalAction, body);
  }
  const machines = workflowsOf(ctx).machines;
  const found = [...machines].find(
    ([, m]) => m.entity === entity && m.definition.transitions.some((t) => t.id === action),
  );
  if (!found) {
    const transitions = [...machines.values()]
      .filter((m) => m.entity === entity)
      .flatMap((m) => m.definition.transitions.map((t) => t.id));
    throw sourceError(404, "workflow.unknownAction", { action, allowed: [...approvalActions, ...transitions] });
  }
  const record = takeTransition(ctx, actor, entity, id, found[0], found[1], action);
  return { record: present(ctx, actor, entity, ctx.state.rows.get(entity)?.get(id) ?? record) };
}

export function availableActions(ctx: MemoryContext, actor: MemoryActor, entity: string, id: string): AvailableActions {
  const record = readableRow(ctx, actor, entity, id);
  const roles = actor.isAdmin
    ? ["*", ...(ctx.app.roles ?? []).map((r) => r.id)]
    : [...ctx.policy.rolesOf(actor.access.roles)];
  const transitions = [...workflowsOf(ctx).machines].flatMap(([workflow, machine]) =>
    machine.entity === entity
      ? machine
          .available(record, { id: actor.id, roles })
          .map((t) => ({ workflow, id: t.id, label: t.label ?? t.id, to: t.to }))
      : [],
  );
  const open = ctx.state.approvals.find((a) => a.entity === entity && a.recordId === id && a.status === "pending");
  const submit = open
    ? []
    : (ctx.app.workflows ?? []).flatMap((w) =>
        w.kind === "approval" &&
        w.entity === entity &&
        maySubmit(
          w,
          roles,
          ctx.state.approvals.filter((a) => a.entity === entity && a.recordId === id && a.workflow === w.id).at(-1)
            ?.status,
        )
          ? [{ workflow: w.id, ...(w.label ? { label: w.label } : {}) }]
          : [],
      );
  return {
    transitions,
    submit,
    approval: open
      ? {
          id: open.id,
          workflow: open.workflow,
          status: open.status,
          pendingForMe: pendingFor(open.state, actor.id),
          canRecall: mayRecall(open.state.definition, open.state, actor.id),
        }
      : null,
  };
}

export function historyOf(ctx: MemoryContext, actor: MemoryActor, entity: string, id: string): StageHistoryEntry[] {
  readableRow(ctx, actor, entity, id);
  const hidden = accessFor(ctx, actor, entity, "read").hiddenFields;
  return ctx.state.history
    .filter((h) => h.entity === entity && h.recordId === id)
    .map((h) => ({ ...h, snapshot: Object.fromEntries(Object.entries(h.snapshot).filter(([k]) => !hidden.has(k))) }));
}

export function approvalsOf(ctx: MemoryContext, actor: MemoryActor, entity: string, id: string): ApprovalRequest[] {
  const rows = ctx.state.approvals.filter((a) => a.entity === entity && a.recordId === id);
  const involved = rows.some((r) => r.state.steps.some((s) => s.approvers.includes(actor.id)));
  if (!involved) readableRow(ctx, actor, entity, id);
  return rows.map((r) => ({
    id: r.id,
    workflow: r.workflow,
    status: r.status,
    state: r.state,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

export function inboxOf(ctx: MemoryContext, actor: MemoryActor): Inbox {
  const people = directory(ctx, "");
  const delegation = { at: actor.now, context: { delegateOf: people.delegateOf } };
  return {
    approvals: ctx.state.approvals
      .filter((a) => a.status === "pending" && pendingFor(a.state, actor.id, delegation))
      .map((a) => {
        const entity = ctx.model.entities.get(a.entity)?.value;
        const record = ctx.state.rows.get(a.entity)?.get(a.recordId);
        const title = entity && record ? recordTitle(entity, record) : undefined;
        const submitter = ctx.state.users.get(a.state.submitter);
        const submitterName = submitter?.displayName ?? submitter?.username;
        return {
          id: a.id,
          workflow: a.workflow,
          entity: a.entity,
          recordId: a.recordId,
          ...(title === undefined ? {} : { title }),
          ...(submitterName === undefined ? {} : { submitterName }),
          state: a.state,
          updatedAt: a.updatedAt,
        };
      }),
    notifications: ctx.state.inbox
      .map((n, i) => ({ n, i }))
      .filter(({ n }) => n.userId === actor.id)
      .sort((a, b) => (a.n.createdAt === b.n.createdAt ? b.i - a.i : a.n.createdAt < b.n.createdAt ? 1 : -1))
      .slice(0, 100)
      .map(({ n }) => n),
  };
}

/** Mark one of the actor's notifications read; someone else's (or none) is "not found", as on the server. */
export function markRead(ctx: MemoryContext, actor: MemoryActor, notificationId: string): void {
  const index = ctx.state.inbox.findIndex((n) => n.id === notificationId && n.userId === actor.id);
  const found = ctx.state.inbox[index];
  if (!found) throw notFound("notification", "通知", notificationId);
  if (found.readAt === null) ctx.state.inbox[index] = { ...found, readAt: actor.now };
}
