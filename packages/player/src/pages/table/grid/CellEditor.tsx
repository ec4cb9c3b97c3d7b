import type { Field, Locale } from "@plinth/runtime";
import { type OptionsLookup, type PeopleLookup, PlinthProvider, usePlinth } from "@plinth/runtime/react";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** A widget's own control: enabled inputs, buttons and elements that take the focus. */
const FOCUSABLE =
  "input:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex='-1'])";

/** Kinds whose widget is done the moment a choice is made: the choice is saved at once. */
const COMMIT_ON_CHANGE = new Set(["select", "relation", "user", "boolean"]);

/**
 * What the editor's widgets look values up in, as the form hands it to its widgets: relation
 * choices (`options`), and the app's people (`people`), which the user widget searches by name.
 */
export type EditorLookup = OptionsLookup & Partial<PeopleLookup>;

export interface CellEditorProps {
  readonly field: Field;
  /** The column's header text: the editor's accessible name. */
  readonly label: string;
  readonly value: unknown;
  /** The core's verdict on a value before it is sent: a message in the user's language, or undefined. */
  readonly validate: (value: unknown) => string | undefined;
  /** Save the value; the host closes the editor when the server has answered. */
  readonly onCommit: (value: unknown) => void;
  readonly onCancel: () => void;
  readonly saving: boolean;
  readonly locale: Locale;
  /** Choices of relation and user fields. */
  readonly lookup?: EditorLookup | undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * A cell in edit mode: the field's widget from the runtime's widget registry (the same one the
 * forms use), focused. Enter or leaving the cell saves, Escape cancels; selects, lookups and
 * switches save as soon as a choice is made. A value the core rejects stays in the editor with
 * the core's message (the same words the server would answer with).
 */
export function CellEditor(props: CellEditorProps) {
  // The player's words, read here: inside PlinthProvider the runtime's own i18n instance answers.
  const { t } = useTranslation();
  return (
    <PlinthProvider locale={props.locale} dataSource={props.lookup}>
      <Editor {...props} editingText={t("editing", { column: props.label })} savingText={t("saving")} />
    </PlinthProvider>
  );
}

function Editor({
  field,
  value: initial,
  validate,
  onCommit,
  onCancel,
  saving,
  locale,
  editingText,
  savingText,
}: CellEditorProps & { readonly editingText: string; readonly savingText: string }) {
  const { widgets } = usePlinth();
  const Widget = widgets[field.kind];
  const [value, setValue] = useState<unknown>(initial);
  const [problem, setProblem] = useState<string>();
  const latest = useRef(initial);
  const done = useRef(false);
  const box = useRef<HTMLDivElement>(null);
  const id = useId();
  const labelId = `${id}-label`;
  const problemId = `${id}-problem`;

  useEffect(() => {
    // Focus the widget's control (the first focusable element the widget drew). Some widgets
    // (user, relation) load on first use and draw a disabled stand-in meanwhile: their control
    // takes the focus when it arrives, unless the user has moved on.
    const root = box.current;
    if (!root) return;
    const focusControl = () => {
      const control = root.querySelector<HTMLElement>(FOCUSABLE);
      if (!control) return false;
      control.focus();
      return true;
    };
    if (focusControl()) return;
    const waiting = new MutationObserver(() => {
      const active = document.activeElement;
      const cell = root.closest("[data-editing]") ?? root;
      const stillHere = active === null || active === document.body || cell.contains(active);
      if (!stillHere || focusControl()) waiting.disconnect();
    });
    waiting.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"] });
    return () => waiting.disconnect();
  }, []);

  const commit = (next: unknown) => {
    if (done.current) return;
    if (same(next, initial)) {
      done.current = true;
      onCancel();
      return;
    }
    const message = validate(next);
    if (message !== undefined) {
      setProblem(message);
      return;
    }
    done.current = true;
    onCommit(next);
  };

  const cancel = () => {
    if (done.current) return;
    done.current = true;
    onCancel();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      cancel();
      return;
    }
    // Enter saves; in a multi-line text it takes Ctrl/⌘ (plain Enter is a new line there).
    if (event.key === "Enter" && !event.nativeEvent.isComposing) {
      if (field.kind === "longText" && !(event.ctrlKey || event.metaKey)) return;
      if (field.kind === "multiSelect" || COMMIT_ON_CHANGE.has(field.kind)) return; // the widget uses Enter
      event.preventDefault();
      event.stopPropagation();
      commit(latest.current);
    }
  };

  if (!Widget) return null;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keys bubble up from the widget's own controls
    <div
      ref={box}
      className="plinth-cell-editor"
      data-saving={saving ? "true" : undefined}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        // Leaving the editor (not moving between its own parts, nor into a widget's popup) saves.
        const to = event.relatedTarget as Node | null;
        if (
          to &&
          (box.current?.contains(to) || (to as Element).closest?.(".ant-select-dropdown, .ant-picker-dropdown"))
        )
          return;
        commit(latest.current);
      }}
    >
      <label id={labelId} htmlFor={`${id}-control`} className="plinth-visually-hidden">
        {editingText}
      </label>
      <Widget
        field={field}
        value={value}
        onChange={(next) => {
          latest.current = next;
          setValue(next);
          setProblem(undefined);
          if (COMMIT_ON_CHANGE.has(field.kind)) commit(next);
        }}
        disabled={saving}
        invalid={problem !== undefined}
        required={field.required === true}
        id={`${id}-control`}
        labelId={labelId}
        {...(problem !== undefined ? { describedBy: problemId } : {})}
        locale={locale}
      />
      {problem !== undefined && (
        <div id={problemId} role="alert" className="plinth-cell-message">
          {problem}
        </div>
      )}
      {saving && <span className="plinth-visually-hidden">{savingText}</span>}
    </div>
  );
}
