import {
  type App,
  compileFormulaText,
  createAppScope,
  type EntityModel,
  type Field,
  FieldTypes,
  type ImplementedFunction,
  indexApp,
  type TypedNode,
} from "@plinth/runtime";
import { entityColumns } from "../columns.js";

/** What the SQLite records layer needs to know about one entity of a published app. */
export interface EntityInfo {
  readonly model: EntityModel;
  readonly table: string;
  /** Stored field columns (besides the system columns). */
  readonly columns: readonly string[];
  readonly booleans: ReadonlySet<string>;
  readonly json: ReadonlySet<string>;
  readonly rollups: ReadonlyArray<{ readonly field: Extract<Field, { kind: "rollup" }>; readonly filter?: TypedNode }>;
}

export interface CompiledApp {
  readonly schema: App;
  readonly entities: ReadonlyMap<string, EntityInfo>;
}

const cache = new WeakMap<App, WeakMap<ReadonlyMap<string, string>, CompiledApp>>();

/** Index a published app for SQL generation, once per schema and table map. */
export function compileApp(
  schema: App,
  tables: ReadonlyMap<string, string>,
  functions: ReadonlyMap<string, ImplementedFunction>,
): CompiledApp {
  let perSchema = cache.get(schema);
  if (!perSchema) {
    perSchema = new WeakMap();
    cache.set(schema, perSchema);
  }
  const hit = perSchema.get(tables);
  if (hit) return hit;
  const model = indexApp(schema);
  const types = new FieldTypes(model, functions);
  const entities = new Map<string, EntityInfo>();
  for (const [id, entity] of model.entities) {
    const table = tables.get(id);
    if (!table) continue;
    const columns = entityColumns(entity.value);
    const rollups = entity.value.fields.flatMap((field) => {
      if (field.kind !== "rollup") return [];
      if (field.filter === undefined) return [{ field }];
      const compiled = compileFormulaText(field.filter, createAppScope(types, model, field.from), functions, {
        expected: "boolean",
      });
      return [{ field, filter: compiled.ok ? compiled.formula.typed : undefined }];
    });
    entities.set(id, {
      model: entity,
      table,
      columns: columns.map((c) => c.field),
      booleans: new Set(columns.filter((c) => c.type === "boolean").map((c) => c.field)),
      json: new Set(columns.filter((c) => c.type === "json").map((c) => c.field)),
      rollups,
    });
  }
  const compiled = { schema, entities };
  perSchema.set(tables, compiled);
  return compiled;
}
