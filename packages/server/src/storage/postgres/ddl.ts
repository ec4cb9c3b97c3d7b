import { createHash } from "node:crypto";
import type { App } from "@plinth/runtime";
import type { IndexSpec } from "../columns.js";
import type { MigrationPlan, PlanStep } from "../plan.js";
import { convertValue } from "../sqlite/ddl.js";
import { helpers, type Queryable } from "./connection.js";
import { postgresColumnType, q } from "./types.js";

/** The same index names as on SQLite, so plans (which only know keys) find them to drop. */
function indexName(table: string, index: IndexSpec): string {
  return `ix_${table}_${createHash("sha1").update(index.key).digest("hex").slice(0, 12)}`;
}

interface TableIndex {
  readonly name: string;
  readonly unique: boolean;
  readonly columns: string[];
  readonly definition: string;
}

/** The indexes of a table in the current schema, with their columns in key order. */
async function indexesOf(db: Queryable, table: string): Promise<TableIndex[]> {
  const { all } = helpers(db);
  const rows = await all(
    `SELECT i.relname AS name, ix.indisunique AS "unique", pg_get_indexdef(ix.indexrelid) AS definition,
       ARRAY(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, n)
             JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns
     FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
     WHERE t.relname = ? AND t.relnamespace = current_schema()::regnamespace AND NOT ix.indisprimary`,
    table,
  );
  return rows.map((r) => ({
    name: String(r.name),
    unique: r.unique === true,
    columns: r.columns as string[],
    definition: String(r.definition),
  }));
}

/** After a column rename, give the indexes covering it the names their renamed keys derive. */
async function renameIndexesOn(db: Queryable, table: string, column: string): Promise<void> {
  for (const index of await indexesOf(db, table)) {
    if (!index.name.startsWith(`ix_${table}_`) || !index.columns.includes(column)) continue;
    const key = `${index.unique ? "u" : "i"}:${index.columns.join(",")}`;
    const name = indexName(table, { key, fields: index.columns, unique: index.unique });
    if (name !== index.name) await db.query(`ALTER INDEX ${q(index.name)} RENAME TO ${q(name)}`);
  }
}

async function nextTableName(db: Queryable): Promise<string> {
  const { one } = helpers(db);
  const row = await one(
    "INSERT INTO counters (name, value) VALUES ('table', 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
  );
  return `e_${Number(row?.value)}`;
}

/** A stored value in SQLite's form (booleans 0/1), so conversions give the same results on both stores. */
function sqliteForm(value: unknown): unknown {
  return typeof value === "boolean" ? (value ? 1 : 0) : value;
}

/**
 * Apply a plan on the transaction's connection (PostgreSQL's DDL is transactional, so a failed
 * publish leaves nothing behind). Same order as on SQLite: renames, index drops, the rest,
 * index creations. Returns the new entity → table map.
 */
