import type { Formula } from "../expr/formula.js";
import type { EvalEnv } from "../expr/values.js";
import type { Issue } from "../issues/issue.js";
import type { Automation } from "../schema/types.js";
import type { EffectsResult, EvaluatedEffect } from "./effects.js";

/** Something that happened to a record, as automations see it (the host's write event). */
export interface AutomationEvent {
  readonly kind: "create" | "update" | "delete" | "transition" | "approval";
  readonly entity: string;
  /** The record after the change (before it, for deletes). */
  readonly record: Readonly<Record<string, unknown>>;
  /** The record before the change (updates, transitions, approvals). */
  readonly old?: Readonly<Record<string, unknown>> | undefined;
  readonly workflow?: string | undefined;
  readonly transition?: string | undefined;
  readonly outcome?: "submitted" | "approved" | "rejected" | "returned" | "recalled" | undefined;
}

/**
 * One automation that fired: its effects for the host to carry out, or the issue that kept
 * them from being computed (a failure is data, never swallowed).
 */
export type AutomationRun =
  | { readonly automation: string; readonly ok: true; readonly effects: readonly EvaluatedEffect[] }
  | { readonly automation: string; readonly ok: false; readonly issue: Issue };

/** A boolean answer or the issue that kept it from being computed. */
export type Truth = { readonly ok: true; readonly value: boolean } | { readonly ok: false; readonly issue: Issue };

/** One enabled automation, compiled. */
export interface CompiledAutomation {
  readonly id: string;
  readonly entity: string;
  readonly definition: Automation;
  readonly trigger: Automation["trigger"];
  /** The `condition` (undefined: always holds). Its `typed` tree can become a SQL filter. */
  readonly condition: Formula | undefined;
  /** The formula of a `becomesTrue` trigger. */
  readonly formula: Formula | undefined;
  /** Relation paths (`account.region`) its formulas read, for hosts that prefetch them. */
  readonly paths: ReadonlyArray<readonly string[]>;
  /** Does the condition hold (blank is FALSE)? `env.old` feeds `$old.*`. */
  holds(record: Readonly<Record<string, unknown>>, env: EvalEnv): Truth;
  /** Is the `becomesTrue` formula TRUE (blank is FALSE)? FALSE for other triggers. */
  isTrue(record: Readonly<Record<string, unknown>>, env: EvalEnv): Truth;
  /** Evaluate the actions on a record. */
  effects(record: Readonly<Record<string, unknown>>, env: EvalEnv): EffectsResult;
  /** Condition, then actions: undefined when the condition does not hold. */
  run(record: Readonly<Record<string, unknown>>, env: EvalEnv): AutomationRun | undefined;
  /** The first run of a cron or schedule trigger after `after`; undefined for other triggers. */
  next(after: string): string | undefined;
  /**
   * The `match` formula of a role party of a notify action, compiled with `$approver.*` (the
   * candidate recipient); undefined when the text is not such a formula of this automation.
   */
  partyMatch(text: string): Formula | undefined;
}

/** The enabled automations of an app, compiled once per app version. */
export interface CompiledAutomations {
  readonly all: readonly CompiledAutomation[];
  get(id: string): CompiledAutomation | undefined;
  /**
   * The automations a write fires, with their effects evaluated on the new record (the old
   * one for deletes). `env.old` is set from `event.old`.
   */
  onWrite(event: AutomationEvent, env: EvalEnv): AutomationRun[];
  /** The automations the host runs on a clock: cron, schedule, dateOffset and becomesTrue sweeps. */
  scheduled(): readonly CompiledAutomation[];
}
