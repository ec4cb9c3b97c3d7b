import { Input } from "antd";
import { controlAria, textOf } from "./aria.js";
import type { WidgetProps } from "./widget.types.js";

/**
 * date: the browser's own date input in antd's styling. Values are `YYYY-MM-DD` text, the
 * core's date format, so no date library is needed (antd's DatePicker would bring dayjs).
 */
export function DateWidget(props: WidgetProps) {
  const { value, onChange, onBlur, disabled, invalid } = props;
  return (
    <Input
      {...controlAria(props)}
      type="date"
      value={textOf(value)}
      onChange={(e) => onChange(e.target.value === "" ? null : e.target.value)}
      onBlur={onBlur}
      disabled={disabled}
      status={invalid ? "error" : undefined}
    />
  );
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An ISO instant (UTC) as the `datetime-local` input shows it: local wall-clock time. */
export function isoToLocalInput(iso: unknown): string {
  if (typeof iso !== "string" || iso === "") return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** datetime: a `datetime-local` input; the value is sent as an ISO instant in UTC. */
export function DateTimeWidget(props: WidgetProps) {
  const { value, onChange, onBlur, disabled, invalid } = props;
  return (
    <Input
      {...controlAria(props)}
      type="datetime-local"
      value={isoToLocalInput(value)}
      onChange={(e) => {
        const d = new Date(e.target.value);
        onChange(e.target.value === "" || Number.isNaN(d.getTime()) ? null : d.toISOString());
      }}
      onBlur={onBlur}
      disabled={disabled}
      status={invalid ? "error" : undefined}
    />
  );
}
