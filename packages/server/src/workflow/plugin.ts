import {
  type ApprovalState,
  lockedFields,
  managedFieldChange,
  mayRecall,
  maySubmit,
  pendingFor,
  recordTitle,
} from "@plinth/runtime";
import type { FastifyInstance } from "fastify";
import type { PublishedApp, PublishedApps } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import { httpError } from "../http/errors.js";
import { accessFor, readableRecord } from "../records/access.js";
import { present, withRefusalAudit } from "../records/service.js";
import { type Actor, actorIn } from "../records/userContext.js";
import type { ReadTx } from "../storage/types.js";
import { type ApprovalAction, type ApprovalInput, approvalActions, runApprovalAction } from "./approvals.js";
import type { ExtraEffectRunner } from "./carryOut.js";
import { workflowError } from "./messages.js";
import { loadDirectory } from "./people.js";
import { actorRoles, findTransition, stateMachinesOf, takeTransition, transitionIdsOf } from "./transitions.js";

const id = { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_]{0,62}$" } as const;
const recordId = { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } as const;
const recordParams = {
  type: "object",
  properties: { app: id, entity: id, id: recordId },
  required: ["app", "entity", "id"],
} as const;

type RecordRoute = { Params: { app: string; entity: string; id: string } };

/**
 * Workflows over HTTP: take transitions and approval actions on records, read a record's
 * stage history and approval requests, and the inbox of pending approvals and notifications.
 * Also locks records whose approval is pending (except the fields the active step lets its
 * approvers edit).
 */
