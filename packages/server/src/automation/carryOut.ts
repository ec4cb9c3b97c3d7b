import { type CompiledAutomation, type EvalEnv, type EvaluatedEffect, labelBoth } from "@plinth/runtime";
import type { PublishedApp } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { updateRecord } from "../records/service.js";
import type { Actor } from "../records/userContext.js";
import type { Row, WriteTx } from "../storage/types.js";
import { enqueueWebhook } from "../webhooks/outbox.js";
import { type ExtraEffectRunner, notifyUsers } from "../workflow/carryOut.js";
import { createOrFind, type EffectNames, setRelatedFields, withLinks } from "../workflow/effectRecords.js";
import { loadDirectory } from "../workflow/people.js";
import { systemActor } from "../workflow/timers.js";
import { takeTransition } from "../workflow/transitions.js";

/** One automation run to carry out, inside the transaction of the write (or timer) that caused it. */
export interface AutomationWork {
  readonly ctx: ServerContext;
  readonly tx: WriteTx;
  readonly published: PublishedApp;
  readonly automation: CompiledAutomation;
  readonly entity: string;
  /** The record the effects were evaluated on (the removed one after a delete). */
  readonly record: Readonly<Record<string, unknown>>;
  readonly deleted: boolean;
  readonly env: EvalEnv;
  /** Depth of the write that caused the run; the automation's own writes are one deeper. */
  readonly depth: number;
  readonly requestId: string | null;
}

type AuditTarget = Pick<AutomationWork, "tx" | "published" | "entity" | "record" | "requestId" | "env">;

/** Append an audit row about an automation, as the system user. */
export async function auditAutomation(
  work: AuditTarget,
  action: string,
  diff: Readonly<Record<string, unknown>>,
): Promise<void> {
  await work.tx.platform.appendAudit({
    at: work.env.now,
    userId: "system",
    requestId: work.requestId,
    action,
    appId: work.published.stored.id,
    entity: work.entity,
    recordId: typeof work.record.id === "string" ? work.record.id : null,
    diff,
  });
}

/**
 * Errors that refuse an effect before it wrote anything (validation, access, a stale version, a
 * unique value): the effect is skipped and audited, the user's write goes on. Anything else
 * (the database failing) is not ours to swallow and rolls the whole write back.
 */
