import type { Issue } from "../issues/issue.js";
import type { ApprovalStep } from "../schema/types.js";
import type {
  ApprovalContext,
  ApprovalEffect,
  ApprovalResult,
  ApprovalState,
  ApprovalStatus,
  StepState,
  TimelineEntry,
} from "./approval.types.js";
import type { ApprovalProgram, EffectMoment } from "./approvalProgram.js";
import type { ApprovalNotification } from "./messages.js";
import { workflowIssue } from "./messages.js";

/**
 * A transition in progress: the state being rebuilt (immutably, step by step), the effects
 * collected so far. Helpers below append to it; `finish` turns it into a result.
 */
export interface Work {
  readonly program: ApprovalProgram;
  readonly ctx: ApprovalContext;
  readonly at: string;
  state: ApprovalState;
  readonly effects: ApprovalEffect[];
  /** Set when an effect formula fails: the whole transition fails with it. */
  failure?: Issue;
}

export function startWork(program: ApprovalProgram, ctx: ApprovalContext, at: string, state: ApprovalState): Work {
  return { program, ctx, at, state, effects: [] };
}

export function finish(work: Work): ApprovalResult {
  if (work.failure) return { ok: false, issues: [work.failure] };
  return { ok: true, state: work.state, effects: work.effects };
}

export function stepDefinition(work: Work, id: string): ApprovalStep | undefined {
  return work.program.definition.steps.find((s) => s.id === id);
}

export function log(work: Work, entry: Omit<TimelineEntry, "at">): void {
  work.state = { ...work.state, timeline: [...work.state.timeline, { at: work.at, ...entry }] };
}

export function updateStep(work: Work, id: string, change: (step: StepState) => StepState): void {
  work.state = { ...work.state, steps: work.state.steps.map((s) => (s.id === id ? change(s) : s)) };
}

export function notify(
  work: Work,
  users: readonly string[],
  message: ApprovalNotification,
  step?: string,
  extra: Readonly<Record<string, string>> = {},
): void {
  if (users.length === 0) return;
  const params: Record<string, string> = { workflow: work.state.workflow, submitter: work.state.submitter, ...extra };
  if (step !== undefined) params.step = step;
  work.effects.push({ kind: "notify", users: [...users], message, params });
}

/** Set the request status, and mirror it into `statusField` when the definition has one. */
export function setStatus(work: Work, status: ApprovalStatus): void {
  work.state = { ...work.state, status };
  const field = work.program.definition.statusField;
  if (field !== undefined) work.effects.push({ kind: "status", field, value: status });
}

/** Evaluate the definition's effects for a moment and add them (nothing when there are none). */
export function runEffects(work: Work, on: EffectMoment): void {
  const compiled = work.program.effects[on];
  if (compiled.count === 0) return;
  // `$approval.comment`: the comment of the decision made in this transition (approve, reject).
  const decision = [...work.state.timeline]
    .reverse()
    .find((e) => e.at === work.at && (e.type === "approved" || e.type === "rejected" || e.type === "returned"));
  const env = {
    ...work.ctx.env,
    variables: {
      ...work.ctx.env.variables,
      approval: { comment: on === "submit" || on === "recall" ? null : (decision?.comment ?? null) },
    },
  };
  const result = compiled.run(work.ctx.record, env);
  if (!result.ok) {
    const reason = result.issue.message.en;
    work.failure ??= workflowIssue("approval.formulaFailed", "", {
      workflow: work.state.workflow,
      what: `on${on} effects`,
      reason,
    });
    return;
  }
  work.effects.push({ kind: "effects", on, effects: result.effects });
}

/** The active steps: at most one level (a step, or consecutive steps sharing a parallel group). */
export function activeSteps(state: ApprovalState): StepState[] {
  return state.steps.filter((s) => s.status === "active");
}

/** The approver a decision of `user` counts for: the user, or the one they stand in for. */
export function principalOf(
  step: StepState,
  user: string,
  at: string,
  ctx: Pick<ApprovalContext, "delegateOf">,
): string | undefined {
  if (step.approvers.includes(user)) return user;
  return step.approvers.find((a) => a !== user && ctx.delegateOf(a, at) === user);
}

/** Approvers who have not decided yet (directly or through a delegate). */
export function undecided(step: StepState): string[] {
  const decided = new Set(step.decisions.map((d) => d.onBehalfOf ?? d.user));
  return step.approvers.filter((a) => !decided.has(a));
}

export function approvals(step: StepState): number {
  return step.decisions.filter((d) => d.decision === "approved").length;
}