export async function registerWorkflows(
  app: FastifyInstance,
  ctx: ServerContext,
  apps: PublishedApps,
  extra: () => ExtraEffectRunner | undefined,
): Promise<void> {
  /** Out-of-office stand-ins as the core's pendingFor wants them (a delegate acts for the approver). */
  const delegationFor = async (tx: ReadTx, published: PublishedApp, actor: Actor) => {
    const directory = await loadDirectory(ctx, tx, published.stored.schema, published.stored.id, "", (r) =>
      published.policy.rolesOf(r),
    );
    return { at: actor.env.now, context: { delegateOf: (u: string, at: string) => directory.delegateOf(u, at) } };
  };

  // Stages move through transitions and approval statuses through approval actions, never a plain edit.
  ctx.hooks.beforeChange.push(async (event) => {
    if (event.system || event.kind !== "update") return;
    const managed = managedFieldChange(event.published.stored.schema, event.entity, event.record, event.values);
    if (managed) throw workflowError(422, "workflow.managedField", { ...managed }, {}, `/${managed.field}`);
  });

  ctx.hooks.beforeChange.push(async (event) => {
    if (event.system) return;
    const open = await event.tx.platform.openApproval(event.published.stored.id, event.entity, String(event.record.id));
    if (!open) return;
    const state = open.state as ApprovalState;
    const lock = lockedFields(state, state.definition, event.actor.id);
    if (lock.kind === "unlocked") return;
    const blocked = event.kind === "delete" || event.fields.some((f) => !lock.editable.includes(f));
    if (blocked)
      throw workflowError(409, "workflow.locked", {
        fields: lock.editable.length > 0 ? lock.editable.join(", ") : "nothing",
      });
  });

  app.post<RecordRoute & { Params: { action: string }; Body: ApprovalInput | undefined }>(
    "/api/apps/:app/data/:entity/:id/actions/:action",
    {
      schema: {
        params: {
          ...recordParams,
          properties: { ...recordParams.properties, action: id },
          required: [...recordParams.required, "action"],
        },
        body: {
          type: "object",
          properties: {
            workflow: id,
            comment: { type: "string", maxLength: 5000 },
            step: id,
            from: recordId,
            to: recordId,
          },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const { app: appId, entity, id: recordIdValue, action } = request.params;
      const ifMatch = request.headers["if-match"];
      const expectedVersion = ifMatch === undefined ? undefined : Number(String(ifMatch).replace(/"/g, ""));
      // A rule marked auditRefusal may refuse what an action's effects write: the attempt is audited too.
      return withRefusalAudit(ctx, () =>
        ctx.storage.write(async (tx) => {
          const published = await apps.get(tx, appId);
          const actor = await actorIn(ctx, tx, request, published);
          if ((approvalActions as readonly string[]).includes(action)) {
            const { approval, record } = await runApprovalAction(
              ctx,
              tx,
              published,
              actor,
              entity,
              recordIdValue,
              action as ApprovalAction,
              request.body ?? {},
              request.id,
              extra(),
            );
            return {
              approval: {
                id: approval.id,
                workflow: approval.workflow,
                status: approval.status,
                state: approval.state,
              },
              record: present(published, actor, entity, record),
            };
          }
          const found = findTransition(ctx, published, entity, action);
          if (!found) {
            throw workflowError(404, "workflow.unknownAction", {
              action,
              allowed: [...approvalActions, ...transitionIdsOf(published, entity)],
            });
          }
          const record = await takeTransition(
            ctx,
            tx,
            published,
            actor,
            entity,
            recordIdValue,
            found.id,
            action,
            request.id,
            { expectedVersion, extra: extra() },
          );
          return { record: present(published, actor, entity, record) };
        }),
      );
    },
  );

  app.get<RecordRoute>(
    "/api/apps/:app/data/:entity/:id/actions",
    { schema: { params: recordParams } },
    async (request) =>
      ctx.storage.read(async (tx) => {
        const published = await apps.get(tx, request.params.app);
        const actor = await actorIn(ctx, tx, request, published);
        const { entity, id: recordId } = request.params;
        const open = await tx.platform.openApproval(published.stored.id, entity, recordId);
        const pendingForMe = open
          ? pendingFor(open.state as ApprovalState, actor.id, await delegationFor(tx, published, actor))
          : false;
        // Someone the request waits for may act on it without read access to the record; the
        // transitions are only for those who may read (and, taking them, update) it.
        const readable = readableRecord(tx, published, actor, entity, recordId);
        const record = pendingForMe ? await readable.catch(() => undefined) : await readable;
        const roles = actorRoles(published, actor);
        const transitions = record
          ? [...stateMachinesOf(ctx, published)].flatMap(([workflow, machine]) =>
              published.stored.schema.workflows?.find((w) => w.id === workflow)?.entity === entity
                ? machine
                    .available(record, { id: actor.id, roles })
                    .map((t) => ({ workflow, id: t.id, label: t.label ?? t.id, to: t.to }))
                : [],
            )
          : [];
        const earlier = open || !record ? [] : await tx.platform.approvals(published.stored.id, entity, recordId);
        const latest = (workflow: string) => earlier.filter((a) => a.workflow === workflow).at(-1)?.status;
        const submit =
          open || !record
            ? []
            : (published.stored.schema.workflows ?? []).flatMap((w) =>
                w.kind === "approval" && w.entity === entity && maySubmit(w, roles, latest(w.id))
                  ? [{ workflow: w.id, ...(w.label ? { label: w.label } : {}) }]
                  : [],
              );
        const state = open?.state as ApprovalState | undefined;
        return {
          transitions,
          submit,
          approval:
            open && state
              ? {
                  id: open.id,
                  workflow: open.workflow,
                  status: open.status,
                  pendingForMe,
                  canRecall: mayRecall(state.definition, state, actor.id),
                }
              : null,
        };
      }),
  );

  app.get<RecordRoute>(
    "/api/apps/:app/data/:entity/:id/history",
    { schema: { params: recordParams } },
    async (request) =>
      ctx.storage.read(async (tx) => {
        const published = await apps.get(tx, request.params.app);
        const actor = await actorIn(ctx, tx, request, published);
        await readableRecord(tx, published, actor, request.params.entity, request.params.id);
        const hidden = accessFor(published, actor, request.params.entity, "read").hiddenFields;
        const rows = await tx.platform.history(published.stored.id, request.params.entity, request.params.id);
        return {
          history: rows.map((h) => ({
            ...h,
            snapshot: Object.fromEntries(Object.entries(h.snapshot).filter(([k]) => !hidden.has(k))),
          })),
        };
      }),
  );

  app.get<RecordRoute>(
    "/api/apps/:app/data/:entity/:id/approvals",
    { schema: { params: recordParams } },
    async (request) =>
      ctx.storage.read(async (tx) => {
        const published = await apps.get(tx, request.params.app);
        const actor = await actorIn(ctx, tx, request, published);
        const rows = await tx.platform.approvals(published.stored.id, request.params.entity, request.params.id);
        const involved = rows.some((r) => (r.state as ApprovalState).steps.some((s) => s.approvers.includes(actor.id)));
        if (!involved) await readableRecord(tx, published, actor, request.params.entity, request.params.id);
        return {
          approvals: rows.map((r) => ({
            id: r.id,
            workflow: r.workflow,
            status: r.status,
            state: r.state,
            createdAt: r.createdAt,
            updatedAt: r.updatedAt,
          })),
        };
      }),
  );

  app.get<{ Params: { app: string }; Querystring: { limit?: number } }>(
    "/api/apps/:app/inbox",
    {
      schema: {
        params: { type: "object", properties: { app: id }, required: ["app"] },
        querystring: { type: "object", properties: { limit: { type: "integer", minimum: 1, maximum: 500 } } },
      },
    },
    async (request) =>
      ctx.storage.read(async (tx) => {
        const published = await apps.get(tx, request.params.app);
        const actor = await actorIn(ctx, tx, request, published);
        // A delegate sees the requests of the approvers they stand in for.
        const delegation = await delegationFor(tx, published, actor);
        const pending = (await tx.platform.pendingApprovals(published.stored.id)).filter((r) =>
          pendingFor(r.state as ApprovalState, actor.id, delegation),
        );
        const notifications = await tx.platform.inbox(actor.id, published.stored.id, request.query.limit ?? 100);
        // Titles and names so the inbox reads as people and deals, not ids (approvers may read the record).
        const records = tx.records(published.stored);
        const approvals = [];
        for (const r of pending) {
          const entity = published.stored.schema.entities?.find((e) => e.id === r.entity);
          const row = entity ? await records.get(r.entity, r.recordId) : undefined;
          const title = entity && row ? recordTitle(entity, row) : undefined;
          const submitter = (r.state as ApprovalState).submitter;
          const submitterName = submitter ? (await tx.platform.userById(submitter))?.displayName : undefined;
          approvals.push({
            id: r.id,
            workflow: r.workflow,
            entity: r.entity,
            recordId: r.recordId,
            ...(title === undefined ? {} : { title }),
            ...(submitterName ? { submitterName } : {}),
            state: r.state,
            updatedAt: r.updatedAt,
          });
        }
        return { approvals, notifications };
      }),
  );

  app.post<{ Params: { app: string; id: string } }>(
    "/api/apps/:app/inbox/:id/read",
    { schema: { params: { type: "object", properties: { app: id, id: recordId }, required: ["app", "id"] } } },
    async (request, reply) => {
      const principal = request.principal;
      if (!principal) throw httpError(401, "http.unauthenticated");
      const done = await ctx.storage.write((tx) =>
        tx.platform.markInboxRead(request.params.id, principal.user.id, ctx.clock.now().toISOString()),
      );
      if (!done) throw httpError(404, "http.notFound", { what: "notification", whatZh: "通知", id: request.params.id });
      return reply.status(204).send();
    },
  );
}
