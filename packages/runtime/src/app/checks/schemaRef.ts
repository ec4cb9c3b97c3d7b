/** How a reference is written at its path. */
export type RefHow =
  /** The whole string value is the id: `"entity": "deal"`. */
  | { readonly kind: "id" }
  /** The id is the last key of the path: `"values": { "stage": "…" }`. */
  | { readonly kind: "key" }
  /**
   * The id is one segment of a path: `"account.region"` (separator ".", segment 1), or a lock's
   * or overlay's target `"/entities/deal/fields/amount"` (separator "/", segment 4).
   */
  | { readonly kind: "segment"; readonly index: number; readonly separator?: "/" }
  /** The id is written in the formula text at the path, between `start` and `end`. */
  | { readonly kind: "formula"; readonly start: number; readonly end: number };

/**
 * One place where an app names one of its own parts, found while checking it: the kind of part,
 * its id (and for a field, its entity), the JSON Pointer of the value that names it, and how.
 */
export type SchemaRef =
  | {
      readonly kind: "field";
      readonly entity: string;
      readonly id: string;
      readonly path: string;
      readonly how: RefHow;
    }
  | {
      readonly kind: "entity" | "role" | "page" | "workflow";
      readonly id: string;
      readonly path: string;
      readonly how: RefHow;
    };