function isRefusal(error: unknown): error is Error {
  if (error instanceof HttpError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  // SQLite's constraint codes; PostgreSQL's class 23 (integrity constraint violation).
  return typeof code === "string" && (code.startsWith("SQLITE_CONSTRAINT") || /^23\d{3}$/.test(code));
}

/**
 * Carry out an automation's evaluated effects in order. `automation.run` is audited first,
 * so the rows its effects write follow it in the audit chain. Writes go through the record
 * service as the system user (validated, audited as `record.automation`) one level deeper,
 * so the automations they trigger run too, up to the depth limit. An effect that is refused
 * is audited as `automation.failed` and the automation's remaining effects are skipped (those
 * already carried out stay: the storage layer has no savepoints).
 */
export async function carryOut(work: AutomationWork, effects: readonly EvaluatedEffect[]): Promise<void> {
  const recordId = typeof work.record.id === "string" ? work.record.id : null;
  await auditAutomation(work, "automation.run", {
    automation: work.automation.id,
    entity: work.entity,
    record: recordId,
    effects: effects.length,
    depth: work.depth,
  });
  const actor = systemActor(work.ctx, work.env.now);
  const names: EffectNames = new Map();
  for (const [index, effect] of effects.entries()) {
    try {
      await carryOutOne(work, actor, effect, recordId, names);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      await auditAutomation(work, "automation.failed", {
        automation: work.automation.id,
        effect: index,
        kind: effect.kind,
        code: error instanceof HttpError ? error.code : "storage.constraint",
        message: error instanceof HttpError ? error.messages : { en: error.message, "zh-CN": error.message },
      });
      return;
    }
  }
}

async function carryOutOne(
  work: AutomationWork,
  actor: Actor,
  effect: EvaluatedEffect,
  recordId: string | null,
  names: EffectNames,
): Promise<void> {
  const { ctx, tx, published, entity, depth, requestId } = work;
  const current =
    recordId === null || work.deleted ? undefined : await tx.records(published.stored).get(entity, recordId);
  switch (effect.kind) {
    case "setFields":
      // On the related record: also after a delete (a removed line item still updates its deal).
      if (effect.relation !== undefined) {
        const values = withLinks(effect.values, effect.links, names);
        const source = current ?? work.record;
        await setRelatedFields(
          ctx,
          tx,
          published,
          actor,
          entity,
          source,
          effect.relation,
          values,
          requestId,
          depth + 1,
          "record.automation",
        );
        return;
      }
      if (!current || recordId === null) return skipped(work, effect.kind);
      await updateRecord(
        ctx,
        tx,
        published,
        actor,
        entity,
        recordId,
        Number(current.version),
        withLinks(effect.values, effect.links, names),
        requestId,
        {
          depth: depth + 1,
          system: true,
          action: "record.automation",
        },
      );
      return;
    case "createRecord":
      await createOrFind(ctx, tx, published, actor, effect, names, requestId, depth + 1);
      return;
    case "notify": {
      const expand = (roles: readonly string[]) => published.policy.rolesOf(roles);
      const directory = await loadDirectory(ctx, tx, published.stored.schema, published.stored.id, entity, expand);
      const record = work.record as Row;
      const context = { ctx, tx, published, actor, entity, directory, requestId, depth };
      const users = directory
        .resolve(effect.to, record, work.env)
        .filter((id) => !directory.users.get(id)?.user.disabled);
      await notifyUsers(context, users, labelBoth(effect.message, ""), record, "automation");
      return;
    }
    case "webhook":
      await enqueueWebhook(ctx, tx, effect.url, {
        event: "automation",
        app: published.stored.id,
        source: work.automation.id,
        entity,
        record: recordId,
        at: work.env.now,
        data: effect.body,
      });
      return;
    case "transition":
      if (!current || recordId === null) return skipped(work, effect.kind);
      await takeTransition(ctx, tx, published, actor, entity, recordId, effect.workflow, effect.transition, requestId, {
        depth: depth + 1,
        extra: workflowEffectRunner(ctx),
      });
      return;
  }
}

async function skipped(work: AutomationWork, kind: EvaluatedEffect["kind"]): Promise<void> {
  await auditAutomation(work, "automation.effectSkipped", {
    automation: work.automation.id,
    kind,
    reason: "the record no longer exists",
  });
}

/**
 * The runner of the effects the workflow engine leaves to this feature: a stage machine's or
 * an approval's `webhook` goes to the outbox (source "workflow"), its `transition` is taken
 * as the system user (the engine's own `carryOut` passes them here).
 */
export function workflowEffectRunner(ctx: ServerContext): ExtraEffectRunner {
  const runner: ExtraEffectRunner = async (event, effect) => {
    const recordId = typeof event.record.id === "string" ? event.record.id : null;
    if (effect.kind === "webhook") {
      await enqueueWebhook(ctx, event.tx, effect.url, {
        event: "workflow",
        app: event.published.stored.id,
        source: event.workflow ?? "workflow",
        entity: event.entity,
        record: recordId,
        at: event.actor.env.now,
        data: effect.body,
      });
    } else if (effect.kind === "transition" && recordId !== null) {
      const actor = systemActor(ctx, event.actor.env.now);
      await takeTransition(
        ctx,
        event.tx,
        event.published,
        actor,
        event.entity,
        recordId,
        effect.workflow,
        effect.transition,
        event.requestId,
        { depth: event.depth, extra: runner },
      );
    }
  };
  return runner;
}
