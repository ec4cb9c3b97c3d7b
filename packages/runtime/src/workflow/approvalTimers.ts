import type { Party } from "../schema/types.js";
import type { StepState } from "./approval.types.js";
import { activeSteps, log, notify, stepDefinition, undecided, updateStep, type Work } from "./approvalWork.js";
import { reached } from "./time.js";
import { unique } from "./values.js";

/**
 * Fire the timers that are due at `work.at`, each at most once per step activation: the
 * reminder (to the approvers who have not decided) and the escalation (the SLA's
 * `escalateTo`, by default the manager of each approver who has not decided, joins the
 * step's approvers; the number of approvals needed does not change, so the newcomer
 * stands in for a late approver). Nothing due is not an error: the result is unchanged.
 */
export function tick(work: Work): void {
  for (const step of activeSteps(work.state)) {
    if (!step.reminded && step.remindAt !== null && reached(work.at, step.remindAt)) remind(work, step);
    if (step.escalatedAt === null && step.dueAt !== null && reached(work.at, step.dueAt)) escalate(work, step);
  }
}

function remind(work: Work, step: StepState): void {
  updateStep(work, step.id, (s) => ({ ...s, reminded: true }));
  const users = undecided(step);
  log(work, { type: "reminded", step: step.id, detail: { users } });
  notify(work, users, "approval.reminder", step.id, { dueAt: step.dueAt ?? "" });
}

function escalate(work: Work, step: StepState): void {
  const target: "manager" | Party = stepDefinition(work, step.id)?.sla?.escalateTo ?? "manager";
  const candidates =
    target === "manager"
      ? undecided(step).flatMap((u) => {
          const manager = work.ctx.managerOf(u);
          return manager === undefined ? [] : [manager];
        })
      : work.ctx.resolve(target, work.ctx.record);
  const added = unique(candidates).filter((u) => u !== work.state.submitter && !step.approvers.includes(u));
  updateStep(work, step.id, (s) => ({ ...s, escalatedAt: work.at, approvers: [...s.approvers, ...added] }));
  log(work, { type: "escalated", step: step.id, detail: { added } });
  notify(work, added, "approval.escalated", step.id);
}
