import type { EvalEnv } from "../expr/values.js";
import type { Issue } from "../issues/issue.js";
import type { Approval, ApprovalStep, Party } from "../schema/types.js";
import type { EvaluatedEffect } from "./effects.js";
import type { ApprovalNotification } from "./messages.js";

export type ApprovalStatus = "pending" | "approved" | "rejected" | "returned" | "recalled";
export type StepStatus = "waiting" | "active" | "approved" | "rejected" | "skipped";
export type DecisionKind = "approved" | "rejected" | "returned";

/** One approver's decision on one step. */
export interface StepDecision {
  /** Who clicked. */
  readonly user: string;
  /** The approver a delegate acted for (out-of-office delegation). */
  readonly onBehalfOf?: string;
  readonly decision: DecisionKind;
  readonly comment: string | null;
  readonly at: string;
}

/** One applicable step of a request (steps whose `condition` did not hold are not listed). */
export interface StepState {
  readonly id: string;
  /** The step's `parallelGroup`: consecutive steps sharing it are one level. */
  readonly group: string | null;
  readonly status: StepStatus;
  /** Who may decide, resolved at activation (the submitter removed); grows on escalation. */
  readonly approvers: readonly string[];
  /** Approvals needed to complete the step, fixed at activation from its mode. */
  readonly required: number;
  readonly decisions: readonly StepDecision[];
  readonly activatedAt: string | null;
  readonly dueAt: string | null;
  readonly remindAt: string | null;
  readonly escalatedAt: string | null;
  readonly reminded: boolean;
}

export type TimelineType =
  | "submitted"
  | "activated"
  | "skipped"
  | "approved"
  | "rejected"
  | "returned"
  | "recalled"
  | "reassigned"
  | "reminded"
  | "escalated"
  | "stepApproved"
  | "completed";

/** The full, append-only log of a request, for the record's timeline. */
export interface TimelineEntry {
  readonly at: string;
  readonly type: TimelineType;
  readonly user?: string;
  readonly step?: string;
  readonly comment?: string;
  /** Extra facts: who was added on escalation, why a step was skipped, the round. */
  readonly detail?: Readonly<Record<string, string | number | readonly string[]>>;
}

/** The state of one approval request: plain JSON, stored by the host next to the record. */
export interface ApprovalState {
  readonly workflow: string;
  /** The definition the request was submitted with; a running request keeps it after republish. */
  readonly definition: Approval;
  readonly status: ApprovalStatus;
  /** 1 on the first submit, +1 on each resubmit after a rejection. */
  readonly round: number;
  readonly submitter: string;
  readonly submittedAt: string;
  readonly steps: readonly StepState[];
  readonly timeline: readonly TimelineEntry[];
}

export type ApprovalEvent =
  | { readonly type: "submit"; readonly user: string; readonly at: string }
  | {
      readonly type: "approve";
      readonly user: string;
      readonly at: string;
      readonly comment?: string;
      readonly step?: string;
    }
  | {
      readonly type: "reject";
      readonly user: string;
      readonly at: string;
      readonly comment: string;
      readonly step?: string;
    }
  | {
      readonly type: "return";
      readonly user: string;
      readonly at: string;
      readonly comment: string;
      readonly step?: string;
    }
  | { readonly type: "recall"; readonly user: string; readonly at: string }
  | {
      readonly type: "reassign";
      readonly user: string;
      readonly at: string;
      readonly step: string;
      /** The approver to replace; omit to add `to` (e.g. a step nobody could be found for). */
      readonly from?: string;
      readonly to: string;
    }
  | { readonly type: "tick"; readonly at: string };

/** Effects as data: the host sends, schedules and writes them in the same transaction. */
export type ApprovalEffect =
  | {
      readonly kind: "notify";
      readonly users: readonly string[];
      readonly message: ApprovalNotification;
      readonly params: Readonly<Record<string, string>>;
    }
  | { readonly kind: "schedule"; readonly at: string; readonly stepId: string; readonly timer: "remind" | "due" }
  | { readonly kind: "status"; readonly field: string; readonly value: ApprovalStatus }
  | {
      readonly kind: "effects";
      readonly on: "submit" | "approve" | "reject" | "recall";
      readonly effects: readonly EvaluatedEffect[];
    };

export type ApprovalResult =
  | { readonly ok: true; readonly state: ApprovalState; readonly effects: readonly ApprovalEffect[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * What the host supplies, as pure functions of their arguments.
 *
 * Parties are resolved by the host, `match` included: the formula language cannot read
 * `$approver.*` on its own, and the host already holds the user directory (and can run
 * `match` as SQL). For a role party the host lists the users with the role (inherited roles
 * included) for whom `match` is TRUE with `$approver` bound to the candidate.
 */
export interface ApprovalContext {
  /** The record's current values (entry criteria, conditions and effects read them). */
  readonly record: Readonly<Record<string, unknown>>;
  /** The formula environment (`$user` = the acting user, `$now` = the event's time). */
  readonly env: EvalEnv;
  /** Users of a party for this record, in a stable order. */
  resolve(party: Party, record: Readonly<Record<string, unknown>>): readonly string[];
  managerOf(user: string): string | undefined;
  /** Who acts for `user` at instant `at` (out of office), if anyone. */
  delegateOf(user: string, at: string): string | undefined;
  /** The user's roles, inherited ones included (for `submitters`). */
  rolesOf(user: string): readonly string[];
  isAdmin(user: string): boolean;
}

export type { Approval, ApprovalStep };
