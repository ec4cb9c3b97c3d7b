import type { Issue } from "../issues/issue.js";
import type { ApprovalContext, ApprovalEvent, ApprovalResult, ApprovalState } from "./approval.types.js";
import { decide } from "./approvalDecide.js";
import { reassign, recall } from "./approvalManage.js";
import { type CompiledApproval, isProgram } from "./approvalProgram.js";
import { submit } from "./approvalSubmit.js";
import { tick } from "./approvalTimers.js";
import { finish, startWork, type Work } from "./approvalWork.js";
import { workflowIssue } from "./messages.js";
import { instantMs } from "./time.js";

/**
 * The approval engine as one pure function: `(definition, state, event, context) →
 * (state, effects)`. It never reads a clock (times come with the events), never throws on
 * user input (problems come back as issues, every one at once where they are independent),
 * and returns effects as data for the host to carry out in the same transaction.
 *
 * Rules (see README.md of this folder for the full list of decisions):
 * - `submit` needs the entry criteria and a submitter role; the request snapshots the
 *   current definition and keeps it until it finishes, even if the app is republished.
 * - Steps activate in order; consecutive steps sharing a `parallelGroup` activate together
 *   and the next level starts when all of them are approved.
 * - `any` needs one approval, `all` every approver, `percentage` ⌈pct% × approvers⌉.
 * - Any rejection rejects the whole request; resubmitting starts a new round.
 * - The submitter is never an approver; a step left without approvers by that rule is skipped.
 * - Any event but `submit` on a request that is not pending fails with `approval.notPending`.
 *
 * @example
 * const approval = compileApproval(app, "promotion_approval", { functions: runtime.functions });
 * let r = approvalTransition(approval, undefined, { type: "submit", user: "rep1", at }, context);
 * if (r.ok) r = approvalTransition(approval, r.state, { type: "approve", user: "mgr1", at: later }, context);
 * // r.state.status, r.effects: [{ kind: "notify", ... }, { kind: "schedule", ... }, ...]
 */
export function approvalTransition(
  approval: CompiledApproval,
  state: ApprovalState | undefined,
  event: ApprovalEvent,
  context: ApprovalContext,
): ApprovalResult {
  if (instantMs(event.at) === undefined) {
    return { ok: false, issues: [workflowIssue("approval.invalidTime", "/at", { at: event.at })] };
  }
  if (event.type === "submit") return submit(approval.current, state, event.user, event.at, context);
  if (state === undefined || state.status !== "pending") {
    const status = state?.status ?? "not submitted";
    return { ok: false, issues: [workflowIssue("approval.notPending", "", { status, action: event.type })] };
  }
  const program = approval.program(state.definition);
  if (!isProgram(program)) return { ok: false, issues: [program] };
  const work = startWork(program, context, event.at, state);
  const issues = apply(work, event);
  return issues.length > 0 ? { ok: false, issues } : finish(work);
}

function apply(work: Work, event: Exclude<ApprovalEvent, { type: "submit" }>): Issue[] {
  switch (event.type) {
    case "approve":
      return decide(work, { decision: "approved", user: event.user, comment: event.comment, step: event.step });
    case "reject":
      return decide(work, { decision: "rejected", user: event.user, comment: event.comment, step: event.step });
    case "return":
      return decide(work, { decision: "returned", user: event.user, comment: event.comment, step: event.step });
    case "recall":
      return recall(work, event.user);
    case "reassign":
      return reassign(work, { user: event.user, step: event.step, from: event.from, to: event.to });
    case "tick":
      tick(work);
      return [];
  }
}
