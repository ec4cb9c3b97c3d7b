import type { App } from "@plinth/runtime";
import { applyPatches, enablePatches, type Patch, produceWithPatches } from "immer";
import type { Command, Recipe, RenameMeta } from "./commands.js";

enablePatches();

/** One committed edit: what it was called, and the patches that do and undo it. */
export interface Operation {
  readonly name: string;
  readonly label: { readonly en: string; readonly "zh-CN": string };
  readonly patches: readonly Patch[];
  readonly inverse: readonly Patch[];
  /** Edits with the same key in quick succession (typing a label) become one operation. */
  readonly mergeKey?: string | undefined;
  readonly rename?: RenameMeta | undefined;
  readonly at: number;
}

/** The document and its undo/redo stacks. Immutable: every change returns a new history. */
export interface History {
  readonly doc: App;
  readonly past: readonly Operation[];
  readonly future: readonly Operation[];
}

/** Edits under the same merge key closer together than this become one undo step. */
export const MERGE_WINDOW_MS = 1000;

export function startHistory(doc: App): History {
  return { doc, past: [], future: [] };
}

/** Run a recipe on the document: the new document and the patches both ways. */
export function record(doc: App, recipe: Recipe): { doc: App; patches: Patch[]; inverse: Patch[] } {
  const [next, patches, inverse] = produceWithPatches(doc, (draft) => {
    recipe(draft as App);
  });
  return { doc: next, patches, inverse };
}

/**
 * Commit a command: the document changes, the operation goes on the undo stack (merged with the
 * previous one when both carry the same merge key within {@link MERGE_WINDOW_MS}), and the redo
 * stack is cleared. A command that changes nothing leaves the history as it was.
 */
export function commit(history: History, command: Command, now = Date.now()): History {
  const { doc, patches, inverse } = record(history.doc, command.recipe);
  if (patches.length === 0) return history;
  const last = history.past.at(-1);
  if (
    command.mergeKey !== undefined &&
    last?.mergeKey === command.mergeKey &&
    now - last.at < MERGE_WINDOW_MS &&
    history.future.length === 0
  ) {
    const merged: Operation = {
      ...last,
      patches: [...last.patches, ...patches],
      inverse: [...inverse, ...last.inverse],
      at: now,
    };
    return { doc, past: [...history.past.slice(0, -1), merged], future: [] };
  }
  const op: Operation = {
    name: command.name,
    label: command.label,
    patches,
    inverse,
    mergeKey: command.mergeKey,
    rename: command.rename,
    at: now,
  };
  return { doc, past: [...history.past, op], future: [] };
}

export function undo(history: History): History {
  const op = history.past.at(-1);
  if (!op) return history;
  return {
    doc: applyPatches(history.doc, op.inverse as Patch[]),
    past: history.past.slice(0, -1),
    future: [...history.future, op],
  };
}

export function redo(history: History): History {
  const op = history.future.at(-1);
  if (!op) return history;
  return {
    doc: applyPatches(history.doc, op.patches as Patch[]),
    past: [...history.past, op],
    future: history.future.slice(0, -1),
  };
}

/**
 * The renames in effect since `since` operations ago (all of the history by default), chained
 * (a→b then b→c is a→c) and without the ones undone, for the server's migration plan.
 */
export function pendingRenames(past: readonly Operation[]): {
  entities: Array<{ from: string; to: string }>;
  fields: Array<{ entity: string; from: string; to: string }>;
} {
  const entities: Array<{ from: string; to: string }> = [];
  const fields: Array<{ entity: string; from: string; to: string }> = [];
  for (const op of past) {
    const r = op.rename;
    if (!r) continue;
    if (r.kind === "entity") {
      const earlier = entities.find((e) => e.to === r.from);
      if (earlier) earlier.to = r.to;
      else entities.push({ from: r.from, to: r.to });
      // Fields recorded under the entity's old name now live under its new one.
      for (const f of fields) if (f.entity === r.from) f.entity = r.to;
    } else {
      const earlier = fields.find((f) => f.entity === r.entity && f.to === r.from);
      if (earlier) earlier.to = r.to;
      else fields.push({ entity: r.entity, from: r.from, to: r.to });
    }
  }
  return {
    entities: entities.filter((e) => e.from !== e.to),
    fields: fields.filter((f) => f.from !== f.to),
  };
}
