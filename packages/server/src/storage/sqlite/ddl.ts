import { createHash } from "node:crypto";
import type { App, ColumnType } from "@plinth/runtime";
import type Database from "better-sqlite3";
import type { IndexSpec } from "../columns.js";
import type { MigrationPlan, PlanStep } from "../plan.js";
import { q, sqliteColumnType } from "./types.js";

function indexName(table: string, index: IndexSpec): string {
  return `ix_${table}_${createHash("sha1").update(index.key).digest("hex").slice(0, 12)}`;
}

/** Convert one stored value to another column type; values that cannot convert become NULL. */
export function convertValue(value: unknown, to: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  switch (to) {
    case "text":
    case "json":
      return typeof value === "string" ? value : String(value);
    case "real": {
      const n = typeof value === "number" ? value : Number(String(value).trim());
      return String(value).trim() !== "" && Number.isFinite(n) ? n : null;
    }
    case "integer": {
      const n = typeof value === "number" ? value : Number(String(value).trim());
      return String(value).trim() !== "" && Number.isFinite(n) ? Math.round(n) : null;
    }
    case "boolean": {
      const text = String(value).trim().toLowerCase();
      if (["1", "true", "yes", "y"].includes(text)) return 1;
      if (["0", "false", "no", "n"].includes(text)) return 0;
      return null;
    }
    case "date": {
      const text = String(value);
      return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null;
    }
    case "datetime": {
      const text = String(value);
      if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00.000Z`;
      return /^\d{4}-\d{2}-\d{2}T/.test(text) ? text : null;
    }
  }
}

/** Drop the indexes that cover a column (SQLite refuses to drop an indexed column); returns their SQL. */
function dropIndexesOn(db: Database.Database, table: string, column: string): string[] {
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
    .all(table) as Array<{
    name: string;
    sql: string;
  }>;
  const dropped: string[] = [];
  for (const index of indexes) {
    const columns = db.prepare(`PRAGMA index_info(${q(index.name)})`).all() as Array<{ name: string }>;
    if (columns.some((c) => c.name === column)) {
      db.exec(`DROP INDEX ${q(index.name)}`);
      dropped.push(index.sql);
    }
  }
  return dropped;
}

/**
 * After a column rename, give the indexes covering it the names their renamed keys derive,
 * so later plans (which only know the new field ids) find them to drop.
 */
function renameIndexesOn(db: Database.Database, table: string, column: string): void {
  const indexes = db.prepare(`PRAGMA index_list(${q(table)})`).all() as Array<{ name: string; unique: number }>;
  for (const index of indexes) {
    if (!index.name.startsWith(`ix_${table}_`)) continue;
    const columns = (db.prepare(`PRAGMA index_info(${q(index.name)})`).all() as Array<{ seqno: number; name: string }>)
      .sort((a, b) => a.seqno - b.seqno)
      .map((c) => c.name);
    if (!columns.includes(column)) continue;
    const unique = index.unique === 1;
    const name = indexName(table, { key: `${unique ? "u" : "i"}:${columns.join(",")}`, fields: columns, unique });
    if (name === index.name) continue;
    db.exec(`DROP INDEX ${q(index.name)}`);
    db.exec(`CREATE ${unique ? "UNIQUE " : ""}INDEX ${q(name)} ON ${q(table)} (${columns.map(q).join(", ")})`);
  }
}

function nextTableName(db: Database.Database): string {
  const row = db
    .prepare(
      "INSERT INTO counters (name, value) VALUES ('table', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
    )
    .get() as { value: number };
  return `e_${row.value}`;
}

/**
 * Apply a plan on the writer connection (the caller holds the transaction). Renames go first
 * (index drops name entities and fields by their new ids), then index drops (SQLite cannot
 * drop an indexed column), index creations last. Returns the new entity → table map.
 */
export function applyPlanSqlite(
  db: Database.Database,
  appId: string,
  plan: MigrationPlan,
  _next: App,
): Map<string, string> {
  const tables = new Map(
    (
      db.prepare("SELECT entity_id, table_name FROM entity_tables WHERE app_id = ?").all(appId) as Array<{
        entity_id: string;
        table_name: string;
      }>
    ).map((r) => [r.entity_id, r.table_name]),
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
        const name = nextTableName(db);
        const columns = step.columns.map((c) => `${q(c.field)} ${sqliteColumnType[c.type]}`);
        db.exec(
          `CREATE TABLE ${q(name)} (id TEXT PRIMARY KEY, version INTEGER NOT NULL, createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL, createdBy TEXT, updatedBy TEXT${columns.length > 0 ? `, ${columns.join(", ")}` : ""})`,
        );
        db.prepare("INSERT INTO entity_tables (app_id, entity_id, table_name) VALUES (?, ?, ?)").run(
          appId,
          step.entity,
          name,
        );
        tables.set(step.entity, name);
        break;
      }
      case "renameEntity":
        db.prepare("UPDATE entity_tables SET entity_id = ? WHERE app_id = ? AND entity_id = ?").run(
          step.to,
          appId,
          step.from,
        );
        tables.set(step.to, table(step.from));
        tables.delete(step.from);
        break;
      case "dropTable":
        db.exec(`DROP TABLE ${q(table(step.entity))}`);
        db.prepare("DELETE FROM entity_tables WHERE app_id = ? AND entity_id = ?").run(appId, step.entity);
        tables.delete(step.entity);
        break;
      case "addColumn":
        db.exec(
          `ALTER TABLE ${q(table(step.entity))} ADD COLUMN ${q(step.column.field)} ${sqliteColumnType[step.column.type]}`,
        );
        break;
      case "renameColumn":
        db.exec(`ALTER TABLE ${q(table(step.entity))} RENAME COLUMN ${q(step.from)} TO ${q(step.to)}`);
        renameIndexesOn(db, table(step.entity), step.to);
        break;
      case "dropColumn":
        dropIndexesOn(db, table(step.entity), step.field);
        db.exec(`ALTER TABLE ${q(table(step.entity))} DROP COLUMN ${q(step.field)}`);
        break;
      case "changeType": {
        // SQLite cannot alter a column's type: add a new column, convert in JS, swap.
        const t = q(table(step.entity));
        const temp = `${step.field}__new`;
        db.exec(`ALTER TABLE ${t} ADD COLUMN ${q(temp)} ${sqliteColumnType[step.to]}`);
        const rows = db
          .prepare(`SELECT id, ${q(step.field)} AS v FROM ${t} WHERE ${q(step.field)} IS NOT NULL`)
          .all() as Array<{ id: string; v: unknown }>;
        const update = db.prepare(`UPDATE ${t} SET ${q(temp)} = ? WHERE id = ?`);
        for (const row of rows) update.run(convertValue(row.v, step.to) as never, row.id);
        const indexes = dropIndexesOn(db, table(step.entity), step.field);
        db.exec(`ALTER TABLE ${t} DROP COLUMN ${q(step.field)}`);
        db.exec(`ALTER TABLE ${t} RENAME COLUMN ${q(temp)} TO ${q(step.field)}`);
        for (const sql of indexes) db.exec(sql);
        break;
      }
      case "addIndex": {
        const t = table(step.entity);
        db.exec(
          `CREATE ${step.index.unique ? "UNIQUE " : ""}INDEX IF NOT EXISTS ${q(indexName(t, step.index))} ON ${q(t)} (${step.index.fields.map(q).join(", ")})`,
        );
        break;
      }
      case "dropIndex":
        if (tables.has(step.entity)) db.exec(`DROP INDEX IF EXISTS ${q(indexName(table(step.entity), step.index))}`);
        break;
      case "optionsRemoved":
        break;
    }
  }
  return tables;
}
