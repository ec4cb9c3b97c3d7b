import type { Renames } from "../../api/designerApi.js";
import type { DesignerStore } from "../../store/designerStore.js";
import { type Operation, pendingRenames } from "../../store/history.js";

/** The last operation in the history when the app was last published from this store. */
const publishedAt = new WeakMap<DesignerStore, Operation | null>();

/** Remember that the document as it is now has been published. */
export function markPublished(store: DesignerStore): void {
  publishedAt.set(store, store.getState().past.at(-1) ?? null);
}

/**
 * The renames made since the last publish from this designer session (all of the session when
 * it has not published, or when undo went back past that point), for the server's migration plan.
 * The server applies only those whose old id is published and whose new id is in the draft.
 */
export function renamesSincePublish(store: DesignerStore): Renames {
  const { past } = store.getState();
  const mark = publishedAt.get(store);
  const from = mark === undefined || mark === null ? 0 : past.indexOf(mark) + 1;
  const { entities, fields } = pendingRenames(past.slice(from));
  return {
    ...(entities.length > 0 ? { entities } : {}),
    ...(fields.length > 0 ? { fields } : {}),
  };
}
