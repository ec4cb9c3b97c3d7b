import type { AccessPolicy, AccessUser } from "../access/access.types.js";
import { userEnv } from "../access/env.js";
import type { AppModel } from "../app/model.js";
import type { FieldTypes } from "../app/scope.js";
import { createAppScope } from "../app/scope.js";
import { compensatedSum } from "../data/compensatedSum.js";
import { compileFormulaText, type Formula } from "../expr/formula.js";
import type { ImplementedFunction } from "../expr/functions/implemented.js";
import { compareText, type EvalEnv } from "../expr/values.js";
import type { Field } from "../fields/index.js";
import type { Runtime } from "../runtime.js";
import type { App } from "../schema/types.js";
import type { ApprovalState } from "../workflow/approval.types.js";
import { percentile } from "../workflow/peerStats.js";
import type { SourceNotification, SourceRecord, StageHistoryEntry } from "./types.js";

/** A person the memory source knows: the acting user and the directory approvals resolve against. */
export interface MemoryUser {
  readonly id: string;
  readonly username?: string;
  readonly displayName?: string;
  /** Own roles in the app (inherited ones are added by the policy). */
  readonly roles: readonly string[];
  /** `$user.*` (region, team, manager, delegate, awayFrom, awayUntil, ...). */
  readonly attributes?: Readonly<Record<string, unknown>>;
  /** Platform administrator: every permission, like on the server. */
  readonly isAdmin?: boolean;
  readonly disabled?: boolean;
}

export interface ApprovalRow {
  readonly id: string;
  readonly entity: string;
  readonly recordId: string;
  readonly workflow: string;
  status: string;
  state: ApprovalState;
  revision: number;
  readonly createdAt: string;
  updatedAt: string;
}

/** Everything the memory source holds; shared by the sources `as()` hands out. */
export interface MemoryState {
  /** Stored rows per entity (rollups are computed on read, never stored), in insertion order. */
  readonly rows: Map<string, Map<string, SourceRecord>>;
  readonly counters: Map<string, number>;
  readonly history: StageHistoryEntry[];
  readonly approvals: ApprovalRow[];
  readonly inbox: SourceNotification[];
  readonly idempotency: Map<string, { readonly fingerprint: string; readonly body: SourceRecord }>;
  readonly users: Map<string, MemoryUser>;
}

/** The compiled app and the host's clock and ids: what every memory operation reads. */
export interface MemoryContext {
  readonly app: App;
  readonly model: AppModel;
  readonly types: FieldTypes;
  readonly functions: ReadonlyMap<string, ImplementedFunction>;
  readonly runtime: Runtime;
  readonly policy: AccessPolicy;
  readonly state: MemoryState;
  readonly clock: () => string;
  readonly newId: () => string;
  readonly formulas: Map<string, ReturnType<typeof compileFormulaText>>;
}

/** Who acts, at which moment (read once per call from the injected clock). */
export interface MemoryActor {
  readonly id: string;
  readonly isAdmin: boolean;
  readonly user: MemoryUser;
  readonly access: AccessUser;
  readonly now: string;
  readonly today: string;
}

const text = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? null : String(v));

export function actorOf(ctx: MemoryContext, user: MemoryUser): MemoryActor {
  const attributes = user.attributes ?? {};
  const now = ctx.clock();
  return {
    id: user.id,
    isAdmin: user.isAdmin === true,
    user,
    access: {
      ...attributes,
      id: user.id,
      roles: user.roles,
      region: text(attributes.region),
      team: text(attributes.team),
    },
    now,
    today: now.slice(0, 10),
  };
}

export function fieldOf(ctx: MemoryContext, entity: string, id: string): Field | undefined {
  return ctx.model.entities.get(entity)?.fields.get(id)?.value;
}

export function rowsOf(ctx: MemoryContext, entity: string): Map<string, SourceRecord> {
  let rows = ctx.state.rows.get(entity);
  if (!rows) {
    rows = new Map();
    ctx.state.rows.set(entity, rows);
  }
  return rows;
}

/** A boolean formula of `entity` compiled once (`extra` adds `$approver.*`). */
export function formulaOf(
  ctx: MemoryContext,
  entity: string,
  source: string,
  extra?: Parameters<typeof createAppScope>[3],
): ReturnType<typeof compileFormulaText> {
  const key = `${entity}\u0000${extra ? "approver" : ""}\u0000${source}`;
  let compiled = ctx.formulas.get(key);
  if (!compiled) {
    compiled = compileFormulaText(source, createAppScope(ctx.types, ctx.model, entity, extra), ctx.functions, {
      expected: "boolean",
    });
    ctx.formulas.set(key, compiled);
  }
  return compiled;
}

/** True only when the formula evaluates to TRUE (blank and failures are not), as in a SQL WHERE. */
export function holds(formula: Formula, record: Readonly<Record<string, unknown>>, env: EvalEnv): boolean {
  const result = formula.evaluate(record, env);
  return result.ok && result.value === true;
}

