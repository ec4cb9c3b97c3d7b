import type { ValidateFunction } from "ajv/dist/2020.js";
import type { Migration } from "./app/migrate.js";
import { standardMigrations } from "./app/migrate.js";
import { indexApp } from "./app/model.js";
import { collectReferences, type ReferencesResult } from "./app/refactor/index.js";
import { FieldTypes } from "./app/scope.js";
import { compileMetaSchema, createAjv } from "./app/structure.js";
import { type ValidateAppResult, validateAppWith } from "./app/validateApp.js";
import { recordIssue } from "./data/messages.js";
import {
  compileEntityProgram,
  type EntityProgram,
  type RecordContext,
  type ValidateRecordResult,
  validateRecordWith,
} from "./data/validateRecord.js";
import type { ImplementedFunction } from "./expr/functions/implemented.js";
import { standardFunctions } from "./expr/functions/index.js";
import { buildAppMetaSchema } from "./schema/app.js";
import type { App } from "./schema/types.js";

export interface RuntimeOptions {
  /** The formula functions; the standard library when omitted. Add your own by copying the map. */
  readonly functions?: ReadonlyMap<string, ImplementedFunction>;
  /** Schema upgrades; the standard list when omitted. */
  readonly migrations?: readonly Migration[];
}

/**
 * A Plinth runtime: the registries (functions, migrations) and the compiled meta-schema,
 * owned by one instance instead of module globals. Create one per process (or per test).
 *
 * @example
 * const runtime = createRuntime();
 * const { ok, issues } = runtime.validateApp(JSON.parse(text));
 */
export interface Runtime {
  readonly functions: ReadonlyMap<string, ImplementedFunction>;
  readonly metaSchema: Record<string, unknown>;
  validateApp(doc: unknown): ValidateAppResult;
  /**
   * Every place the app names its own entities, fields, roles, pages and workflows (ids and
   * formulas), for refactors: rename everywhere, refuse to delete what is still used.
   */
  references(doc: unknown): ReferencesResult;
  /**
   * Validate and normalise a record of `entity` in a valid `app` (as returned by
   * `validateApp`). Compiled entity programs are cached per app object.
   */
  validateRecord(app: App, entity: string, record: unknown, context: RecordContext): ValidateRecordResult;
  /** The compiled record program of an entity (cached), for hosts that validate many records. */
  entityProgram(app: App, entity: string): EntityProgram | undefined;
}

export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const functions = options.functions ?? standardFunctions;
  const migrations = options.migrations ?? standardMigrations;
  const metaSchema = buildAppMetaSchema();
  let structure: ValidateFunction | undefined;
  const parts = () => {
    structure ??= compileMetaSchema(metaSchema);
    return { structure, functions, migrations };
  };
  const programs = new WeakMap<App, Map<string, EntityProgram | undefined>>();
  const entityProgram = (app: App, entity: string): EntityProgram | undefined => {
    let perApp = programs.get(app);
    if (!perApp) {
      perApp = new Map();
      programs.set(app, perApp);
    }
    if (!perApp.has(entity)) {
      const model = indexApp(app);
      perApp.set(entity, compileEntityProgram(createAjv(), model, new FieldTypes(model, functions), functions, entity));
    }
    return perApp.get(entity);
  };
  return {
    functions,
    metaSchema,
    validateApp: (doc) => validateAppWith(parts(), doc),
    references: (doc) => collectReferences(parts(), doc),
    entityProgram,
    validateRecord: (app, entity, record, context) => {
      const program = entityProgram(app, entity);
      if (!program) return { ok: false, value: {}, issues: [recordIssue("record.unknownEntity", "", { entity })] };
      return validateRecordWith(program, record, context);
    },
  };
}

let defaultRuntime: Runtime | undefined;

/** The runtime with the standard registries, created on first use. */
export function getDefaultRuntime(): Runtime {
  defaultRuntime ??= createRuntime();
  return defaultRuntime;
}

/** Validate a record with the standard registries. See {@link Runtime.validateRecord}. */
export function validateRecord(
  app: App,
  entity: string,
  record: unknown,
  context: RecordContext,
): ValidateRecordResult {
  return getDefaultRuntime().validateRecord(app, entity, record, context);
}

/** Validate an app document with the standard registries. See {@link Runtime.validateApp}. */
export function validateApp(doc: unknown): ValidateAppResult {
  return getDefaultRuntime().validateApp(doc);
}
