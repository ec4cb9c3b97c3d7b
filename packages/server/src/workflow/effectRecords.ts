import type { EvaluatedEffect, Value } from "@plinth/runtime";
import type { PublishedApp } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import { compileFilter } from "../records/formulas.js";
import { createRecord, updateRecord } from "../records/service.js";
import type { Actor } from "../records/userContext.js";
import type { WriteTx } from "../storage/types.js";

/**
 * The records the createRecord effects of one effect list created or found, by their `as`
 * name: later effects of the list link fields to them (`links`).
 */
export type EffectNames = Map<string, string | null>;

/** The values with each linked field set to the id of the named record. */
export function withLinks(
  values: Readonly<Record<string, unknown>>,
  links: Readonly<Record<string, string>> | undefined,
  names: EffectNames,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const [field, name] of Object.entries(links ?? {})) {
    // validateApp checks that a link names an earlier effect; a find that found nothing
    // (ifMissing: skip) clears the field.
    if (!names.has(name)) throw new Error(`effect link '${field}' names '${name}', which made no record`);
    out[field] = names.get(name) ?? null;
  }
  return out;
}

/**
 * Set fields of the record a relation field of `record` points to (setFields with `relation`),
 * as a system change at its current version. Nothing happens when the relation is blank or the
 * related record is gone. Returns whether it wrote.
 */
export async function setRelatedFields(
  ctx: ServerContext,
  tx: WriteTx,
  published: PublishedApp,
  actor: Actor,
  entity: string,
  record: Readonly<Record<string, unknown>>,
  relation: string,
  values: Readonly<Record<string, unknown>>,
  requestId: string | null,
  depth: number,
  action: string,
): Promise<boolean> {
  const field = published.stored.schema.entities?.find((e) => e.id === entity)?.fields.find((f) => f.id === relation);
  const id = record[relation];
  if (field?.kind !== "relation" || typeof id !== "string" || id === "") return false;
  const related = await tx.records(published.stored).get(field.target, id);
  if (!related) return false;
  await updateRecord(ctx, tx, published, actor, field.target, id, Number(related.version), values, requestId, {
    depth,
    system: true,
    action,
  });
  return true;
}

/** A formula literal of a key value, or undefined for values a key cannot hold (lists, blanks). */
function literal(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : `'${value.replaceAll("'", "''")}'`;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return undefined;
}

/**
 * Carry out a createRecord effect: with `findBy`, the first key set whose values are all
 * filled and equal those of an existing record (the oldest, if several) gives that record and
 * nothing is created; otherwise the record is created through the record service. The id is
 * remembered under `as`. With `ifMissing: "skip"` nothing is created when no key set matches
 * and the name holds blank. Returns the id (null when skipped) and whether it was found.
 */
export async function createOrFind(
  ctx: ServerContext,
  tx: WriteTx,
  published: PublishedApp,
  actor: Actor,
  effect: Extract<EvaluatedEffect, { kind: "createRecord" }>,
  names: EffectNames,
  requestId: string | null,
  depth: number,
): Promise<{ id: string | null; found: boolean }> {
  const values = withLinks(effect.values, effect.links, names);
  for (const keys of effect.findBy ?? []) {
    const parts = keys.map((key) => {
      const lit = literal(values[key] as Value | undefined);
      return lit === undefined ? undefined : `${key} = ${lit}`;
    });
    if (parts.some((p) => p === undefined)) continue;
    const typed = compileFilter(ctx, published, effect.entity, parts.join(" AND "), "/findBy");
    const [hit] = await tx.records(published.stored).list(effect.entity, {
      where: { kind: "formula", typed },
      env: actor.env,
      sort: [{ field: "createdAt", direction: "asc" }],
      limit: 1,
    });
    if (hit) {
      if (effect.as) names.set(effect.as, String(hit.id));
      return { id: String(hit.id), found: true };
    }
  }
  if (effect.ifMissing === "skip") {
    if (effect.as) names.set(effect.as, null);
    return { id: null, found: false };
  }
  const row = await createRecord(ctx, tx, published, actor, effect.entity, values, requestId, depth);
  if (effect.as) names.set(effect.as, String(row.id));
  return { id: String(row.id), found: false };
}
