import type { Approval } from "../schema/types.js";
import type { ApprovalState } from "./approval.types.js";

/**
 * Whether holders of these roles (inherited ones included) may submit a record to the approval,
 * given the status of the record's latest request for it (none, or rejected / returned / recalled:
 * yes; pending or approved: no).
 */
export function maySubmit(definition: Pick<Approval, "submitters">, roles: Iterable<string>, latest?: string): boolean {
  if (latest === "pending" || latest === "approved") return false;
  const submitters = definition.submitters ?? [];
  if (submitters.length === 0 || submitters.includes("*")) return true;
  const held = new Set(roles);
  return submitters.some((r) => held.has(r));
}

/** Whether the user may recall the pending request now: its submitter, before any decision, if allowed. */
export function mayRecall(definition: Pick<Approval, "allowRecall">, state: ApprovalState, user: string): boolean {
  return (
    state.status === "pending" &&
    definition.allowRecall !== false &&
    user === state.submitter &&
    !state.steps.some((s) => s.decisions.length > 0)
  );
}
