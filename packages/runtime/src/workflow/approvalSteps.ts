import type { ApprovalStep } from "../schema/types.js";
import type { StepState } from "./approval.types.js";
import {
  activeSteps,
  log,
  notify,
  runEffects,
  setStatus,
  stepDefinition,
  updateStep,
  type Work,
} from "./approvalWork.js";
import { workflowIssue } from "./messages.js";
import { addHours } from "./time.js";
import { unique } from "./values.js";

/**
 * Approvals a step needs, fixed when it activates: `any` 1, `all` every approver,
 * `percentage` ⌈pct% × approvers⌉. Never less than 1, so a step with nobody to decide
 * waits (for a reassignment or an escalation) instead of passing by itself.
 */
export function requiredApprovals(step: ApprovalStep, approvers: number): number {
  switch (step.mode ?? "any") {
    case "any":
      return 1;
    case "all":
      return Math.max(1, approvers);
    case "percentage":
      // The epsilon keeps 7% × 100 (7.000000000000001 in floating point) at 7.
      return Math.max(1, Math.ceil(((step.percentage ?? 100) * approvers) / 100 - 1e-9));
  }
}

/** The waiting steps that make up the next level: the first one and its parallel group. */
function nextLevel(steps: readonly StepState[]): StepState[] {
  const first = steps.findIndex((s) => s.status === "waiting");
  const head = steps[first];
  if (!head) return [];
  const level = [head];
  for (let i = first + 1; head.group !== null; i++) {
    const next = steps[i];
    if (!next || next.group !== head.group || next.status !== "waiting") break;
    level.push(next);
  }
  return level;
}

/** Activate one step: resolve approvers (without the submitter), set its timers, tell people. */
function activate(work: Work, step: StepState): "active" | "skipped" {
  const definition = stepDefinition(work, step.id);
  if (!definition) {
    updateStep(work, step.id, (s) => ({ ...s, status: "skipped" }));
    return "skipped";
  }
  const resolved = unique(work.ctx.resolve(definition.approvers, work.ctx.record));
  const approvers = resolved.filter((u) => u !== work.state.submitter);
  if (resolved.length > 0 && approvers.length === 0) {
    // Segregation of duties: the submitter was the step's only approver.
    updateStep(work, step.id, (s) => ({ ...s, status: "skipped" }));
    log(work, { type: "skipped", step: step.id, detail: { reason: "segregationOfDuties", next: "nextLevel" } });
    return "skipped";
  }
  const sla = definition.sla;
  const dueAt = sla ? addHours(work.at, sla.hours) : null;
  const remindAt = sla?.remindAfterHours !== undefined ? addHours(work.at, sla.remindAfterHours) : null;
  const required = requiredApprovals(definition, approvers.length);
  updateStep(work, step.id, (s) => ({
    ...s,
    status: "active",
    approvers,
    required,
    activatedAt: work.at,
    dueAt,
    remindAt,
  }));
  log(work, { type: "activated", step: step.id, detail: { approvers } });
  notify(work, approvers, "approval.requested", step.id);
  if (remindAt !== null) work.effects.push({ kind: "schedule", at: remindAt, stepId: step.id, timer: "remind" });
  if (dueAt !== null) work.effects.push({ kind: "schedule", at: dueAt, stepId: step.id, timer: "due" });
  return "active";
}

/**
 * Move the request on: when no step is active, activate the next level (skipping levels
 * left without approvers); when none is left, the request is approved.
 *
 * Decisions: a request where no step applies is approved at once. A request whose every
 * applicable step was skipped for segregation of duties is not approved by nobody: its last
 * step goes to the submitter's manager (`approval.noApprover` when there is none).
 */
export function advance(work: Work): void {
  while (activeSteps(work.state).length === 0) {
    const level = nextLevel(work.state.steps);
    if (level.length === 0) {
      complete(work);
      return;
    }
    for (const step of level) activate(work, step);
  }
}

function complete(work: Work): void {
  const steps = work.state.steps;
  const last = steps[steps.length - 1];
  if (last && !steps.some((s) => s.status === "approved")) {
    const manager = work.ctx.managerOf(work.state.submitter);
    if (manager === undefined || manager === work.state.submitter) {
      work.failure ??= workflowIssue("approval.noApprover", "", { workflow: work.state.workflow });
      return;
    }
    const definition = stepDefinition(work, last.id);
    const required = definition ? requiredApprovals(definition, 1) : 1;
    updateStep(work, last.id, (s) => ({
      ...s,
      status: "active",
      approvers: [manager],
      required,
      activatedAt: work.at,
    }));
    log(work, { type: "escalated", step: last.id, detail: { reason: "allSkipped", added: [manager] } });
    notify(work, [manager], "approval.requested", last.id);
    return;
  }
  setStatus(work, "approved");
  log(work, { type: "completed" });
  notify(work, [work.state.submitter], "approval.approved");
  runEffects(work, "approve");
}
