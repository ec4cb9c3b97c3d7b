import type { AppModel } from "../app/model.js";
import { createAppScope, type FieldTypes } from "../app/scope.js";
import { compileFormulaText, type Formula, typedNodes } from "../expr/formula.js";
import type { ImplementedFunction } from "../expr/functions/implemented.js";
import type { FormulaType } from "../expr/types.js";
import type { EvalEnv, Value } from "../expr/values.js";
import type { Issue } from "../issues/issue.js";
import type { App, Computation } from "../schema/types.js";
import { mean, percentile, spearman, stdev, sum } from "./peerStats.js";
import { toValue } from "./values.js";

type Stat = NonNullable<Computation["stats"]>[string];
type Row = Readonly<Record<string, unknown>>;

/** Aggregates whose value belongs to one record (its own value placed in its partition). */
export const perRecordAggregates: ReadonlySet<string> = new Set(["percentRank", "rank"]);

/**
 * The variables of a computation's formulas over its records: `$stats.<id>` (numbers) and
 * `$run.<field>` (the run record's fields, typed as they are).
 */
export function computationVariables(
  types: FieldTypes,
  model: AppModel,
  computation: Pick<Computation, "runOn" | "stats">,
  withStats: boolean,
): Map<string, FormulaType> {
  const out = new Map<string, FormulaType>();
  if (withStats) for (const id of Object.keys(computation.stats ?? {})) out.set(`stats.${id}`, { kind: "number" });
  const run = model.entities.get(computation.runOn.entity);
  for (const [id, located] of run?.fields ?? []) {
    if (located.value.kind === "attachment") continue;
    const type = types.typeOf(computation.runOn.entity, located.value);
    if (type) out.set(`run.${id}`, type);
  }
  return out;
}

/** One record's changes. */
export interface ComputedUpdate {
  readonly id: string;
  readonly version: number;
  readonly values: Readonly<Record<string, Value>>;
}

export interface ComputationLog {
  /** Records matched and kept by `where`. */
  readonly records: number;
  /** Records whose values changed. */
  readonly updated: number;
  /** Distinct partitions per statistic. */
  readonly partitions: Readonly<Record<string, number>>;
}

export type ComputationResult =
  | {
      readonly ok: true;
      readonly updates: readonly ComputedUpdate[];
      /** Run-record field → value (the `summary`). */
      readonly summary: Readonly<Record<string, Value>>;
      readonly log: ComputationLog;
    }
  | { readonly ok: false; readonly issue: Issue };

/** A computation compiled once per published app version. */
export interface CompiledComputation {
  readonly definition: Computation;
  /** Relation paths (two segments or more) the formulas over the records read: fetch them ahead. */
  readonly paths: ReadonlyArray<readonly string[]>;
  /** Relation paths the `match` formulas read on the run record. */
  readonly runPaths: ReadonlyArray<readonly string[]>;
  /** Does this computation run when a record of `entity` takes `transition` of `workflow`? */
  runsOn(entity: string, workflow: string, transition: string): boolean;
  /** The values the records must have (target field → value), from the run record. */
  matchValues(run: Row, env: EvalEnv): { ok: true; values: Record<string, Value> } | { ok: false; issue: Issue };
  /**
   * Compute: `rows` are the records whose fields equal the match values, `env.lookup` answers
   * their relation paths. Pure: returns the changes, the summary and a log.
   */
  compute(rows: readonly Row[], run: Row, env: EvalEnv): ComputationResult;
}

export interface ComputationCompileContext {
  readonly model: AppModel;
  readonly types: FieldTypes;
  readonly functions: ReadonlyMap<string, ImplementedFunction>;
}

function relationPaths(formulas: ReadonlyArray<Formula | undefined>): Array<readonly string[]> {
  const seen = new Map<string, readonly string[]>();
  for (const f of formulas) {
    if (!f) continue;
    for (const node of typedNodes(f.typed)) {
      if (node.type === "field" && node.path.length > 1) seen.set(node.path.join("."), node.path);
    }
  }
  return [...seen.values()];
}

function asNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Compare a computed value with a stored one (booleans may be stored as 0/1). */
function sameValue(computed: Value, stored: unknown): boolean {
  const before = toValue(stored);
  if (typeof computed === "boolean" && typeof before === "number") return computed === (before === 1);
  if (typeof computed === "number" && typeof before === "number") return computed === before;
  return JSON.stringify(computed) === JSON.stringify(before);
}

