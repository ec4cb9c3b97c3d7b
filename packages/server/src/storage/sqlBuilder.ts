import {
  type ImplementedFunction,
  type SqlBindValue,
  type SqlDialect,
  type SqlEnv,
  type TypedNode,
  translateToSql,
} from "@plinth/runtime";
import type { CompiledApp, EntityInfo } from "./sqlite/compiledApp.js";
import { type Condition, SqlTranslationError } from "./types.js";

/** Double-quoted SQL identifier (the same in SQLite and PostgreSQL). */
export function q(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** What differs between the databases when a statement is built. */
export interface SqlFlavour<Bound> {
  /** The formula language's translation to this database. */
  readonly dialect: SqlDialect;
  /** The placeholder of the `index`-th (1-based) parameter; `typed` for a formula's value. */
  placeholder(index: number, value: unknown, typed: boolean): string;
  /** A parameter's value as the driver takes it (e.g. SQLite has no booleans). */
  bind(value: unknown): unknown;
  /** The parameters in the form the driver takes them. */
  bound(params: readonly unknown[]): Bound;
  readonly true: string;
  readonly false: string;
  /**
   * `SUM(value)` that answers the same whatever order the rows come in, so a balance reads the
   * same in a rollup and in a report over the same rows (money stored as doubles).
   */
  sum(value: string): string;
  /** `AVG(value)`, likewise independent of the rows' order. */
  avg(value: string): string;
}

/**
 * Builds one SQL statement: collects bound parameters and hands out table aliases, and turns
 * field paths and typed formulas into SQL over the app's tables. Values are always bound.
 * The same builder serves SQLite and PostgreSQL; a {@link SqlFlavour} says what differs.
 */
export class SqlBuilder<Bound = unknown> {
  private readonly values: unknown[] = [];
  private aliases = 0;

  constructor(
    readonly app: CompiledApp,
    readonly functions: ReadonlyMap<string, ImplementedFunction>,
    readonly flavour: SqlFlavour<Bound>,
  ) {}

  /** The parameters so far, as the driver takes them. */
  get params(): Bound {
    return this.flavour.bound(this.values);
  }

  /** A parameter whose type the database infers from where it is used (a column, LIMIT). */
  param(value: unknown): string {
    this.values.push(this.flavour.bind(value));
    return this.flavour.placeholder(this.values.length, value, false);
  }

  /** A formula's value: on PostgreSQL its placeholder carries its type. */
  typed(value: SqlBindValue): string {
    this.values.push(this.flavour.bind(value));
    return this.flavour.placeholder(this.values.length, value, true);
  }

  alias(): string {
    this.aliases += 1;
    return `a${this.aliases}`;
  }

  entity(id: string): EntityInfo {
    const info = this.app.entities.get(id);
    if (!info) throw new Error(`Unknown entity ${id}`);
    return info;
  }

  /** SQL for a field path read from the row `alias` of `entity` (following relations, computing rollups). */
  column(entity: EntityInfo, alias: string, path: readonly string[], env: SqlEnv): string {
    const [head, ...rest] = path;
    if (head === undefined) throw new Error("empty path");
    const field = entity.model.fields.get(head)?.value;
    if (rest.length > 0) {
      if (field?.kind !== "relation") throw new Error(`${head} is not a relation`);
      const target = this.entity(field.target);
      const a = this.alias();
      return `(SELECT ${this.column(target, a, rest, env)} FROM ${q(target.table)} ${a} WHERE ${a}.id = ${alias}.${q(head)})`;
    }
    if (field?.kind === "rollup") return this.rollup(entity, alias, head, env);
    return `${alias}.${q(head)}`;
  }

  private rollup(entity: EntityInfo, alias: string, fieldId: string, env: SqlEnv): string {
    const spec = entity.rollups.find((r) => r.field.id === fieldId);
    if (!spec) throw new Error(`Unknown rollup ${fieldId}`);
    const { field } = spec;
    const child = this.entity(field.from);
    const c = this.alias();
    const value = field.field === undefined ? "*" : this.column(child, c, [field.field], env);
    const filter = spec.filter ? ` AND (${this.formula(spec.filter, child, c, env)})` : "";
    const from = `FROM ${q(child.table)} ${c} WHERE ${c}.${q(field.via)} = ${alias}.id${filter}`;
    switch (field.aggregate) {
      case "count":
        return `(SELECT COUNT(${value}) ${from})`;
      case "sum":
        return `(SELECT COALESCE(${this.flavour.sum(value)}, 0) ${from})`;
      case "avg":
        return `(SELECT ${this.flavour.avg(value)} ${from})`;
      case "min":
        return `(SELECT MIN(${value}) ${from})`;
      case "max":
        return `(SELECT MAX(${value}) ${from})`;
    }
  }

  formula(typed: TypedNode, entity: EntityInfo, alias: string, env: SqlEnv): string {
    return this.formulaOver(typed, (path) => this.column(entity, alias, path, env), env);
  }

  /** A typed formula whose field paths `column` turns into SQL (a measure expression reads other measures). */
  formulaOver(typed: TypedNode, column: (path: readonly string[]) => string, env: SqlEnv): string {
    const result = translateToSql(typed, {
      dialect: this.flavour.dialect,
      functions: this.functions,
      column,
      param: (value) => this.typed(value),
      env,
    });
    if (!result.ok) throw new SqlTranslationError(result.issues);
    return result.sql;
  }

  condition(condition: Condition, entity: EntityInfo, alias: string, env: SqlEnv): string {
    const { true: yes, false: no } = this.flavour;
    switch (condition.kind) {
      case "all":
        return yes;
      case "none":
        return no;
      case "formula":
        // Conditions are only combined with AND and OR, which are monotone, so a blank
        // (NULL) part behaves exactly as FALSE in WHERE; no COALESCE, so indexes still apply.
        return this.formula(condition.typed, entity, alias, env);
      case "and":
        return condition.items.length === 0
          ? yes
          : condition.items.map((c) => `(${this.condition(c, entity, alias, env)})`).join(" AND ");
      case "or":
        return condition.items.length === 0
          ? no
          : condition.items.map((c) => `(${this.condition(c, entity, alias, env)})`).join(" OR ");
    }
  }
}
