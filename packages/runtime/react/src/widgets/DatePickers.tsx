import { DatePicker } from "antd";
import dayjs, { type Dayjs } from "dayjs";
// Registers the Chinese calendar texts with dayjs (week starting Monday, month names); it does not
// switch dayjs's global locale: antd's ConfigProvider locale picks it per picker.
import "dayjs/locale/zh-cn.js";
import { useMemo } from "react";
import { controlAria } from "./aria.js";
import { DATE_FORMAT, DATETIME_FORMAT, dateText, datetimeText } from "./dateText.js";
import type { WidgetProps } from "./widget.types.js";

/**
 * Opened from the light date field (DateWidget.tsx): focused, calendar open. It stays for the
 * rest of the form's life (handing back on blur would drop a click on the calendar in flight).
 */
export type PickerProps = WidgetProps;

/** A stored `YYYY-MM-DD` as a local calendar day (null for blanks and anything malformed). */
function dayOf(value: unknown): Dayjs | null {
  const text = dateText(value);
  return text === "" ? null : dayjs(text);
}

/** A stored ISO instant as local time (null for blanks and anything malformed). */
function instantOf(value: unknown): Dayjs | null {
  return datetimeText(value) === "" ? null : dayjs(value as string);
}

const full = { width: "100%" } as const;

/**
 * date: antd's DatePicker. The value stays the core's `YYYY-MM-DD` text; people pick from the
 * calendar or type the date (Enter or leaving the field commits it). Calendar texts follow
 * the provider's locale (antd's ConfigProvider and dayjs's zh-cn).
 */
export function DatePickerWidget(props: PickerProps) {
  const { value, onChange, onBlur, disabled, invalid } = props;
  const day = useMemo(() => dayOf(value), [value]);
  return (
    <DatePicker
      {...controlAria(props)}
      style={full}
      format={DATE_FORMAT}
      value={day}
      onChange={(next) => onChange(next ? next.format(DATE_FORMAT) : null)}
      onBlur={onBlur}
      autoFocus
      defaultOpen
      disabled={disabled}
      status={invalid ? "error" : undefined}
      allowClear
    />
  );
}

/** datetime: antd's DatePicker with a time panel; the value is sent as an ISO instant in UTC. */
export function DateTimePickerWidget(props: PickerProps) {
  const { value, onChange, onBlur, disabled, invalid } = props;
  const moment = useMemo(() => instantOf(value), [value]);
  return (
    <DatePicker
      {...controlAria(props)}
      style={full}
      showTime={{ format: "HH:mm" }}
      format={DATETIME_FORMAT}
      value={moment}
      onChange={(next) => onChange(next ? next.second(0).millisecond(0).toISOString() : null)}
      onBlur={onBlur}
      autoFocus
      defaultOpen
      disabled={disabled}
      status={invalid ? "error" : undefined}
      allowClear
    />
  );
}
