import type { ServerContext } from "../http/context.js";
import type { TimerRow, WriteTx } from "../storage/types.js";

/**
 * Runs one due timer inside the write transaction that marks it done, so its effects and
 * its completion commit together: a timer fires exactly once, even across restarts.
 */
export type TimerHandler = (ctx: ServerContext, tx: WriteTx, timer: TimerRow) => Promise<void>;

/** Durable timers: stored in the database, run by the server when due. */
export interface Scheduler {
  /** Register the handler of a timer kind (e.g. "approval.tick"); duplicates are an error. */
  register(kind: string, handler: TimerHandler): void;
  /** Run every timer due at `now` (and the periodic jobs); returns how many ran. */
  runDue(now: Date): Promise<number>;
  /** Poll every `intervalMs` (and once right away) until stopped. */
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}
