import { Input } from "antd";
import { controlAria, textOf } from "./aria.js";
import type { WidgetProps } from "./widget.types.js";

const inputTypes: Readonly<Record<string, string>> = { text: "text", email: "email", phone: "tel", url: "url" };

/** text, email, phone and url: one line of text with the matching input type (mobile keyboards). */
export function TextWidget(props: WidgetProps) {
  const { field, value, onChange, onBlur, disabled, invalid } = props;
  return (
    <Input
      {...controlAria(props)}
      type={inputTypes[field.kind] ?? "text"}
      value={textOf(value)}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      disabled={disabled}
      status={invalid ? "error" : undefined}
      placeholder={field.kind === "text" ? field.placeholder : undefined}
      maxLength={field.kind === "text" ? field.maxLength : undefined}
    />
  );
}

/** longText: a text area sized by the field's `rows`. */
export function LongTextWidget(props: WidgetProps) {
  const { field, value, onChange, onBlur, disabled, invalid } = props;
  return (
    <Input.TextArea
      {...controlAria(props)}
      value={textOf(value)}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      disabled={disabled}
      status={invalid ? "error" : undefined}
      rows={field.kind === "longText" ? (field.rows ?? 4) : 4}
    />
  );
}
