import { type RefObject, useEffect } from "react";

/**
 * Bring the selected part into view ("Show" on an issue, a reference): the element marked with
 * the selection's pointer, or else with the nearest enclosing pointer.
 */
export function useScrollToSelection(root: RefObject<HTMLElement | null>, selection: string | undefined): void {
  useEffect(() => {
    if (!selection || !root.current) return;
    const parts = selection.split("/");
    for (let n = parts.length; n > 1; n--) {
      const pointer = parts.slice(0, n).join("/");
      const element = root.current.querySelector(`[data-pointer="${CSS.escape(pointer)}"]`);
      if (element) {
        element.scrollIntoView?.({ block: "nearest", behavior: "smooth" });
        return;
      }
    }
  }, [root, selection]);
}
