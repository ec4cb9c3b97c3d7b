/**
 * A tour of @plinth/runtime in one file: validate an app, validate a record (which computes
 * its formula field), then run a filter formula both in JavaScript and as SQL in SQLite and
 * see that they agree. Run it with `pnpm --filter @plinth/example-formulas start`.
 */
import { readFileSync } from "node:fs";
import {
  compileFormulaText,
  createAppScope,
  createRuntime,
  createSqlParameters,
  FieldTypes,
  indexApp,
  parseAppJson,
  sqliteDialect,
  translateToSql,
} from "@plinth/runtime";
import Database from "better-sqlite3";

export function runExample(log: (line: string) => void): { js: string[]; sql: string[] } {
  const runtime = createRuntime();
  const parsed = parseAppJson(readFileSync(new URL("../app.json", import.meta.url), "utf8"));
  const result = runtime.validateApp(parsed.ok ? parsed.value : null);
  if (!result.app) throw new Error(result.issues.map((i) => `${i.path}: ${i.message.en}`).join("\n"));
  const app = result.app;

  const context = {
    mode: "create" as const,
    today: "2026-12-04",
    now: "2026-12-04T08:00:00.000Z",
    user: { id: "ops" },
  };
  const people = [
    {
      employee: "Li Lei",
      newAmount: 900_000,
      target: 1_000_000,
      healthScore: 80,
      knowledgeScore: 70,
      collabScore: 90,
      trainingScore: 60,
    },
    {
      employee: "Han Meimei",
      newAmount: 1_500_000,
      target: 1_000_000,
      healthScore: 60,
      knowledgeScore: 90,
      collabScore: 70,
      trainingScore: 80,
    },
    {
      employee: "Wang Fang",
      newAmount: 300_000,
      target: 1_000_000,
      healthScore: 50,
      knowledgeScore: 40,
      collabScore: 60,
      trainingScore: 30,
    },
  ];
  const rows = people.map((p) => runtime.validateRecord(app, "scorecard", p, context).value);
  for (const row of rows) log(`${String(row.employee)}: CVI ${String(row.cvi)}`);

  // One filter, two engines.
  const model = indexApp(app);
  const scope = createAppScope(new FieldTypes(model, runtime.functions), model, "scorecard");
  const filter = compileFormulaText("cvi >= 60 AND CONTAINS(employee, 'e')", scope, runtime.functions, {
    expected: "boolean",
  });
  if (!filter.ok) throw new Error(filter.issues[0]?.message.en);
  const env = { ...context, lookup: () => null };
  const js = rows.filter((r) => filter.formula.run(r, env) === true).map((r) => String(r.employee));

  const db = new Database(":memory:");
  db.exec('CREATE TABLE scorecard ("employee" TEXT, "cvi" REAL)');
  const insert = db.prepare("INSERT INTO scorecard VALUES (?, ?)");
  for (const r of rows) insert.run(r.employee, r.cvi);
  const params = createSqlParameters(sqliteDialect);
  const where = translateToSql(filter.formula.typed, {
    dialect: sqliteDialect,
    functions: runtime.functions,
    column: (path) => sqliteDialect.quoteIdent(path.join("_")),
    param: params.param,
  });
  if (!where.ok) throw new Error(where.issues[0]?.message.en);
  log(`SQL: WHERE ${where.sql}`);
  const sql = (
    db.prepare(`SELECT employee FROM scorecard WHERE ${where.sql}`).all(params.named) as { employee: string }[]
  ).map((r) => r.employee);
  log(`JavaScript keeps ${js.join(", ")}; SQLite keeps ${sql.join(", ")}`);
  return { js, sql };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ""))) runExample(console.log);
