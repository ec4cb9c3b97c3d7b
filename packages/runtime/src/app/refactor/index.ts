import type { ValidateFunction } from "ajv/dist/2020.js";
import type { FunctionSpec } from "../../expr/functionSpec.js";
import type { Issue } from "../../issues/issue.js";
import type { App } from "../../schema/types.js";
import { checkComputations, computationFormulaSites } from "../checks/computations.js";
import { collectFormulaSites } from "../checks/formulaSites.js";
import { checkReferences } from "../checks/references.js";
import type { SchemaRef } from "../checks/schemaRef.js";
import { checkShape } from "../limits.js";
import { schemaIssue } from "../messages.js";
import { indexApp } from "../model.js";
import { FieldTypes } from "../scope.js";
import { structuralIssues } from "../structure.js";
import { formulaRefs } from "./formulaRefs.js";
import { targetRefs } from "./targetRefs.js";

export type { RefHow, SchemaRef } from "../checks/schemaRef.js";
export {
  applyRefactorEdits,
  definitionPath,
  type RefactorEdit,
  type RefactorTarget,
  type RenameResult,
  refsTo,
  removalBlocked,
  renameEdits,
} from "./rename.js";

export type ReferencesResult =
  | { readonly ok: true; readonly app: App; readonly refs: readonly SchemaRef[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Every place a structurally valid app names its own entities, fields, roles, pages and
 * workflows: the ids the reference checks resolve, and the fields formulas use. A document whose
 * structure is broken has no trustworthy references: its structural issues come back instead.
 */
export function collectReferences(
  parts: { readonly structure: ValidateFunction; readonly functions: ReadonlyMap<string, FunctionSpec> },
  doc: unknown,
): ReferencesResult {
  const invalid = (issues: readonly Issue[]): ReferencesResult => ({
    ok: false,
    issues: [schemaIssue("refactor.invalidDocument", ""), ...issues],
  });
  if (doc === null || typeof doc !== "object" || Array.isArray(doc))
    return invalid([schemaIssue("schema.notObject", "")]);
  const shape = checkShape(doc);
  if (shape) return invalid([shape]);
  const structural = structuralIssues(parts.structure, doc);
  if (structural.length > 0) return invalid(structural);
  const app = doc as App;
  const model = indexApp(app);
  const refs: SchemaRef[] = [];
  const ctx = { model, types: new FieldTypes(model, parts.functions), functions: parts.functions, issues: [], refs };
  checkReferences(ctx);
  // Computations' field references (keys, stats, partitions) are recorded by their check; its
  // type issues are not this function's business.
  checkComputations({ ...ctx, issues: [] });
  refs.push(
    ...formulaRefs(model, [...collectFormulaSites(app), ...computationFormulaSites(app)]),
    ...targetRefs(model),
  );
  return { ok: true, app, refs };
}
