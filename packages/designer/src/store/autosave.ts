import type { App } from "@plinth/runtime";
import { createStore, type StoreApi } from "zustand/vanilla";
import { DraftConflict } from "../api/designerApi.js";
import type { DesignerStore } from "./designerStore.js";
import { merge3 } from "./merge.js";

export type SaveState =
  | { readonly kind: "saved" }
  | { readonly kind: "dirty" }
  | { readonly kind: "saving" }
  | { readonly kind: "error"; readonly error: unknown }
  | { readonly kind: "conflict"; readonly theirs: App; readonly revision: number };

export interface AutosaveStatus {
  readonly state: SaveState;
  /** The server revision the document in the store is based on. */
  readonly revision: number;
  /** Paths where a merge kept ours over theirs (both changed them). */
  readonly mergeConflicts: readonly string[];
}

/** The part of the API autosave needs (the real one, or a stand-in in tests). */
export interface DraftSaver {
  saveDraft(appId: string, app: App, revision: number): Promise<{ draftRevision: number }>;
}

/** Where unsaved edits survive a reload or a crash: localStorage in the browser. */
export interface BackupStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What is kept in the browser while edits are not on the server yet. */
export interface Backup {
  readonly revision: number;
  /** The document as last saved (the merge base). */
  readonly base: App;
  readonly doc: App;
}

export const backupKey = (appId: string) => `plinth.designer.backup.${appId}`;

export function readBackup(storage: BackupStorage | undefined, appId: string): Backup | undefined {
  try {
    const text = storage?.getItem(backupKey(appId));
    return text ? (JSON.parse(text) as Backup) : undefined;
  } catch {
    return undefined;
  }
}

export interface Autosave {
  readonly status: StoreApi<AutosaveStatus>;
  /** Save now (the debounce skipped); resolves when the document in the store is on the server. */
  flush(): Promise<void>;
  /** After a conflict: merge ours into theirs, or take theirs and drop ours. */
  resolve(choice: "merge" | "reload"): Promise<void>;
  dispose(): void;
}

export interface AutosaveOptions {
  readonly store: DesignerStore;
  readonly api: DraftSaver;
  readonly appId: string;
  /** The server revision of the document the store was loaded with. */
  readonly revision: number;
  /** The document as the server has it (the merge base); the store's document when omitted. */
  readonly saved?: App;
  readonly delayMs?: number;
  readonly storage?: BackupStorage | undefined;
  /** The draft to store for the document being edited (a regional variant stores only its overlay). */
  readonly toDraft?: (doc: App) => App;
  /** The document to edit for a draft read back from the server (after a conflict). */
  readonly fromDraft?: (draft: App) => App;
}

/**
 * Drafts save themselves: every change is written to the browser at once (a reload or a crash
 * loses nothing) and to the server after a short pause, over the revision it was based on. When
 * another tab or person saved first, the server refuses (409) and the status becomes a conflict:
 * nothing is overwritten until the user merges or reloads.
 */
export function createAutosave(options: AutosaveOptions): Autosave {
  const { store, api, appId, storage } = options;
  const toDraft = options.toDraft ?? ((doc: App) => doc);
  const fromDraft = options.fromDraft ?? ((draft: App) => draft);
  const delay = options.delayMs ?? 800;
  let saved: App = options.saved ?? store.getState().doc;
  const status = createStore<AutosaveStatus>()(() => ({
    state: store.getState().doc === saved ? { kind: "saved" } : { kind: "dirty" },
    revision: options.revision,
    mergeConflicts: [],
  }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  const backup = (doc: App) => {
    try {
      if (doc === saved) storage?.removeItem(backupKey(appId));
      else
        storage?.setItem(backupKey(appId), JSON.stringify({ revision: status.getState().revision, base: saved, doc }));
    } catch {
      // storage full or blocked: the server save still runs
    }
  };

  const saveOnce = async (): Promise<void> => {
    const state = status.getState();
    if (state.state.kind === "conflict") return;
    const doc = store.getState().doc;
    if (doc === saved) {
      status.setState({ state: { kind: "saved" } });
      return;
    }
    status.setState({ state: { kind: "saving" } });
    try {
      const result = await api.saveDraft(appId, toDraft(doc), state.revision);
      saved = doc;
      status.setState({ revision: result.draftRevision });
      const now = store.getState().doc;
      backup(now);
      status.setState({ state: now === saved ? { kind: "saved" } : { kind: "dirty" } });
      if (now !== saved) schedule();
    } catch (error) {
      if (error instanceof DraftConflict) {
        status.setState({ state: { kind: "conflict", theirs: fromDraft(error.theirs), revision: error.revision } });
      } else {
        status.setState({ state: { kind: "error", error } });
      }
    }
  };

  const run = (): Promise<void> => {
    running ??= saveOnce().finally(() => {
      running = undefined;
    });
    return running;
  };

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void run();
    }, delay);
  }

  const unsubscribe = store.subscribe((next, previous) => {
    if (next.doc === previous.doc) return;
    backup(next.doc);
    if (status.getState().state.kind === "conflict") return;
    status.setState({ state: { kind: "dirty" } });
    schedule();
  });

  return {
    status,
    async flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (running) await running;
      await run();
    },
    async resolve(choice) {
      const state = status.getState().state;
      if (state.kind !== "conflict") return;
      if (choice === "reload") {
        saved = state.theirs;
        status.setState({ state: { kind: "saved" }, revision: state.revision, mergeConflicts: [] });
        store.getState().load(state.theirs);
        backup(state.theirs);
        return;
      }
      const { merged, conflicts } = merge3(saved, store.getState().doc, state.theirs);
      saved = state.theirs;
      status.setState({ state: { kind: "dirty" }, revision: state.revision, mergeConflicts: conflicts });
      store.getState().load(merged);
      backup(merged);
      await run();
    },
    dispose() {
      if (timer) clearTimeout(timer);
      unsubscribe();
    },
  };
}
