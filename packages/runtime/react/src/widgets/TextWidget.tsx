import { controlAria, textOf } from "./aria.js";
import type { WidgetProps } from "./widget.types.js";

const inputTypes: Readonly<Record<string, string>> = { text: "text", email: "email", phone: "tel", url: "url" };

// The standard widgets are native controls in antd's look (form/FormStyles.tsx): on a form of
// hundreds of fields an antd component per field costs several times the whole form's budget.

/** text, email, phone and url: one line of text with the matching input type (mobile keyboards). */
export function TextWidget(props: WidgetProps) {
  const { field, value, onChange, onBlur, disabled } = props;
  return (
    <input
      {...controlAria(props)}
      className="plinth-input"
      type={inputTypes[field.kind] ?? "text"}
      value={textOf(value)}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      disabled={disabled}
      placeholder={field.kind === "text" ? field.placeholder : undefined}
      maxLength={field.kind === "text" ? field.maxLength : undefined}
    />
  );
}

/** longText: a text area sized by the field's `rows`. */
export function LongTextWidget(props: WidgetProps) {
  const { field, value, onChange, onBlur, disabled } = props;
  return (
    <textarea
      {...controlAria(props)}
      className="plinth-input"
      value={textOf(value)}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      disabled={disabled}
      rows={field.kind === "longText" ? (field.rows ?? 4) : 4}
    />
  );
}
