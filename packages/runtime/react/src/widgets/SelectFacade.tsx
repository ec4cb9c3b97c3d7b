import { labelText } from "@plinth/runtime";
import { type KeyboardEvent, lazy, type MouseEvent, Suspense, useState } from "react";
import { controlAria } from "./aria.js";
import type { WidgetProps } from "./widget.types.js";

type SelectModule = typeof import("./SelectWidget.js");
let selectModule: Promise<SelectModule> | undefined;
/** The module once it has arrived: then the select mounts in the same render, with no suspense. */
let loadedSelect: SelectModule | undefined;
/** Load antd's select once; called early (pointer over, focus) so that it is there by the first click. */
const loadSelect = () => {
  selectModule ??= import("./SelectWidget.js").then((m) => {
    loadedSelect = m;
    return m;
  });
  return selectModule;
};
const LazySelect = lazy(() => loadSelect().then((m) => ({ default: m.SelectWidget })));

/** The chosen options' labels, as the closed select shows them. */
function chosenText(props: WidgetProps): string {
  const { field, value, locale } = props;
  if (field.kind !== "select" && field.kind !== "multiSelect") return "";
  const chosen = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return chosen
    .map((v) => {
      const option = field.options.find((o) => o.value === v);
      return option ? labelText(option.label, locale, option.value) : String(v);
    })
    .join(", ");
}

/** Keys that open a select list: arrows, Enter, Space, or a printable character (which starts a search). */
function opensList(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  return ["ArrowDown", "ArrowUp", "Enter", " "].includes(event.key) || event.key.length === 1;
}

const arrow = (
  <svg className="plinth-select-arrow" viewBox="64 64 896 896" fill="currentColor" aria-hidden="true" focusable="false">
    <path d="M884 256h-75c-5.1 0-9.9 2.5-12.9 6.6L512 654.2 227.9 262.6c-3-4.1-7.8-6.6-12.9-6.6h-75c-6.5 0-10.3 7.4-6.5 12.7l352.6 486.1c12.8 17.6 39 17.6 51.7 0l352.6-486.1c3.9-5.3.1-12.7-6.4-12.7z" />
  </svg>
);

/**
 * The closed select, as a light combobox: the same id, label, value and keyboard entry points.
 * A plain function rather than a component: one component per field less on large forms.
 */
function closedSelect(props: WidgetProps, onOpen?: () => void) {
  const open = (event: KeyboardEvent | MouseEvent) => {
    if (!onOpen || props.disabled) return;
    // A printable key goes on to the search box that takes focus; the others only open the list.
    if (!("key" in event) || event.key.length !== 1 || event.key === " ") event.preventDefault();
    onOpen();
  };
  return (
    <span className="plinth-select-wrap">
      <input
        {...controlAria(props)}
        className="plinth-input plinth-select"
        role="combobox"
        aria-expanded={false}
        aria-haspopup="listbox"
        aria-autocomplete="list"
        autoComplete="off"
        readOnly
        value={chosenText(props)}
        disabled={props.disabled}
        onPointerEnter={loadSelect}
        onFocus={loadSelect}
        onBlur={props.onBlur}
        // On click, not mousedown: mounted on mousedown, antd's select would take the same click's
        // mouseup as a toggle and close again (seen when moving quickly from one select to the next).
        onClick={(event) => {
          if (event.button === 0) open(event);
        }}
        onKeyDown={(event) => {
          if (opensList(event)) open(event);
        }}
      />
      {arrow}
    </span>
  );
}

/**
 * select and multiSelect. antd's searchable Select is heavy, and a form may hold dozens: each
 * shows as a light closed combobox until the person opens it (click, arrows, Enter, Space or
 * typing), and only then mounts the antd select, focused and open, loading its code on first use.
 */
export function SelectWidget(props: WidgetProps) {
  // How the select was opened, fixed for the field's life: switching components would remount it.
  const [opened, setOpened] = useState<"loaded" | "lazy">();
  if (opened === undefined) return closedSelect(props, () => setOpened(loadedSelect ? "loaded" : "lazy"));
  // Already loaded (the usual case, thanks to the early load): mounted, focused and open within
  // the same key press, so a typed character lands in its search box.
  if (opened === "loaded" && loadedSelect) return <loadedSelect.SelectWidget {...props} activate />;
  return (
    <Suspense fallback={closedSelect(props)}>
      <LazySelect {...props} activate />
    </Suspense>
  );
}
