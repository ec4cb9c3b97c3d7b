/**
 * How an app's entities map onto tables: the stored columns of each entity and the indexes
 * it needs. The answer is the runtime core's (`entityColumns`, `entityIndexes`), so that the
 * storage layer and `plinth lint` agree on which columns are indexed; this module adds what
 * only storage knows (the system columns of every table).
 */
export { type ColumnSpec, entityColumns, entityIndexes, fieldPaths, type IndexSpec } from "@plinth/runtime";

/** Columns every entity table has besides its fields. */
export const systemColumns = ["id", "version", "createdAt", "updatedAt", "createdBy", "updatedBy"] as const;
