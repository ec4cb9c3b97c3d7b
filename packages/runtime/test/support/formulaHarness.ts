import Database from "better-sqlite3";
import { compileFormula } from "../../src/expr/compile.js";
import type { TypedTree } from "../../src/expr/compileTree.js";
import { standardFunctions } from "../../src/expr/functions/index.js";
import { translateToSql } from "../../src/expr/sql.js";
import { createSqlParameters, sqliteDialect } from "../../src/expr/sqlDialect.js";
import type { Value } from "../../src/expr/values.js";
import { columnType, ENV, FIELD_NAMES, FIELDS } from "./formulaArbitraries.js";

export type TestRecord = Record<string, Value>;

/** An in-memory SQLite table with one column per field of the test entity. */
export function createFormulaDb(): Database.Database {
  const db = new Database(":memory:");
  const columns = FIELD_NAMES.map((name) => `"${name}" ${columnType(FIELDS[name])}`).join(", ");
  db.exec(`CREATE TABLE t (${columns})`);
  return db;
}

function toColumn(value: Value): string | number | null {
  const bound = sqliteDialect.bindValue(value);
  return typeof bound === "boolean" ? Number(bound) : bound;
}

/** Evaluate in SQLite: insert the record, select the translated expression. */
export function evaluateInSqlite(
  db: Database.Database,
  tree: TypedTree,
  record: TestRecord,
): { value: Value } | { notInSql: string } {
  const params = createSqlParameters(sqliteDialect);
  const result = translateToSql(tree, {
    dialect: sqliteDialect,
    functions: standardFunctions,
    column: (path) => sqliteDialect.quoteIdent(path.join(".")),
    param: params.param,
    env: ENV,
  });
  if (!result.ok) return { notInSql: result.issues.map((i) => i.message.en).join("; ") };
  db.exec("DELETE FROM t");
  const names = FIELD_NAMES.map((n) => `"${n}"`).join(", ");
  const marks = FIELD_NAMES.map(() => "?").join(", ");
  db.prepare(`INSERT INTO t (${names}) VALUES (${marks})`).run(...FIELD_NAMES.map((n) => toColumn(record[n] ?? null)));
  const row: unknown = db.prepare(`SELECT ${result.sql} AS v FROM t`).get(params.named);
  const raw = row !== null && typeof row === "object" && "v" in row ? row.v : undefined;
  return { value: normalise(raw, tree) };
}

function normalise(raw: unknown, tree: TypedTree): Value {
  if (raw === null || raw === undefined) return null;
  if (tree.valueType.kind === "boolean") return raw !== 0;
  if (typeof raw === "number" || typeof raw === "string") return raw;
  throw new Error(`unexpected SQL value ${String(raw)}`);
}

/** Evaluate with both JS strategies. */
export function evaluateInJs(tree: TypedTree, record: TestRecord): { codegen: Value; closures: Value } {
  const codegen = compileFormula(tree, standardFunctions, { strategy: "codegen" })(record, ENV);
  const closures = compileFormula(tree, standardFunctions, { strategy: "closures" })(record, ENV);
  return { codegen, closures };
}

/** Equal as formula values: numbers exactly (0 = -0), lists element-wise. */
export function sameValue(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}
