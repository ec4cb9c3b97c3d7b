import { useDesigner } from "../../editor/context.js";

/** The highlight class when the selection is this pointer or inside it ("Show" on an issue). */
export function useHit(pointer: string): string | undefined {
  return useDesigner((s) =>
    s.selection !== undefined && (s.selection === pointer || s.selection.startsWith(`${pointer}/`))
      ? "model-hit"
      : undefined,
  );
}
