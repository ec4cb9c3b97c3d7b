import type { LocalizedMessage } from "../issues/issue.js";

/**
 * How much a change asks of the people and data already using an app:
 * - `compatible`: stored records stay valid and existing clients keep working;
 * - `needs-migration`: stored data is converted or must be completed (renamed or converted
 *   columns, removed options still held by records, newly required or unique fields);
 * - `breaking`: data is lost (dropped tables and columns, lossy conversions) or something people
 *   or clients relied on is gone or narrower (a workflow action, a role, a permission).
 */
export type ChangeClass = "compatible" | "needs-migration" | "breaking";

/** Classes from mildest to most severe. */
export const changeClasses: readonly ChangeClass[] = ["compatible", "needs-migration", "breaking"];

/**
 * One semantic change between two versions of an app. Data like an issue: a stable code, a
 * JSON Pointer, the values involved, and a sentence in English and Chinese.
 */
export interface AppChange {
  /** Stable code, e.g. `field.kindChanged`, `step.approversChanged`, `permission.narrowed`. */
  readonly code: string;
  readonly class: ChangeClass;
  /** JSON Pointer to the changed node: into the new document, or the old one when it was removed. */
  readonly path: string;
  /** Which document `path` points into. */
  readonly in: "old" | "new";
  /** The node's id path (`/entities/deal/fields/amount`), as overlays and locks address it. */
  readonly target: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message: LocalizedMessage;
}

/** The most severe class among `changes` (undefined when there are none). */
export function worstClass(changes: readonly AppChange[]): ChangeClass | undefined {
  let worst = -1;
  for (const change of changes) worst = Math.max(worst, changeClasses.indexOf(change.class));
  return worst < 0 ? undefined : changeClasses[worst];
}
