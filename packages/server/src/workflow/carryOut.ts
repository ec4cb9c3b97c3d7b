import type { EvaluatedEffect, LocalizedMessage } from "@plinth/runtime";
import { labelBoth } from "@plinth/runtime";
import type { PublishedApp } from "../apps/published.js";
import type { ServerContext, WriteEvent } from "../http/context.js";
import { updateRecord } from "../records/service.js";
import type { Actor } from "../records/userContext.js";
import type { Row, WriteTx } from "../storage/types.js";
import { createOrFind, type EffectNames, setRelatedFields, withLinks } from "./effectRecords.js";
import type { Directory } from "./people.js";

/** Runs effects the workflow engine does not carry out itself (webhooks, transitions): set by the automation plugin. */
export type ExtraEffectRunner = (event: WriteEvent, effect: EvaluatedEffect) => Promise<void>;

export interface CarryOutContext {
  readonly ctx: ServerContext;
  readonly tx: WriteTx;
  readonly published: PublishedApp;
  readonly actor: Actor;
  readonly entity: string;
  readonly directory: Directory;
  readonly requestId: string | null;
  readonly depth: number;
  readonly extra?: ExtraEffectRunner;
}

/** Put a notification in the in-app inbox of each user. */
export async function notifyUsers(
  c: CarryOutContext,
  users: readonly string[],
  message: LocalizedMessage,
  record: Row,
  kind = "notification",
): Promise<void> {
  for (const userId of new Set(users)) {
    await c.tx.platform.insertInbox({
      id: c.ctx.newId(),
      userId,
      appId: c.published.stored.id,
      kind,
      entity: c.entity,
      recordId: String(record.id),
      message,
      createdAt: c.actor.env.now,
      readAt: null,
    });
  }
}

/**
 * Carry out evaluated effects in the current transaction: set fields of the record (validated,
 * audited, as a system change), create records, notify people; webhooks and transitions go
 * to the automation plugin's runner. Returns the record as it is afterwards.
 */
export async function carryOut(c: CarryOutContext, record: Row, effects: readonly EvaluatedEffect[]): Promise<Row> {
  let current = record;
  const names: EffectNames = new Map();
  for (const effect of effects) {
    switch (effect.kind) {
      case "setFields":
        if (effect.relation !== undefined) {
          const values = withLinks(effect.values, effect.links, names);
          await setRelatedFields(
            c.ctx,
            c.tx,
            c.published,
            c.actor,
            c.entity,
            current,
            effect.relation,
            values,
            c.requestId,
            c.depth + 1,
            "record.effect",
          );
          break;
        }
        current = await updateRecord(
          c.ctx,
          c.tx,
          c.published,
          c.actor,
          c.entity,
          String(current.id),
          Number(current.version),
          withLinks(effect.values, effect.links, names),
          c.requestId,
          {
            system: true,
            depth: c.depth + 1,
            action: "record.effect",
          },
        );
        break;
      case "createRecord":
        await createOrFind(
          c.ctx,
          c.tx,
          c.published,
          { ...c.actor, isAdmin: true },
          effect,
          names,
          c.requestId,
          c.depth + 1,
        );
        break;
      case "notify":
        await notifyUsers(
          c,
          c.directory.resolve(effect.to, current, {
            today: c.actor.env.today,
            now: c.actor.env.now,
            user: c.actor.env.user ?? { id: c.actor.id },
            lookup: () => null,
          }),
          labelBoth(effect.message, ""),
          current,
        );
        break;
      case "webhook":
      case "transition":
        if (c.extra) {
          await c.extra(
            {
              tx: c.tx,
              published: c.published,
              actor: c.actor,
              entity: c.entity,
              kind: "update",
              record: current,
              depth: c.depth + 1,
              requestId: c.requestId,
            },
            effect,
          );
        }
        break;
    }
  }
  return current;
}
