import type { Issue } from "../issues/issue.js";
import type { ApprovalContext, ApprovalResult, ApprovalState, StepState } from "./approval.types.js";
import { maySubmit } from "./approvalOffers.js";
import type { ApprovalProgram } from "./approvalProgram.js";
import { advance } from "./approvalSteps.js";
import { finish, log, runEffects, setStatus, startWork } from "./approvalWork.js";
import { labelIssue, workflowIssue } from "./messages.js";

/**
 * Submit (or resubmit) a request with the current definition. Every applicable step starts
 * over: after a rejection the round goes up and earlier approvals are void; after a return
 * or a recall the round stays (the record's version did not move) but the steps restart
 * too, because the record may have changed. The timeline keeps every earlier entry.
 */
export function submit(
  program: ApprovalProgram,
  previous: ApprovalState | undefined,
  user: string,
  at: string,
  ctx: ApprovalContext,
): ApprovalResult {
  const definition = program.definition;
  if (previous?.status === "pending") {
    return { ok: false, issues: [workflowIssue("approval.alreadyPending", "", { workflow: definition.id })] };
  }
  if (previous?.status === "approved") {
    const params = { status: previous.status, action: "submit" };
    return { ok: false, issues: [workflowIssue("approval.notPending", "", params)] };
  }
  const issues: Issue[] = [];
  if (!maySubmit(definition, ctx.rolesOf(user))) {
    issues.push(
      workflowIssue("approval.notSubmitter", "", { workflow: definition.id, roles: definition.submitters ?? [] }),
    );
  }
  if (program.entry) {
    const result = program.entry.evaluate(ctx.record, ctx.env);
    if (!result.ok || result.value !== true) {
      const fallback = {
        en: `This record does not meet the entry criteria of '${definition.id}' (${program.entry.text}). Change it, then submit again.`,
        "zh-CN": `该记录不满足“${definition.id}”的提交条件（${program.entry.text}）。请修改后再提交。`,
      };
      const params = { workflow: definition.id, ...(result.ok ? {} : { reason: result.issue.message.en }) };
      issues.push(
        labelIssue("approval.entryFailed", "", definition.entryMessage ?? fallback, program.entry.text, params),
      );
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  const steps: StepState[] = [];
  for (const step of definition.steps) {
    if (steps.some((s) => s.id === step.id)) continue;
    const condition = program.conditions.get(step.id);
    if (condition) {
      const result = condition.evaluate(ctx.record, ctx.env);
      if (!result.ok) {
        const params = {
          workflow: definition.id,
          what: `condition of step '${step.id}'`,
          reason: result.issue.message.en,
        };
        return { ok: false, issues: [workflowIssue("approval.formulaFailed", "", params)] };
      }
      if (result.value !== true) continue;
    }
    steps.push({
      id: step.id,
      group: step.parallelGroup ?? null,
      status: "waiting",
      approvers: [],
      required: 1,
      decisions: [],
      activatedAt: null,
      dueAt: null,
      remindAt: null,
      escalatedAt: null,
      reminded: false,
    });
  }
  const round = previous === undefined ? 1 : previous.status === "rejected" ? previous.round + 1 : previous.round;
  const state: ApprovalState = {
    workflow: definition.id,
    definition,
    status: "pending",
    round,
    submitter: user,
    submittedAt: at,
    steps,
    timeline: previous?.timeline ?? [],
  };
  const work = startWork(program, ctx, at, state);
  setStatus(work, "pending");
  log(work, { type: "submitted", user, detail: { round, steps: steps.map((s) => s.id) } });
  runEffects(work, "submit");
  advance(work);
  return finish(work);
}
