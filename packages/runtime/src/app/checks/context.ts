import type { FunctionSpec } from "../../expr/functionSpec.js";
import type { Issue } from "../../issues/issue.js";
import type { AppModel } from "../model.js";
import type { FieldTypes } from "../scope.js";
import type { SchemaRef } from "./schemaRef.js";

/** What every semantic check receives: the indexed app, field types, functions, and the issue list. */
export interface CheckContext {
  readonly model: AppModel;
  readonly types: FieldTypes;
  readonly functions: ReadonlyMap<string, FunctionSpec>;
  readonly issues: Issue[];
  /** When present, every reference the checks resolve is recorded here (the refactors read them). */
  readonly refs?: SchemaRef[];
}