export async function applyPlanPostgres(
  db: Queryable,
  appId: string,
  plan: MigrationPlan,
  _next: App,
): Promise<Map<string, string>> {
  const { all, run } = helpers(db);
  const tables = new Map(
    (await all("SELECT entity_id, table_name FROM entity_tables WHERE app_id = ?", appId)).map((r) => [
      String(r.entity_id),
      String(r.table_name),
    ]),
  );
  const table = (entity: string): string => {
    const name = tables.get(entity);
    if (!name) throw new Error(`No table for entity ${entity}`);
    return name;
  };
  const isRename = (s: PlanStep) => s.kind === "renameEntity" || s.kind === "renameColumn";
  const ordered: PlanStep[] = [
    ...plan.steps.filter(isRename),
    ...plan.steps.filter((s) => s.kind === "dropIndex"),
    ...plan.steps.filter((s) => !isRename(s) && s.kind !== "dropIndex" && s.kind !== "addIndex"),
    ...plan.steps.filter((s) => s.kind === "addIndex"),
  ];
  for (const step of ordered) {
    switch (step.kind) {
      case "createTable": {
        const name = await nextTableName(db);
        const columns = step.columns.map((c) => `${q(c.field)} ${postgresColumnType[c.type]}`);
        await db.query(
          `CREATE TABLE ${q(name)} (id TEXT COLLATE "C" PRIMARY KEY, version BIGINT NOT NULL, "createdAt" TEXT COLLATE "C" NOT NULL, "updatedAt" TEXT COLLATE "C" NOT NULL, "createdBy" TEXT COLLATE "C", "updatedBy" TEXT COLLATE "C"${columns.length > 0 ? `, ${columns.join(", ")}` : ""})`,
        );
        await run(
          "INSERT INTO entity_tables (app_id, entity_id, table_name) VALUES (?, ?, ?)",
          appId,
          step.entity,
          name,
        );
        tables.set(step.entity, name);
        break;
      }
      case "renameEntity":
        await run(
          "UPDATE entity_tables SET entity_id = ? WHERE app_id = ? AND entity_id = ?",
          step.to,
          appId,
          step.from,
        );
        tables.set(step.to, table(step.from));
        tables.delete(step.from);
        break;
      case "dropTable":
        await db.query(`DROP TABLE ${q(table(step.entity))}`);
        await run("DELETE FROM entity_tables WHERE app_id = ? AND entity_id = ?", appId, step.entity);
        tables.delete(step.entity);
        break;
      case "addColumn":
        await db.query(
          `ALTER TABLE ${q(table(step.entity))} ADD COLUMN ${q(step.column.field)} ${postgresColumnType[step.column.type]}`,
        );
        break;
      case "renameColumn":
        await db.query(`ALTER TABLE ${q(table(step.entity))} RENAME COLUMN ${q(step.from)} TO ${q(step.to)}`);
        await renameIndexesOn(db, table(step.entity), step.to);
        break;
      case "dropColumn":
        // PostgreSQL drops the indexes on the column with it.
        await db.query(`ALTER TABLE ${q(table(step.entity))} DROP COLUMN ${q(step.field)}`);
        break;
      case "changeType": {
        // Convert in JS with the SQLite store's rules, so both stores keep the same values.
        const t = q(table(step.entity));
        const temp = `${step.field}__new`;
        const indexes = (await indexesOf(db, table(step.entity))).filter((i) => i.columns.includes(step.field));
        await db.query(`ALTER TABLE ${t} ADD COLUMN ${q(temp)} ${postgresColumnType[step.to]}`);
        const rows = await all(`SELECT id, ${q(step.field)} AS v FROM ${t} WHERE ${q(step.field)} IS NOT NULL`);
        for (const row of rows) {
          const value = convertValue(sqliteForm(row.v), step.to);
          const stored = step.to === "boolean" && value !== null ? value === 1 : value;
          await run(`UPDATE ${t} SET ${q(temp)} = ? WHERE id = ?`, stored, row.id);
        }
        await db.query(`ALTER TABLE ${t} DROP COLUMN ${q(step.field)}`);
        await db.query(`ALTER TABLE ${t} RENAME COLUMN ${q(temp)} TO ${q(step.field)}`);
        for (const index of indexes) await db.query(index.definition);
        break;
      }
      case "addIndex": {
        const t = table(step.entity);
        // NULLS FIRST: lists sort blanks first ascending and last descending (as SQLite does), which
        // this order serves forwards and backwards; a default (NULLS LAST) index would serve neither.
        await db.query(
          `CREATE ${step.index.unique ? "UNIQUE " : ""}INDEX IF NOT EXISTS ${q(indexName(t, step.index))} ON ${q(t)} (${step.index.fields.map((f) => `${q(f)} NULLS FIRST`).join(", ")})`,
        );
        break;
      }
      case "dropIndex":
        if (tables.has(step.entity))
          await db.query(`DROP INDEX IF EXISTS ${q(indexName(table(step.entity), step.index))}`);
        break;
      case "optionsRemoved":
        break;
    }
  }
  return tables;
}
