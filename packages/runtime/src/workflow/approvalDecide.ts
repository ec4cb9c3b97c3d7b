import type { Issue } from "../issues/issue.js";
import type { ApprovalContext, ApprovalState, DecisionKind, StepDecision, StepState } from "./approval.types.js";
import { advance } from "./approvalSteps.js";
import {
  activeSteps,
  approvals,
  log,
  notify,
  principalOf,
  runEffects,
  setStatus,
  stepDefinition,
  updateStep,
  type Work,
} from "./approvalWork.js";
import { workflowIssue } from "./messages.js";

export interface DecisionInput {
  readonly decision: DecisionKind;
  readonly user: string;
  readonly comment: string | undefined;
  /** Which active step, when the user approves several at once (parallel group). */
  readonly step: string | undefined;
}

/** The step and the approver a decision counts for, or why there is none. */
type Seat = { readonly step: StepState; readonly principal: string } | { readonly issue: Issue };

/**
 * Find where the user may decide: an active step listing them (or an approver they stand in
 * for) where neither they nor that approver decided yet. A person decides once per step,
 * whatever capacity they act in; the submitter never decides (segregation of duties).
 */
function findSeat(
  state: ApprovalState,
  user: string,
  at: string,
  stepId: string | undefined,
  ctx: ApprovalContext,
): Seat {
  const active = activeSteps(state).filter((s) => stepId === undefined || s.id === stepId);
  const label = active.map((s) => s.id).join(", ") || (stepId ?? "");
  if (user === state.submitter) return { issue: workflowIssue("approval.segregation", "", { user }) };
  let decided: StepState | undefined;
  for (const step of active) {
    const principal = principalOf(step, user, at, ctx);
    if (principal === undefined) continue;
    const done = step.decisions.some((d) => d.user === user || (d.onBehalfOf ?? d.user) === principal);
    if (!done) return { step, principal };
    decided ??= step;
  }
  if (decided) return { issue: workflowIssue("approval.alreadyDecided", "", { user, step: decided.id }) };
  return { issue: workflowIssue("approval.notApprover", "", { step: label }) };
}

/** Check and apply an approval, a rejection or a return. */
export function decide(work: Work, input: DecisionInput): Issue[] {
  const { decision, user, comment } = input;
  const issues: Issue[] = [];
  const seat = findSeat(work.state, user, work.at, input.step, work.ctx);
  if ("issue" in seat) issues.push(seat.issue);
  const text = comment?.trim() ?? "";
  if (decision !== "approved" && text === "") {
    issues.push(
      workflowIssue("approval.commentRequired", "/comment", { action: decision === "rejected" ? "reject" : "return" }),
    );
  }
  if ("step" in seat && decision === "returned" && stepDefinition(work, seat.step.id)?.allowReturn === false) {
    issues.push(workflowIssue("approval.returnNotAllowed", "", { step: seat.step.id }));
  }
  if (issues.length > 0 || !("step" in seat)) return issues;

  const { step, principal } = seat;
  const entry: StepDecision = {
    user,
    ...(principal === user ? {} : { onBehalfOf: principal }),
    decision,
    comment: text === "" ? null : text,
    at: work.at,
  };
  updateStep(work, step.id, (s) => ({ ...s, decisions: [...s.decisions, entry] }));
  const detail = principal === user ? undefined : { onBehalfOf: principal };
  log(work, {
    type: decision,
    user,
    step: step.id,
    ...(text === "" ? {} : { comment: text }),
    ...(detail ? { detail } : {}),
  });
  switch (decision) {
    case "approved":
      completeStepIfDone(work, step.id);
      return [];
    case "rejected":
      // Any rejection rejects the whole request, whatever the step's mode.
      updateStep(work, step.id, (s) => ({ ...s, status: "rejected" }));
      setStatus(work, "rejected");
      notify(work, [work.state.submitter], "approval.rejected", step.id, { comment: text });
      runEffects(work, "reject");
      return [];
    case "returned":
      setStatus(work, "returned");
      notify(work, [work.state.submitter], "approval.returned", step.id, { comment: text });
      return [];
  }
}

function completeStepIfDone(work: Work, stepId: string): void {
  const step = work.state.steps.find((s) => s.id === stepId);
  if (!step || approvals(step) < step.required) return;
  updateStep(work, stepId, (s) => ({ ...s, status: "approved" }));
  log(work, { type: "stepApproved", step: stepId });
  advance(work);
}
