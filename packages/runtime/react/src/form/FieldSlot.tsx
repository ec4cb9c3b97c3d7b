import { type Label, labelText } from "@plinth/runtime";
import { Form, Typography } from "antd";
import { memo, useCallback, useId } from "react";
import { usePlinth } from "../PlinthProvider.js";
import type { FormStore } from "./formStore.js";
import { useField } from "./hooks.js";

export interface FieldSlotProps {
  readonly store: FormStore;
  /** The field's id in the form's entity. */
  readonly field: string;
  /** A label in place of the field's own (a field node's `label`). */
  readonly label?: Label;
  /** A widget name in place of the kind's standard widget (a field node's `widget`). */
  readonly widget?: string;
}

/**
 * One field of a form: label, required marker, widget and the core's messages. It subscribes
 * to its own slice only, so typing elsewhere does not render it again.
 */
export const FieldSlot = memo(function FieldSlot({ store, field: fieldId, label, widget }: FieldSlotProps) {
  const slice = useField(store, fieldId);
  const { locale, widgets } = usePlinth();
  const baseId = useId();
  const onChange = useCallback((value: unknown) => store.setValue(fieldId, value), [store, fieldId]);
  const onBlur = useCallback(() => store.touch(fieldId), [store, fieldId]);
  const field = store.fieldOf(fieldId);
  if (!field || !slice.visible) return null;

  const Widget = (widget === undefined ? undefined : widgets[widget]) ?? widgets[field.kind];
  const inputId = `${baseId}-input`;
  const labelId = `${baseId}-label`;
  const messagesId = `${baseId}-messages`;
  const invalid = slice.issues.some((i) => i.severity !== "warning");
  const text = labelText(label ?? field.label, locale, field.id);
  return (
    <Form.Item
      label={<span id={labelId}>{text}</span>}
      htmlFor={inputId}
      required={slice.required}
      validateStatus={invalid ? "error" : undefined}
      style={{ marginBottom: 16 }}
    >
      {Widget ? (
        <Widget
          field={field}
          value={slice.value}
          onChange={onChange}
          onBlur={onBlur}
          disabled={slice.readOnly}
          invalid={invalid}
          required={slice.required}
          id={inputId}
          labelId={labelId}
          describedBy={slice.issues.length > 0 ? messagesId : undefined}
          locale={locale}
        />
      ) : null}
      {slice.issues.length > 0 ? (
        <div id={messagesId}>
          {slice.issues.map((issue) => (
            <Typography.Text
              key={`${issue.code}${issue.path}${issue.message.en}`}
              type={issue.severity === "warning" ? "warning" : "danger"}
              style={{ display: "block" }}
            >
              {issue.message[locale]}
            </Typography.Text>
          ))}
        </div>
      ) : null}
    </Form.Item>
  );
});
