import type { Issue } from "../issues/issue.js";
import type { TypedNode } from "./ast.js";
import { backendIssue } from "./backendMessages.js";
import { checkValue, readVariable } from "./compileOps.js";
import { type TypedTree, typedTree } from "./compileTree.js";
import type { ImplementedFunction, SqlCallContext } from "./functions/implemented.js";
import { textSql } from "./functions/text.js";
import type { SqlBindValue, SqlDialect } from "./sqlDialect.js";
import type { FormulaTypeKind } from "./types.js";
import type { EvalEnv, EvalUser, Value } from "./values.js";

/** Values of context variables, bound as parameters (`TODAY()`, `$user.id`). */
export interface SqlEnv {
  readonly today?: string;
  readonly now?: string;
  readonly user?: EvalUser;
}

export interface SqlTranslateOptions {
  readonly dialect: SqlDialect;
  readonly functions: ReadonlyMap<string, ImplementedFunction>;
  /** The SQL expression of a field path (`["account", "region"]` may be a subquery). */
  column(path: readonly string[]): string;
  /**
   * Record a bound value and return its placeholder. The placeholder may be used more than
   * once, so it must name the value (`@p1`, `$1`), not be a bare `?`.
   * See `createSqlParameters`.
   */
  param(value: SqlBindValue): string;
  readonly env?: SqlEnv;
  /** JSON Pointer of the formula in the app schema, for issues. */
  readonly path?: string;
}

/** An SQL expression (usable as a value and in WHERE), or why the formula cannot run in SQL. */
export type SqlTranslation =
  | { readonly ok: true; readonly sql: string }
  | { readonly ok: false; readonly issues: readonly Issue[] };

const SIMPLE =
  /^(?:@p\d+|\$\d+(?:::\w+)?|NULL|\d+|'[^']*'|"(?:[^"]|"")*"(?:\."(?:[^"]|"")*")*|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)$/;

/**
 * Translate a type-checked formula into an SQL expression. Every value — literals, `$user`
 * fields, TODAY() — is a bound parameter; user text never becomes SQL text.
 *
 * @example
 * const params = createSqlParameters(sqliteDialect);
 * const result = translateToSql(typed, { dialect: sqliteDialect, functions: standardFunctions,
 *   column: (path) => sqliteDialect.quoteIdent(path.join("_")), param: params.param });
 * if (result.ok) db.prepare(`SELECT * FROM deal WHERE ${result.sql}`).all(params.named);
 */
export function translateToSql(typed: TypedNode, options: SqlTranslateOptions): SqlTranslation {
  const translator = new Translator(options);
  const sql = translator.node(typedTree(typed));
  return translator.issues.length === 0 ? { ok: true, sql } : { ok: false, issues: translator.issues };
}

/**
 * The kind an always-blank argument stands for (only databases that type NULL ask): conditions
 * of IF, IFS, AND, OR, NOT are booleans; their values, SWITCH's matches and results take the
 * kind of a value beside them; any other function's argument takes a sibling's kind.
 */
function argumentKind(n: Extract<TypedTree, { type: "call" }>, index: number): FormulaTypeKind {
  const known = (indexes: readonly number[], fallback: FormulaTypeKind): FormulaTypeKind =>
    indexes.map((i) => n.args[i]?.valueType.kind).find((k) => k !== undefined && k !== "null") ?? fallback;
  const all = n.args.map((_, i) => i);
  const result = n.valueType.kind;
  switch (n.name) {
    case "AND":
    case "OR":
    case "NOT":
      return "boolean";
    case "IF":
      return index === 0 ? "boolean" : known([1, 2], result);
    case "IFS":
      return index % 2 === 0
        ? "boolean"
        : known(
            all.filter((i) => i % 2 === 1),
            result,
          );
    case "SWITCH": {
      const hasDefault = n.args.length % 2 === 0;
      const last = n.args.length - 1;
      const matches = all.filter((i) => i === 0 || (i % 2 === 1 && !(hasDefault && i === last)));
      const results = all.filter((i) => !matches.includes(i));
      return matches.includes(index) ? known(matches, "text") : known(results, result);
    }
    default:
      return known(all, result);
  }
}

class Translator implements SqlCallContext {
  readonly issues: Issue[] = [];
  readonly dialect: SqlDialect;
  private aliases = 0;

  constructor(private readonly options: SqlTranslateOptions) {
    this.dialect = options.dialect;
  }

  share(sql: string, body: (ref: string) => string): string {
    if (SIMPLE.test(sql)) return body(sql);
    const alias = this.dialect.quoteIdent(`_v${this.aliases++}`);
    return this.dialect.bind(sql, alias, body(alias));
  }

