import type { Issue } from "../issues/issue.js";
import { CURRENT_SCHEMA_VERSION } from "../schema/app.js";
import { schemaIssue } from "./messages.js";

/** One upgrade step: takes a document of `from` and returns it at `from + 1`. Pure. */
export interface Migration {
  readonly from: number;
  readonly describe: string;
  migrate(doc: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

/**
 * The upgrades Plinth knows. Version 1 is the first, so the list is empty; when v2 comes,
 * its entry (`from: 1`) goes here and every stored or exported v1 app keeps working.
 */
export const standardMigrations: readonly Migration[] = [];

export type MigrateResult =
  | { readonly ok: true; readonly doc: Record<string, unknown>; readonly applied: readonly string[] }
  | { readonly ok: false; readonly issues: Issue[] };

/**
 * Bring a document up to `target` by applying migrations in order. Documents already at
 * the target come back unchanged; newer or unknown versions are refused with an issue.
 */
export function migrateApp(
  doc: Readonly<Record<string, unknown>>,
  migrations: readonly Migration[] = standardMigrations,
  target: number = CURRENT_SCHEMA_VERSION,
): MigrateResult {
  const version = doc.schemaVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1 || version > target) {
    return {
      ok: false,
      issues: [
        schemaIssue("schema.unsupportedVersion", "/schemaVersion", {
          version: JSON.stringify(version) ?? "none",
          current: target,
        }),
      ],
    };
  }
  let current: Record<string, unknown> = { ...doc };
  const applied: string[] = [];
  for (let v = version; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) {
      return {
        ok: false,
        issues: [
          schemaIssue("schema.migrationFailed", "/schemaVersion", {
            from: v,
            reason: `no migration from version ${v}`,
          }),
        ],
      };
    }
    try {
      current = { ...step.migrate(current), schemaVersion: v + 1 };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, issues: [schemaIssue("schema.migrationFailed", "/schemaVersion", { from: v, reason })] };
    }
    applied.push(step.describe);
  }
  return { ok: true, doc: current, applied };
}
