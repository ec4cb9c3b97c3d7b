import { type ComponentType, lazy, Suspense, useState } from "react";
import { uiStrings } from "../i18n.js";
import { controlAria } from "./aria.js";
import type { PickerProps } from "./DatePickers.js";
import { DATE_FORMAT, DATETIME_FORMAT, dateText, datetimeText, parseDateText, parseDatetimeText } from "./dateText.js";
import type { WidgetProps } from "./widget.types.js";

type PickerModule = typeof import("./DatePickers.js");
let pickers: Promise<PickerModule> | undefined;
/** Load antd's DatePicker and dayjs once; called early (pointer over, focus) so the calendar opens at once. */
const loadPickers = () => {
  pickers ??= import("./DatePickers.js");
  return pickers;
};
const LazyDatePicker = lazy(() => loadPickers().then((m) => ({ default: m.DatePickerWidget })));
const LazyDateTimePicker = lazy(() => loadPickers().then((m) => ({ default: m.DateTimePickerWidget })));

interface Kind {
  readonly format: string;
  readonly show: (value: unknown) => string;
  readonly parse: (text: string) => string | undefined;
  readonly Picker: ComponentType<PickerProps>;
}

const dateKind: Kind = { format: DATE_FORMAT, show: dateText, parse: parseDateText, Picker: LazyDatePicker };
const datetimeKind: Kind = {
  format: DATETIME_FORMAT,
  show: datetimeText,
  parse: parseDatetimeText,
  Picker: LazyDateTimePicker,
};

const calendarIcon = (
  <svg viewBox="64 64 896 896" width="14" height="14" fill="currentColor" aria-hidden="true" focusable="false">
    <path d="M880 184H712v-64c0-4.4-3.6-8-8-8h-56c-4.4 0-8 3.6-8 8v64H384v-64c0-4.4-3.6-8-8-8h-56c-4.4 0-8 3.6-8 8v64H144c-17.7 0-32 14.3-32 32v664c0 17.7 14.3 32 32 32h736c17.7 0 32-14.3 32-32V216c0-17.7-14.3-32-32-32zm-40 656H184V460h656v380zM184 392V256h128v48c0 4.4 3.6 8 8 8h56c4.4 0 8-3.6 8-8v-48h256v48c0 4.4 3.6 8 8 8h56c4.4 0 8-3.6 8-8v-48h128v136H184z" />
  </svg>
);

/**
 * A date field that costs one native input until the calendar is wanted. People type the date
 * (`2026-07-15`; it is committed as soon as it is a real date) or open antd's DatePicker with a
 * click, the calendar button or Arrow Down; the picker takes the same id, focus and keyboard,
 * and stays.
 */
function LightDate({ props, kind }: { props: WidgetProps; kind: Kind }) {
  const { value, onChange, onBlur, disabled, locale } = props;
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<string>();
  const words = uiStrings[locale];
  const text = kind.show(value);
  const openCalendar = () => {
    if (disabled) return;
    setDraft(undefined);
    setOpen(true);
  };
  const input = (
    <span style={{ position: "relative", display: "block" }}>
      <input
        {...controlAria(props)}
        className="plinth-input"
        style={{ paddingRight: 30 }}
        value={draft ?? text}
        placeholder={kind.format}
        autoComplete="off"
        disabled={disabled}
        onPointerEnter={loadPickers}
        onFocus={loadPickers}
        onChange={(event) => {
          const typed = event.target.value;
          setDraft(typed);
          if (typed.trim() === "") onChange(null);
          else {
            const parsed = kind.parse(typed);
            if (parsed !== undefined) onChange(parsed);
          }
        }}
        onBlur={() => {
          setDraft(undefined);
          onBlur?.();
        }}
        onMouseDown={(event) => {
          if (event.button !== 0) return;
          event.preventDefault();
          openCalendar();
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            openCalendar();
          }
        }}
      />
      <button
        type="button"
        tabIndex={-1}
        aria-label={words.openCalendar}
        title={words.openCalendar}
        disabled={disabled}
        onClick={openCalendar}
        style={{
          position: "absolute",
          right: 6,
          top: "50%",
          transform: "translateY(-50%)",
          border: 0,
          background: "transparent",
          padding: 2,
          color: "rgba(0, 0, 0, 0.25)",
          cursor: disabled ? "not-allowed" : "pointer",
          lineHeight: 0,
        }}
      >
        {calendarIcon}
      </button>
    </span>
  );
  if (!open) return input;
  const { Picker } = kind;
  return (
    <Suspense fallback={input}>
      <Picker {...props} />
    </Suspense>
  );
}

/** date: typed `YYYY-MM-DD`, or picked from antd's calendar; the value is the core's `YYYY-MM-DD`. */
export function DateWidget(props: WidgetProps) {
  return <LightDate props={props} kind={dateKind} />;
}

/** datetime: typed or picked in local time (`YYYY-MM-DD HH:mm`); the value is an ISO instant in UTC. */
export function DateTimeWidget(props: WidgetProps) {
  return <LightDate props={props} kind={datetimeKind} />;
}
