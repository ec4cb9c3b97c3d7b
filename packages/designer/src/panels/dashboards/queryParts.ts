import type { Field, Query } from "@plinth/runtime";

/** What each list of the query builder gets: the query's pointer, the query, the entity's fields. */
export interface PartProps {
  readonly path: string;
  readonly query: Query;
  readonly fields: readonly Field[];
}
