import type { App, Locale, Runtime, ValidateAppResult } from "@plinth/runtime";
import { createContext, useContext, useDeferredValue } from "react";
import { useStore } from "zustand";
import type { DesignerApi } from "../api/designerApi.js";
import type { Command, Made } from "../store/commands.js";
import type { DesignerState, DesignerStore } from "../store/designerStore.js";
import type { OverlayMode } from "./overlayMode.js";

/** What every panel gets: the one store, the core, the server API, the app and the UI language. */
export interface DesignerContextValue {
  readonly store: DesignerStore;
  readonly runtime: Runtime;
  readonly api: DesignerApi;
  readonly appId: string;
  readonly locale: Locale;
  /** Show a panel and select a JSON Pointer in it (an issue's path, a reference). */
  readonly locate: (path: string) => void;
  /** Save the draft now (publish publishes the server's draft); rejects when it cannot be saved. */
  readonly flushDraft?: () => Promise<void>;
  /** Set when the app is a regional variant of a template: what is inherited, overridden, locked. */
  readonly overlay?: OverlayMode | undefined;
}

export const DesignerContext = createContext<DesignerContextValue | undefined>(undefined);

export function useDesignerContext(): DesignerContextValue {
  const value = useContext(DesignerContext);
  if (!value) throw new Error("useDesignerContext outside <DesignerContext.Provider>");
  return value;
}

/** Subscribe to a slice of the designer store (re-renders only when the slice changes). */
export function useDesigner<T>(selector: (state: DesignerState) => T): T {
  return useStore(useDesignerContext().store, selector);
}

/** Commit a command (or show why a refactor was refused); true when it was applied. */
export function useApply(): (command: Command | Made) => boolean {
  const { store } = useDesignerContext();
  return (command) => store.getState().apply(command);
}

const validations = new WeakMap<App, ValidateAppResult>();

/**
 * The core's verdict on the document, once per document version and one render behind: an edit
 * commits and paints first, and the core validates the new document in a background render (on
 * a large app validation takes longer than a frame). Every panel shares the same cache.
 */
export function useValidation(): ValidateAppResult {
  const { runtime } = useDesignerContext();
  const doc = useDeferredValue(useDesigner((s) => s.doc));
  let result = validations.get(doc);
  if (!result) {
    result = runtime.validateApp(doc);
    validations.set(doc, result);
  }
  return result;
}
