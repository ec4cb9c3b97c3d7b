import type { TypedNode } from "./ast.js";

/** The checker's name for a typed tree; the same type as {@link TypedNode} in ast.ts. */
export type CheckedNode = TypedNode;
