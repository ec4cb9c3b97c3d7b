import type { TypedNode } from "./ast.js";

/**
 * The back end's name for a type-checked tree: exactly `TypedNode` from ast.ts (the
 * contract). Kept as an alias so back-end modules and tests read the same way.
 */
export type TypedTree = TypedNode;

/** Identity: documents where a checker result enters the back end. */
export function typedTree(node: TypedNode): TypedTree {
  return node;
}