interface CompiledStat {
  readonly id: string;
  readonly spec: Stat;
  readonly filter?: Formula;
}

/** The values of one statistic in one partition; what is derived from them is computed once. */
interface Group {
  readonly xs: number[];
  readonly pairs: Array<[number, number]>;
  count: number;
  /** `xs` ascending, for the per-record places (binary search instead of a scan per record). */
  sorted?: number[];
  /** The partition's value of a per-partition aggregate, once computed. */
  value?: number | null;
}

/** How many of the ascending `sorted` are < x (`strict`) or ≤ x. */
function bound(sorted: readonly number[], x: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as number;
    if (strict ? v < x : v <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function minOf(xs: readonly number[]): number | null {
  let out: number | null = null;
  for (const x of xs) if (out === null || x < out) out = x;
  return out;
}

function maxOf(xs: readonly number[]): number | null {
  let out: number | null = null;
  for (const x of xs) if (out === null || x > out) out = x;
  return out;
}

/**
 * Compile a computation of a valid app (`validateApp` reports bad formulas first; here they
 * throw). See docs/workflows.md, "Computations".
 */
export function compileComputation(definition: Computation, ctx: ComputationCompileContext): CompiledComputation {
  const compile = (entity: string, text: string, variables: Map<string, FormulaType>): Formula => {
    const result = compileFormulaText(text, createAppScope(ctx.types, ctx.model, entity, variables), ctx.functions);
    if (!result.ok)
      throw new Error(`computation '${definition.id}': '${text}' does not compile: ${result.issues[0]?.message.en}`);
    return result.formula;
  };
  const plain = computationVariables(ctx.types, ctx.model, definition, false);
  const withStats = computationVariables(ctx.types, ctx.model, definition, true);
  const match = Object.entries(definition.match ?? {}).map(
    ([field, text]) => [field, compile(definition.runOn.entity, text, new Map())] as const,
  );
  const where = definition.where === undefined ? undefined : compile(definition.entity, definition.where, plain);
  const statsOf = (specs: Record<string, Stat> | undefined): CompiledStat[] =>
    Object.entries(specs ?? {}).map(([id, spec]) => ({
      id,
      spec,
      ...(spec.filter === undefined ? {} : { filter: compile(definition.entity, spec.filter, plain) }),
    }));
  const stats = statsOf(definition.stats);
  const summary = statsOf(definition.summary);
  const values = Object.entries(definition.values).map(
    ([field, text]) => [field, compile(definition.entity, text, withStats)] as const,
  );
  const paths = relationPaths([
    where,
    ...values.map((v) => v[1]),
    ...stats.map((s) => s.filter),
    ...summary.map((s) => s.filter),
  ]);
  const runPaths = relationPaths(match.map((m) => m[1]));

  const holds = (formula: Formula | undefined, record: Row, env: EvalEnv): boolean | Issue => {
    if (!formula) return true;
    const result = formula.evaluate(record, env);
    return result.ok ? result.value === true : result.issue;
  };

  /** Values of one statistic, per partition key, over the records where its filter holds. */
  const gather = (stat: CompiledStat, records: readonly Row[], env: EvalEnv) => {
    const groups = new Map<string, Group>();
    for (const record of records) {
      const ok = holds(stat.filter, record, env);
      if (ok !== true) {
        if (ok === false) continue;
        return ok;
      }
      const key = partitionKey(stat.spec, record);
      let group = groups.get(key);
      if (!group) {
        group = { xs: [], pairs: [], count: 0 };
        groups.set(key, group);
      }
      const x = stat.spec.field === undefined ? null : asNumber(record[stat.spec.field]);
      if (stat.spec.field === undefined || x !== null) group.count++;
      if (x !== null) {
        group.xs.push(x);
        const y = stat.spec.with === undefined ? null : asNumber(record[stat.spec.with]);
        if (y !== null) group.pairs.push([x, y]);
      }
    }
    return groups;
  };

  const partitionKey = (spec: Stat, record: Row) =>
    JSON.stringify((spec.partitionBy ?? []).map((f) => toValue(record[f])));

  /** A per-partition aggregate over the group's values (see docs/workflows.md for each). */
  const ofPartition = (spec: Stat, group: Group | undefined): number | null => {
    const xs = group?.xs ?? [];
    switch (spec.aggregate) {
      case "count":
        return group?.count ?? 0;
      case "sum":
        return xs.length === 0 ? null : sum(xs);
      case "avg":
        return mean(xs);
      case "min":
        return minOf(xs);
      case "max":
        return maxOf(xs);
      case "stdev":
        return stdev(xs);
      case "percentile":
        return percentile(xs, spec.p ?? 50);
      case "spearman":
        return spearman(group?.pairs ?? []);
      case "percentRank":
      case "rank":
        return null;
    }
  };

  /**
   * The statistic for one record: its partition's value (computed once per partition), or for
   * `percentRank` and `rank` the record's own value placed among the partition's, as
   * `percentRank` and `rankDescending` of peerStats.ts define them, by binary search.
   */
  const aggregate = (spec: Stat, group: Group | undefined, own: Row): number | null => {
    if (!perRecordAggregates.has(spec.aggregate)) {
      if (!group) return ofPartition(spec, group);
      if (group.value === undefined) group.value = ofPartition(spec, group);
      return group.value;
    }
    const x = spec.field === undefined ? null : asNumber(own[spec.field]);
    if (x === null || !group || group.xs.length === 0) return null;
    group.sorted ??= [...group.xs].sort((a, b) => a - b);
    const n = group.sorted.length;
    const less = bound(group.sorted, x, true);
    const equal = bound(group.sorted, x, false) - less;
    if (spec.aggregate === "percentRank") return (less + 0.5 * equal) / n;
    const greater = n - less - equal;
    return equal === 0 ? greater + 1 : greater + (equal + 1) / 2;
  };

  return {
    definition,
    paths,
    runPaths,
    runsOn: (entity, workflow, transition) =>
      definition.runOn.entity === entity &&
      definition.runOn.workflow === workflow &&
      (definition.runOn.transition === undefined || definition.runOn.transition === transition),
    matchValues(run, env) {
      const out: Record<string, Value> = {};
      for (const [field, formula] of match) {
        const result = formula.evaluate(run, env);
        if (!result.ok) return { ok: false, issue: result.issue };
        out[field] = result.value;
      }
      return { ok: true, values: out };
    },
    compute(rows, run, env) {
      const runVars = { run: run as Record<string, unknown> };
      const base: EvalEnv = { ...env, variables: { ...env.variables, ...runVars } };
      const members: Row[] = [];
      for (const row of rows) {
        const ok = holds(where, row, base);
        if (ok === true) members.push(row);
        else if (ok !== false) return { ok: false, issue: ok };
      }
      const groups = new Map<string, Map<string, Group>>();
      const partitions: Record<string, number> = {};
      for (const stat of stats) {
        const gathered = gather(stat, members, base);
        if (!(gathered instanceof Map)) return { ok: false, issue: gathered };
        groups.set(stat.id, gathered);
        partitions[stat.id] = gathered.size;
      }
      const updates: ComputedUpdate[] = [];
      const after: Row[] = [];
      for (const record of members) {
        const statValues: Record<string, number | null> = {};
        for (const stat of stats) {
          const group = groups.get(stat.id)?.get(partitionKey(stat.spec, record));
          statValues[stat.id] = aggregate(stat.spec, group, record);
        }
        const recordEnv: EvalEnv = { ...base, variables: { ...base.variables, stats: statValues } };
        // Each value sees the values computed before it (a contribution can use a new weight).
        let current: Record<string, unknown> = { ...record };
        const changes: Record<string, Value> = {};
        for (const [field, formula] of values) {
          const result = formula.evaluate(current, recordEnv);
          if (!result.ok) return { ok: false, issue: result.issue };
          current = { ...current, [field]: result.value };
          if (!sameValue(result.value, record[field])) changes[field] = result.value;
        }
        after.push(current);
        if (Object.keys(changes).length > 0)
          updates.push({ id: String(record.id), version: Number(record.version), values: changes });
      }
      const summaryValues: Record<string, Value> = {};
      for (const stat of summary) {
        const gathered = gather({ ...stat, spec: { ...stat.spec, partitionBy: [] } }, after, base);
        if (!(gathered instanceof Map)) return { ok: false, issue: gathered };
        summaryValues[stat.id] = aggregate(stat.spec, gathered.get("[]"), {});
      }
      return {
        ok: true,
        updates,
        summary: summaryValues,
        log: { records: members.length, updated: updates.length, partitions },
      };
    },
  };
}

/** Every computation of an app, compiled. */
export function compileComputations(app: App, ctx: ComputationCompileContext): CompiledComputation[] {
  return (app.computations ?? []).map((c) => compileComputation(c, ctx));
}
