import type { Issue } from "../issues/issue.js";
import { log, notify, runEffects, setStatus, updateStep, type Work } from "./approvalWork.js";
import { workflowIssue } from "./messages.js";

/**
 * Recall: only the submitter, only while no approver has decided, and only when the
 * definition allows it (`allowRecall` defaults to true). Every reason is listed.
 */
export function recall(work: Work, user: string): Issue[] {
  const { state } = work;
  const issues: Issue[] = [];
  if (work.program.definition.allowRecall === false) {
    issues.push(workflowIssue("approval.recallDisabled", "", { workflow: state.workflow }));
  }
  if (user !== state.submitter)
    issues.push(workflowIssue("approval.recallNotSubmitter", "", { submitter: state.submitter }));
  if (state.steps.some((s) => s.decisions.length > 0)) issues.push(workflowIssue("approval.recallAfterDecision", ""));
  if (issues.length > 0) return issues;
  setStatus(work, "recalled");
  log(work, { type: "recalled", user });
  runEffects(work, "recall");
  return [];
}

export interface ReassignInput {
  readonly user: string;
  readonly step: string;
  readonly from: string | undefined;
  readonly to: string;
}

/**
 * Reassign: a current approver of the active step (passing it on) or an administrator
 * replaces an approver who has not decided, or (without `from`) adds one. The submitter can
 * never be made an approver. The number of approvals the step needs does not change.
 */
export function reassign(work: Work, input: ReassignInput): Issue[] {
  const { user, from, to } = input;
  const step = work.state.steps.find((s) => s.id === input.step && s.status === "active");
  if (!step) return [workflowIssue("approval.stepNotActive", "", { step: input.step })];
  const issues: Issue[] = [];
  if (!step.approvers.includes(user) && !work.ctx.isAdmin(user)) {
    issues.push(workflowIssue("approval.cannotReassign", "", { step: step.id }));
  }
  if (from !== undefined && !step.approvers.includes(from)) {
    issues.push(
      workflowIssue("approval.unknownApprover", "", { user: from, step: step.id, approvers: step.approvers }),
    );
  }
  if (from !== undefined && step.decisions.some((d) => (d.onBehalfOf ?? d.user) === from)) {
    issues.push(workflowIssue("approval.alreadyDecided", "", { user: from, step: step.id }));
  }
  if (to === work.state.submitter) issues.push(workflowIssue("approval.segregation", "", { user: to }));
  if (step.approvers.includes(to))
    issues.push(workflowIssue("approval.alreadyApprover", "", { user: to, step: step.id }));
  if (issues.length > 0) return issues;
  const approvers = from === undefined ? [...step.approvers, to] : step.approvers.map((a) => (a === from ? to : a));
  updateStep(work, step.id, (s) => ({ ...s, approvers }));
  log(work, { type: "reassigned", user, step: step.id, detail: from === undefined ? { to } : { from, to } });
  notify(work, [to], "approval.reassigned", step.id, { by: user });
  return [];
}
