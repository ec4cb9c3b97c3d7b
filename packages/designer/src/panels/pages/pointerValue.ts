import { type LayoutNode, valueAt } from "@plinth/runtime";

/** The layout node at a pointer of the document, if there is one there. */
export function valueAtPointer(doc: unknown, pointer: string): LayoutNode | undefined {
  const value = valueAt(doc, pointer);
  return value !== null && typeof value === "object" && "kind" in value ? (value as LayoutNode) : undefined;
}
