import { type App, canonicalAppJson, type LocalizedMessage } from "@plinth/runtime";
import { useCallback, useEffect, useRef, useState } from "react";
import { replaceDocument } from "../../store/commands.js";
import type { DesignerStore } from "../../store/designerStore.js";
import { parseAppText } from "./codeSync.js";

/** How long typing pauses before the text is applied to the document. */
export const APPLY_DELAY_MS = 400;

export interface CodeText {
  /** What the editor shows. */
  readonly text: string;
  /** The user typed: applied after a pause, when the text parses to an object. */
  readonly edit: (text: string) => void;
  /** Why the text is not applied (it does not parse), while it is not. */
  readonly problem: LocalizedMessage | undefined;
  /** Another panel (or undo) changed the document while this text had edits not applied. */
  readonly changedElsewhere: boolean;
  /** Drop the text's edits and show the current document. */
  readonly takeCurrent: () => void;
}

function sameDocument(text: string, canonical: string): boolean {
  const parsed = parseAppText(text);
  return parsed.ok && canonicalAppJson(parsed.doc) === canonical;
}

/**
 * The code view's text, two-way synced with the store: the store's document in canonical form;
 * the user's text applied with `replaceDocument` (one undo step per pause in typing); a change
 * from elsewhere replaces the text unless the text holds edits not applied yet.
 */
export function useCodeText(store: DesignerStore, doc: App): CodeText {
  const [text, setText] = useState(() => canonicalAppJson(doc));
  const [problem, setProblem] = useState<LocalizedMessage>();
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  const textRef = useRef(text);
  const problemRef = useRef<LocalizedMessage | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const show = useCallback((next: string) => {
    textRef.current = next;
    setText(next);
  }, []);

  const applyText = useCallback(() => {
    timer.current = undefined;
    const parsed = parseAppText(textRef.current);
    problemRef.current = parsed.ok ? undefined : parsed.message;
    setProblem(problemRef.current);
    if (!parsed.ok) return;
    setChangedElsewhere(false);
    store.getState().apply(replaceDocument(parsed.doc));
  }, [store]);

  useEffect(() => {
    const canonical = canonicalAppJson(doc);
    if (sameDocument(textRef.current, canonical)) return;
    if (problemRef.current || timer.current !== undefined) {
      setChangedElsewhere(true);
      return;
    }
    show(canonical);
  }, [doc, show]);

  // Leaving the panel applies what was typed.
  useEffect(
    () => () => {
      if (timer.current !== undefined) {
        clearTimeout(timer.current);
        applyText();
      }
    },
    [applyText],
  );

  const edit = useCallback(
    (next: string) => {
      if (next === textRef.current) return;
      show(next);
      if (timer.current !== undefined) clearTimeout(timer.current);
      timer.current = setTimeout(applyText, APPLY_DELAY_MS);
    },
    [applyText, show],
  );

  const takeCurrent = useCallback(() => {
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
    problemRef.current = undefined;
    setProblem(undefined);
    setChangedElsewhere(false);
    show(canonicalAppJson(store.getState().doc));
  }, [store, show]);

  return { text, edit, problem, changedElsewhere, takeCurrent };
}
