import type { Approval } from "../schema/types.js";
import type { ApprovalContext, ApprovalState } from "./approval.types.js";
import { activeSteps, principalOf, undecided } from "./approvalWork.js";

/**
 * What a user may edit on the record: `unlocked` (everything the access rules allow), or
 * `locked` with the few fields still `editable`.
 */
export type RecordLock =
  | { readonly kind: "unlocked" }
  | { readonly kind: "locked"; readonly editable: readonly string[] };

/**
 * The lock an approval puts on its record for one user. While a request is pending the
 * record is locked (unless `lockRecord` is false), except the active steps' `editableFields`
 * for their approvers (delegates included when `delegation` is given). A request that is
 * not pending locks nothing. A running request follows its snapshot, so `definition` (the
 * current one) only matters when there is no request yet.
 *
 * @example
 * const lock = lockedFields(state, approval.definition, "fin1");
 * if (lock.kind === "locked" && !lock.editable.includes("probability")) disable("probability");
 */
export function lockedFields(
  state: ApprovalState | undefined,
  definition: Approval,
  user: string,
  delegation?: { readonly at: string; readonly context: Pick<ApprovalContext, "delegateOf"> },
): RecordLock {
  if (state === undefined || state.status !== "pending") return { kind: "unlocked" };
  const snapshot = state.definition ?? definition;
  if (snapshot.lockRecord === false) return { kind: "unlocked" };
  const editable = new Set<string>();
  for (const step of activeSteps(state)) {
    const mine = delegation
      ? principalOf(step, user, delegation.at, delegation.context) !== undefined
      : step.approvers.includes(user);
    if (!mine) continue;
    for (const f of snapshot.steps.find((s) => s.id === step.id)?.editableFields ?? []) editable.add(f);
  }
  return { kind: "locked", editable: [...editable] };
}

/**
 * Should the request show in the user's approval inbox? When it is pending and the user is
 * an approver of an active step who has not decided (or, with `delegation`, stands in for one).
 *
 * @example
 * const inbox = requests.filter((r) => pendingFor(r.state, me.id));
 */
export function pendingFor(
  state: ApprovalState | undefined,
  user: string,
  delegation?: { readonly at: string; readonly context: Pick<ApprovalContext, "delegateOf"> },
): boolean {
  if (state === undefined || state.status !== "pending") return false;
  return activeSteps(state).some((step) => {
    if (step.decisions.some((d) => d.user === user)) return false;
    const open = undecided(step);
    if (open.includes(user)) return true;
    return (
      delegation !== undefined &&
      open.some((a) => a !== user && delegation.context.delegateOf(a, delegation.at) === user)
    );
  });
}