/** The formula environment of an actor on records of `entity`: relation paths resolve in memory. */
export function envFor(ctx: MemoryContext, actor: MemoryActor, entity: string): EvalEnv {
  const env: EvalEnv = userEnv(actor.access, actor.today, actor.now, (path, record) =>
    follow(ctx, entity, record, path, env),
  );
  return env;
}

/** A relation path read from `record` of `entity` (`account.region`); blank when a link is missing. */
export function follow(
  ctx: MemoryContext,
  entity: string,
  record: Readonly<Record<string, unknown>>,
  path: readonly string[],
  env: EvalEnv,
): unknown {
  let current = entity;
  let row: Readonly<Record<string, unknown>> = record;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string;
    if (i === path.length - 1) return fieldValue(ctx, current, row, segment, env);
    const field = fieldOf(ctx, current, segment);
    const id = row[segment];
    if (field?.kind !== "relation" || id === null || id === undefined) return null;
    const target = ctx.state.rows.get(field.target)?.get(String(id));
    if (!target) return null;
    current = field.target;
    row = target;
  }
  return null;
}

function fieldValue(
  ctx: MemoryContext,
  entity: string,
  row: Readonly<Record<string, unknown>>,
  id: string,
  env: EvalEnv,
): unknown {
  const field = fieldOf(ctx, entity, id);
  if (field?.kind === "rollup") return rollup(ctx, entity, field, row, env);
  return row[id] ?? null;
}

/** A rollup as the server's SQL computes it: COUNT, COALESCE(SUM, 0), AVG, MIN, MAX over the linked rows. */
function rollup(
  ctx: MemoryContext,
  _entity: string,
  field: Extract<Field, { kind: "rollup" }>,
  row: Readonly<Record<string, unknown>>,
  env: EvalEnv,
): unknown {
  const filter = field.filter === undefined ? undefined : formulaOf(ctx, field.from, field.filter);
  const childEnv: EvalEnv = { ...env, lookup: (path, record) => follow(ctx, field.from, record, path, childEnv) };
  const children = [...rowsOf(ctx, field.from).values()].filter(
    (c) => c[field.via] === row.id && (!filter || (filter.ok && holds(filter.formula, c, childEnv))),
  );
  if (field.aggregate === "count" && field.field === undefined) return children.length;
  const values = children
    .map((c) => (field.field === undefined ? 1 : fieldValue(ctx, field.from, c, field.field, childEnv)))
    .filter((v) => v !== null && v !== undefined);
  return aggregate(field.aggregate, values.map(stored));
}

/** SQLite's aggregates over non-blank values (COUNT, SUM coalesced to 0, AVG, MIN, MAX, MEDIAN, PERCENTILE). */
export function aggregate(
  kind: "count" | "countDistinct" | "sum" | "avg" | "min" | "max" | "median" | "percentile",
  values: unknown[],
  p = 50,
): unknown {
  switch (kind) {
    case "median":
    case "percentile":
      return percentile(
        values.map((v) => Number(v)),
        kind === "median" ? 50 : p,
      );
    case "count":
      return values.length;
    case "countDistinct":
      return new Set(values.map((v) => JSON.stringify(v))).size;
    case "sum":
      return compensatedSum(values);
    case "avg":
      return values.length === 0 ? null : compensatedSum(values) / values.length;
    case "min":
    case "max": {
      if (values.length === 0) return null;
      const sorted = [...values].sort(compareStored);
      return kind === "min" ? sorted[0] : sorted.at(-1);
    }
  }
}

/** A stored record with its rollups computed, as the server's SELECT returns it. */
export function materialize(ctx: MemoryContext, entity: string, row: SourceRecord, env: EvalEnv): SourceRecord {
  const rollups = [...(ctx.model.entities.get(entity)?.fields.values() ?? [])].filter((f) => f.value.kind === "rollup");
  if (rollups.length === 0) return { ...row };
  const out: SourceRecord = { ...row };
  for (const { value } of rollups) out[value.id] = fieldValue(ctx, entity, row, value.id, env);
  return out;
}

/** A value as SQLite holds it: booleans 1/0, lists and objects as JSON text, blank as null. */
export function stored(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

/** SQLite's order of stored values: NULL, then numbers, then text (by code point). */
export function compareStored(a: unknown, b: unknown): number {
  const x = stored(a);
  const y = stored(b);
  const rank = (v: unknown) => (v === null ? 0 : typeof v === "number" ? 1 : 2);
  const r = rank(x) - rank(y);
  if (r !== 0) return r;
  if (x === null) return 0;
  if (typeof x === "number" && typeof y === "number") return x - y;
  return compareText(String(x), String(y));
}

/** Stable JSON (keys sorted), for idempotency fingerprints. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => compareText(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
