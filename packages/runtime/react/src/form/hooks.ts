import { useEffect } from "react";
import { useStore } from "zustand";
import type { FieldSlice, FormState, FormStore } from "./formStore.js";

/** One field's slice; the component re-renders only when that slice changes. */
export function useField(store: FormStore, field: string): FieldSlice {
  return useStore(store.api, store.selectField(field));
}

/** Whether a layout condition (`visibleWhen`) holds; re-renders only when the answer flips. */
export function useCondition(store: FormStore, formula: string | undefined): boolean {
  return useStore(store.api, store.selectCondition(formula));
}

/** Any other slice of the form, through a selector that returns a stable value. */
export function useFormState<T>(store: FormStore, selector: (state: FormState) => T): T {
  return useStore(store.api, selector);
}

const selectDirty = (state: FormState) => state.dirty;

/**
 * Ask the browser to confirm leaving the page while the form has unsaved changes
 * (a `beforeunload` listener, added only while dirty). Returns whether the form is dirty.
 */
export function useUnsavedChangesWarning(store: FormStore, enabled = true): boolean {
  const dirty = useStore(store.api, selectDirty);
  useEffect(() => {
    if (!dirty || !enabled) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty, enabled]);
  return dirty;
}