  param(value: Value): string {
    return value === null ? "NULL" : this.options.param(this.dialect.bindValue(value));
  }

  contextParam(name: "today" | "now"): string {
    const value = this.options.env?.[name];
    if (value === undefined) return this.missing(`$${name}`);
    return this.param(value);
  }

  private missing(variable: string): string {
    this.issues.push(backendIssue("formula.sqlContextMissing", this.options.path ?? "", { variable }));
    return "NULL";
  }

  private notInSql(construct: string, node: TypedTree): string {
    const { start, end } = node.span;
    this.issues.push(backendIssue("formula.notInSql", this.options.path ?? "", { construct, start, end }));
    return "NULL";
  }

  node(n: TypedTree): string {
    switch (n.type) {
      case "number":
      case "string":
        return this.param(n.value);
      case "boolean":
        return this.dialect.booleanLiteral(n.value);
      case "blank":
        return "NULL";
      case "field": {
        const column = this.options.column(n.path);
        return SIMPLE.test(column) ? column : `(${column})`;
      }
      case "variable":
        return this.variable(n);
      case "unary":
        return n.op === "-" ? `(-${this.operand(n.operand, "number")})` : `(NOT ${this.operand(n.operand, "boolean")})`;
      case "binary":
        return this.binary(n);
      case "in": {
        if (n.list.length === 0) return this.dialect.booleanLiteral(false);
        const kind = [n.value, ...n.list].find((x) => x.valueType.kind !== "null")?.valueType.kind ?? "text";
        const value = this.operand(n.value, kind);
        const subject = n.value.valueType.kind === "text" ? this.dialect.binaryText(value) : value;
        return `(${subject} IN (${n.list.map((item) => this.operand(item, kind)).join(", ")}))`;
      }
      case "call":
        return this.call(n);
    }
  }

  private variable(n: Extract<TypedTree, { type: "variable" }>): string {
    const [head] = n.path;
    const construct = `$${n.path.join(".")}`;
    if (head === "today" || head === "now") return this.contextParam(head);
    if (head !== "user") return this.notInSql(construct, n);
    const env = this.options.env;
    if (env?.user === undefined) return this.missing(construct);
    const environment: EvalEnv = { today: "", now: "", user: env.user, lookup: () => undefined };
    return this.param(checkValue(readVariable(n.path, environment), n.valueType, construct));
  }

  /** The SQL of an operand, typed like `kind` when it is always blank and the dialect needs a type. */
  private operand(node: TypedTree, kind: FormulaTypeKind): string {
    const sql = this.node(node);
    if (node.valueType.kind !== "null" || this.dialect.typedBlank === undefined) return sql;
    const sqlKind = kind === "number" || kind === "boolean" ? kind : "text";
    return this.dialect.typedBlank(sql, sqlKind);
  }

  private binary(n: Extract<TypedTree, { type: "binary" }>): string {
    const kind = (side: TypedTree, other: TypedTree): FormulaTypeKind =>
      n.op === "AND" || n.op === "OR"
        ? "boolean"
        : n.op === "&"
          ? "text"
          : "+-*/".includes(n.op)
            ? "number"
            : other.valueType.kind === "null"
              ? side.valueType.kind
              : other.valueType.kind;
    const left = this.operand(n.left, kind(n.left, n.right));
    const right = this.operand(n.right, kind(n.right, n.left));
    const d = this.dialect;
    switch (n.op) {
      case "+":
      case "-":
      case "*":
        return `(${left} ${n.op} ${right})`;
      case "/":
        return d.divide(left, right);
      case "AND":
      case "OR":
        return `(${left} ${n.op} ${right})`;
      case "&": {
        const a = textSql(left, n.left.valueType, this);
        const b = textSql(right, n.right.valueType, this);
        if (a === undefined || b === undefined) return this.notInSql("The & operator with a number or list", n);
        return d.concat([a, b]);
      }
      case "=":
      case "<>":
      case "<":
      case "<=":
      case ">":
      case ">=": {
        const text = n.left.valueType.kind === "text" || n.right.valueType.kind === "text";
        return d.compare(left, n.op, right, text);
      }
    }
  }

  private call(n: Extract<TypedTree, { type: "call" }>): string {
    const fn = this.options.functions.get(n.name);
    if (fn === undefined) {
      this.issues.push(backendIssue("formula.functionNotImplemented", this.options.path ?? "", { function: n.name }));
      return "NULL";
    }
    const args = n.args.map((arg, i) => ({
      sql: this.operand(arg, argumentKind(n, i)),
      type: arg.valueType,
      node: arg,
    }));
    const sql = fn.sql?.(args, this);
    return sql === undefined ? this.notInSql(n.name, n) : sql;
  }
}
