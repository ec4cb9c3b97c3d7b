import { schemaIssue } from "../app/messages.js";
import { valueAt } from "../app/refactor/pointer.js";
import type { Issue } from "../issues/issue.js";
import type { App, OverlayOperation } from "../schema/types.js";
import { type ApplyOverlayResult, applyOverlay } from "./apply.js";
import { resolveIdPath } from "./idPath.js";

const at = (doc: App, target: string): unknown => {
  const r = resolveIdPath(doc, target);
  return r.ok && r.exists ? valueAt(doc, r.pointer) : undefined;
};

/**
 * Re-apply an overlay on an upgraded template. Where the upgrade changed the same thing the
 * overlay changes (the value at the target differs between the old and the new template), the
 * overlay's value is kept and a conflict is reported, so neither side is dropped silently;
 * operations the new template no longer fits (a removed target, a new lock) are reported as by
 * {@link applyOverlay}.
 */
export function rebaseOverlay(
  oldTemplate: App,
  newTemplate: App,
  overlay: readonly OverlayOperation[],
): ApplyOverlayResult & { readonly conflicts: readonly Issue[] } {
  const conflicts: Issue[] = [];
  overlay.forEach((op, i) => {
    if (op.op === "add") return;
    const before = at(oldTemplate, op.target);
    const after = at(newTemplate, op.target);
    if (JSON.stringify(before) !== JSON.stringify(after))
      conflicts.push(schemaIssue("overlay.conflict", `/overlay/${i}`, { target: op.target }));
  });
  const result = applyOverlay(newTemplate, overlay);
  return { ...result, conflicts };
}
