import type { EvalEnv, Value } from "../expr/values.js";
import type { Issue } from "../issues/issue.js";
import type { StateMachine } from "../schema/types.js";
import type { EvaluatedEffect } from "./effects.js";

export type StateDefinition = StateMachine["states"][number];
export type TransitionDefinition = StateMachine["transitions"][number];

/** Who is moving the record: the caller expands inherited roles first (`policy.rolesOf`). */
export interface WorkflowActor {
  readonly id: string;
  readonly roles: readonly string[] | ReadonlySet<string>;
}

/** One row of stage history: the host appends it in the same transaction as the changes. */
export interface HistoryEntry {
  readonly workflow: string;
  readonly transition: string;
  readonly from: string;
  readonly to: string;
  /** Values of `history.fields` after the changes. */
  readonly snapshot: Readonly<Record<string, Value>>;
}

/** A transition that may be taken: the record's new values, the other effects, a history row. */
export interface TakeSuccess {
  readonly ok: true;
  readonly from: string;
  readonly to: string;
  readonly transition: TransitionDefinition;
  /** The state field set to `to`, then the transition's setFields, then the target's onEnter setFields; later wins. */
  readonly changes: Readonly<Record<string, Value>>;
  /** The non-setFields effects of the transition, then of the target state's onEnter. */
  readonly effects: readonly EvaluatedEffect[];
  readonly history: HistoryEntry;
}

export type TakeResult = TakeSuccess | { readonly ok: false; readonly issues: readonly Issue[] };

/** A stage machine compiled for one app: formulas type-checked once, pure to run. */
export interface CompiledStateMachine {
  readonly id: string;
  readonly definition: StateMachine;
  /** The entity whose records move, and the select field holding the state. */
  readonly entity: string;
  readonly field: string;
  /** The record's current state: the field's value, or `initial` when blank. */
  state(record: Readonly<Record<string, unknown>>): string;
  /** Transitions the actor could take from the current state (roles checked, guards not): for buttons. */
  available(record: Readonly<Record<string, unknown>>, actor: WorkflowActor): readonly TransitionDefinition[];
  /** Take a transition, or list every reason it cannot be taken now. */
  take(record: Readonly<Record<string, unknown>>, transitionId: string, actor: WorkflowActor, env: EvalEnv): TakeResult;
}
