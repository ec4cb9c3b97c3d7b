import {
  type App,
  type CompiledComputation,
  compileComputations,
  FieldTypes,
  type ImplementedFunction,
  indexApp,
  type Value,
  workflowIssue,
} from "@plinth/runtime";
import type { PublishedApp } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import { invalid } from "../http/errors.js";
import { compileFilter, prefetchPaths } from "../records/formulas.js";
import { updateRecord } from "../records/service.js";
import type { Actor } from "../records/userContext.js";
import type { Condition, RecordReader, Row, WriteTx } from "../storage/types.js";

const cache = new WeakMap<App, CompiledComputation[]>();

/** The computations of a published app version, compiled once (the schema object is the version). */
export function computationsOf(ctx: ServerContext, schema: App): CompiledComputation[] {
  let compiled = cache.get(schema);
  if (!compiled) {
    const model = indexApp(schema);
    const functions = ctx.runtime.functions as ReadonlyMap<string, ImplementedFunction>;
    compiled = compileComputations(schema, { model, types: new FieldTypes(model, functions), functions });
    cache.set(schema, compiled);
  }
  return compiled;
}

/** A formula literal for a match value (ids, numbers, booleans; blank matches blank). */
function equals(field: string, value: Value): string {
  if (value === null) return `ISBLANK(${field})`;
  if (typeof value === "number") return `${field} = ${value}`;
  if (typeof value === "boolean") return `${field} = ${value ? "TRUE" : "FALSE"}`;
  if (typeof value === "string") return `${field} = '${value.replaceAll("'", "''")}'`;
  return "FALSE";
}

/** Computations read at most this many records per run: a peer group, not a warehouse. */
export const MAX_COMPUTATION_RECORDS = 200_000;

export interface ComputationRun {
  readonly ctx: ServerContext;
  readonly tx: WriteTx;
  readonly published: PublishedApp;
  readonly actor: Actor;
  /** The run record's entity and the record after its transition. */
  readonly entity: string;
  readonly record: Row;
  readonly workflow: string;
  readonly transition: string;
  readonly requestId: string | null;
  readonly depth: number;
}

/**
 * Run the computations bound to a transition, in the order the app lists them, in the
 * transition's transaction: each reads the records that match the run record, computes in the
 * core, writes the changed values (validated and audited as `record.compute`, as the system
 * on behalf of the actor), writes its summary to the run record, and appends a
 * `computation.run` audit row with its log. A formula that fails refuses the whole transition.
 * Returns the run record as it is afterwards.
 */
export async function runComputations(run: ComputationRun): Promise<Row> {
  const { ctx, tx, published, actor, entity, workflow, transition, requestId, depth } = run;
  const due = computationsOf(ctx, published.stored.schema).filter((c) => c.runsOn(entity, workflow, transition));
  let current = run.record;
  if (due.length === 0) return current;
  const records = tx.records(published.stored);
  const base = { today: actor.env.today, now: actor.env.now, user: actor.env.user ?? { id: actor.id } };
  for (const computation of due) {
    const definition = computation.definition;
    const runValues = await prefetchPaths(published, records, entity, current, computation.runPaths);
    const matched = computation.matchValues(current, {
      ...base,
      lookup: (path) => (runValues.get(path.join(".")) ?? null) as never,
    });
    if (!matched.ok) throw invalid([matched.issue]);
    const text = Object.entries(matched.values)
      .map(([field, value]) => equals(field, value))
      .join(" AND ");
    const where: Condition =
      text === ""
        ? { kind: "all" }
        : { kind: "formula", typed: compileFilter(ctx, published, definition.entity, text, "computation") };
    const rows = await records.list(definition.entity, {
      where,
      env: base,
      sort: [{ field: "id", direction: "asc" }],
      limit: MAX_COMPUTATION_RECORDS + 1,
    });
    // Statistics over part of a group would be wrong, not slow: refuse rather than truncate.
    if (rows.length > MAX_COMPUTATION_RECORDS) {
      throw invalid([
        workflowIssue("workflow.computationTooLarge", "", {
          computation: definition.id,
          entity: definition.entity,
          limit: MAX_COMPUTATION_RECORDS,
        }),
      ]);
    }
    // Many records point to the same few (their period, their definition): read each related value once.
    const seen = new Map<string, Promise<unknown>>();
    const reader: RecordReader = Object.create(records, {
      lookup: {
        value: (entity: string, id: string, field: string) => {
          const key = `${entity}\u0000${id}\u0000${field}`;
          let value = seen.get(key);
          if (!value) {
            value = records.lookup(entity, id, field);
            seen.set(key, value);
          }
          return value;
        },
      },
    });
    const lookups = new Map<string, Map<string, unknown>>();
    if (computation.paths.length > 0) {
      for (const row of rows)
        lookups.set(String(row.id), await prefetchPaths(published, reader, definition.entity, row, computation.paths));
    }
    const result = computation.compute(rows, current, {
      ...base,
      lookup: (path, record) => (lookups.get(String(record.id))?.get(path.join(".")) ?? null) as never,
    });
    if (!result.ok) throw invalid([result.issue]);
    for (const update of result.updates) {
      await updateRecord(
        ctx,
        tx,
        published,
        actor,
        definition.entity,
        update.id,
        update.version,
        update.values,
        requestId,
        {
          system: true,
          depth: depth + 1,
          action: "record.compute",
        },
      );
    }
    await tx.platform.appendAudit({
      at: actor.env.now,
      userId: actor.id,
      requestId,
      action: "computation.run",
      appId: published.stored.id,
      entity,
      recordId: String(current.id),
      diff: { computation: definition.id, ...result.log, summary: result.summary },
    });
    if (Object.keys(result.summary).length > 0) {
      const fresh = (await records.get(entity, String(current.id))) ?? current;
      current = await updateRecord(
        ctx,
        tx,
        published,
        actor,
        entity,
        String(fresh.id),
        Number(fresh.version),
        result.summary,
        requestId,
        { system: true, depth: depth + 1, action: "record.compute" },
      );
    } else {
      current = (await records.get(entity, String(current.id))) ?? current;
    }
  }
  return current;
}
