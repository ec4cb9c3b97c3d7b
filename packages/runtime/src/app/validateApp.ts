import type { ValidateFunction } from "ajv/dist/2020.js";
import type { FunctionSpec } from "../expr/functionSpec.js";
import { hasErrors, type Issue } from "../issues/issue.js";
import type { App } from "../schema/types.js";
import { checkComputations } from "./checks/computations.js";
import { checkFormulas } from "./checks/formulas.js";
import { checkIds } from "./checks/ids.js";
import { checkLocks } from "./checks/locks.js";
import { checkReferences } from "./checks/references.js";
import { checkWorkflows } from "./checks/workflows.js";
import { capIssues, checkShape } from "./limits.js";
import { schemaIssue } from "./messages.js";
import { type Migration, migrateApp } from "./migrate.js";
import { indexApp } from "./model.js";
import { FieldTypes } from "./scope.js";
import { structuralIssues } from "./structure.js";

export interface ValidateAppResult {
  /** True when there is no issue of severity "error" (warnings may remain). */
  readonly ok: boolean;
  /** The app, upgraded to the current schemaVersion, when it is valid. */
  readonly app?: App;
  readonly issues: readonly Issue[];
}

export interface AppValidatorParts {
  readonly structure: ValidateFunction;
  readonly functions: ReadonlyMap<string, FunctionSpec>;
  readonly migrations: readonly Migration[];
}

/**
 * Validate an app document: limits first (size, depth), then schemaVersion and migrations,
 * then structure (ajv against the meta-schema), then meaning (ids, references, formulas,
 * workflows). Every issue is collected; nothing throws on bad input.
 */
export function validateAppWith(parts: AppValidatorParts, doc: unknown): ValidateAppResult {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    return { ok: false, issues: [schemaIssue("schema.notObject", "")] };
  }
  const shape = checkShape(doc);
  if (shape) return { ok: false, issues: [shape] };

  const migrated = migrateApp(doc as Record<string, unknown>, parts.migrations);
  if (!migrated.ok) return { ok: false, issues: migrated.issues };

  const structural = structuralIssues(parts.structure, migrated.doc);
  if (structural.length > 0) return { ok: false, issues: capIssues(structural) };

  const app = migrated.doc as unknown as App;
  const model = indexApp(app);
  const ctx = {
    model,
    types: new FieldTypes(model, parts.functions),
    functions: parts.functions,
    issues: [] as Issue[],
  };
  checkIds(ctx);
  checkReferences(ctx);
  checkWorkflows(ctx);
  checkLocks(ctx);
  checkFormulas(ctx);
  checkComputations(ctx);
  const issues = capIssues(ctx.issues);
  const ok = !hasErrors(issues);
  return ok ? { ok, app, issues } : { ok, issues };
}
