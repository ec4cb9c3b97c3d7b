import type { App, Issue } from "@plinth/runtime";
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Command, Made } from "./commands.js";
import { commit, type History, type Operation, redo, startHistory, undo } from "./history.js";

/** What is selected in the panels: a JSON Pointer into the document (an entity, a field, a node...). */
export type Selection = string | undefined;

export interface DesignerState extends History {
  readonly selection: Selection;
  /** The last refusal (a rename onto a taken id, removing something still used...). */
  readonly refusal?: readonly Issue[] | undefined;
  /** Commit a command; returns false (and sets `refusal`) when it could not be applied. */
  apply(command: Command | Made): boolean;
  undo(): void;
  redo(): void;
  select(selection: Selection): void;
  /** Start over from a document (opening an app, taking the server's version). */
  load(doc: App): void;
  clearRefusal(): void;
}

export type DesignerStore = StoreApi<DesignerState>;

/** The operation the undo and redo buttons would take, for their labels. */
export const nextUndo = (s: History): Operation | undefined => s.past.at(-1);
export const nextRedo = (s: History): Operation | undefined => s.future.at(-1);

/**
 * The designer's one store: the app document, the selection, and the undo/redo history. Every
 * panel edits through `apply` with a named command (commands.ts), so undo and redo work the
 * same from every panel and every edit is a patch with its inverse.
 */
export interface DesignerStoreOptions {
  readonly now?: () => number;
  /**
   * Refuses a change by returning issues about the document it would produce (a regional
   * variant touching a locked node of its template); the document stays as it was.
   */
  readonly guard?: (next: App) => readonly Issue[];
}

export function createDesignerStore(doc: App, options: DesignerStoreOptions = {}): DesignerStore {
  const now = options.now ?? Date.now;
  return createStore<DesignerState>()((set, get) => ({
    ...startHistory(doc),
    selection: undefined,
    refusal: undefined,
    apply(made) {
      const command = "recipe" in made ? made : made.ok ? made.command : undefined;
      if (!command) {
        set({ refusal: (made as Extract<Made, { ok: false }>).issues });
        return false;
      }
      const state = get();
      try {
        const next = commit(state, command, now());
        if (next === state) return true;
        const refused = options.guard?.(next.doc) ?? [];
        if (refused.length > 0) {
          set({ refusal: refused });
          return false;
        }
        set({ doc: next.doc, past: next.past, future: next.future, refusal: undefined });
        return true;
      } catch (error) {
        set({
          refusal: [
            {
              code: "designer.editFailed",
              path: "",
              params: {},
              severity: "error",
              message: {
                en: `This change could not be made: ${(error as Error).message}. Nothing was changed.`,
                "zh-CN": `无法进行此修改：${(error as Error).message}。文档未改变。`,
              },
            },
          ],
        });
        return false;
      }
    },
    undo() {
      const next = undo(get());
      set({ doc: next.doc, past: next.past, future: next.future });
    },
    redo() {
      const next = redo(get());
      set({ doc: next.doc, past: next.past, future: next.future });
    },
    select(selection) {
      set({ selection });
    },
    load(next) {
      set({ ...startHistory(next), selection: undefined, refusal: undefined });
    },
    clearRefusal() {
      set({ refusal: undefined });
    },
  }));
}
