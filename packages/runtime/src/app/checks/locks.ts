import { resolveIdPath } from "../../overlay/idPath.js";
import { schemaIssue } from "../messages.js";
import type { CheckContext } from "./context.js";

/**
 * Every lock names something the app has: a lock whose target is misspelt would protect nothing,
 * silently. (A regional variant's own document holds no entities; its template's locks are checked
 * with the template.)
 */
export function checkLocks(ctx: CheckContext): void {
  const app = ctx.model.app;
  if (app.extends !== undefined) return;
  app.locks?.forEach((lock, i) => {
    const resolved = resolveIdPath(app, lock.target);
    // A lock may name a property the template leaves out (a `max` set only by variants).
    if (!resolved.ok)
      ctx.issues.push(
        schemaIssue("overlay.lockTargetMissing", `/locks/${i}/target`, {
          target: lock.target,
          missing: resolved.missing,
        }),
      );
  });
}
