import type { App, Issue } from "@plinth/runtime";
import { useEffect, useState } from "react";
import type { DesignerApi } from "../api/designerApi.js";
import { type Autosave, createAutosave, readBackup } from "../store/autosave.js";
import { replaceDocument } from "../store/commands.js";
import { createDesignerStore, type DesignerStore } from "../store/designerStore.js";
import { merge3 } from "../store/merge.js";
import { createOverlayMode, type OverlayMode } from "./overlayMode.js";

export interface EditorSession {
  readonly store: DesignerStore;
  readonly autosave: Autosave;
  /** Unsaved edits from an earlier visit were put back (and can be undone). */
  readonly restored: boolean;
  readonly serverIssues: readonly Issue[];
  /** Set when the app is a regional variant: the designer edits its effective app. */
  readonly overlay?: OverlayMode | undefined;
}

const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
};

/**
 * Open an app's draft: the store, autosave, and edits this browser kept from an earlier visit
 * (a reload or a crash). Kept edits over the same revision come back as one undoable step; kept
 * edits over an older revision are merged into the newer draft (ours win where both changed).
 */
export function useEditorSession(api: DesignerApi, appId: string): { session?: EditorSession; error?: unknown } {
  const [state, setState] = useState<{ session?: EditorSession; error?: unknown }>({});
  useEffect(() => {
    let autosave: Autosave | undefined;
    let cancelled = false;
    const open = async () => {
      const draft = await api.draft(appId);
      const base = (draft.app as App | null)?.extends?.app;
      const overlay = base ? createOverlayMode((await api.published(base)).app) : undefined;
      return { draft, overlay };
    };
    open().then(
      ({ draft, overlay }) => {
        if (cancelled) return;
        const server = overlay ? overlay.effective(draft.app as App) : (draft.app as App);
        const store = createDesignerStore(server, overlay ? { guard: (next) => overlay.refusals(next) } : {});
        const backup = readBackup(storage(), appId);
        let restored = false;
        if (backup && JSON.stringify(backup.doc) !== JSON.stringify(server)) {
          const doc =
            backup.revision === draft.draftRevision ? backup.doc : merge3(backup.base, backup.doc, server).merged;
          store.getState().apply(replaceDocument(doc, { en: "Restore unsaved changes", "zh-CN": "恢复未保存的修改" }));
          restored = true;
        }
        autosave = createAutosave({
          store,
          api,
          appId,
          revision: draft.draftRevision,
          saved: server,
          storage: storage(),
          ...(overlay ? { toDraft: overlay.draft, fromDraft: overlay.effective } : {}),
        });
        if (restored) void autosave.flush();
        setState({ session: { store, autosave, restored, serverIssues: draft.issues, overlay } });
      },
      (error) => !cancelled && setState({ error }),
    );
    return () => {
      cancelled = true;
      if (autosave) {
        void autosave.flush();
        autosave.dispose();
      }
    };
  }, [api, appId]);
  return state;
}
