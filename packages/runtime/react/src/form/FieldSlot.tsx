import { type Label, labelText } from "@plinth/runtime";
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
  // antd's vertical form item, drawn with the form's stylesheet (FormStyles.tsx): a Form.Item per
  // field was most of a large form's first render, and the slot needs none of its machinery.
  return (
    <div className="plinth-field">
      <label
        id={labelId}
        htmlFor={inputId}
        className={slice.required ? "plinth-field-label plinth-required" : "plinth-field-label"}
      >
        {text}
      </label>
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
          entity={store.entity}
          recordId={recordIdOf(store)}
        />
      ) : null}
      {slice.issues.length > 0 ? (
        <div id={messagesId}>
          {slice.issues.map((issue) => (
            <span
              key={`${issue.code}${issue.path}${issue.message.en}`}
              className="plinth-field-message"
              data-severity={issue.severity}
            >
              {issue.message[locale]}
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
});

/** The id of the record a form edits (its initial values carry it); undefined while creating. */
function recordIdOf(store: FormStore): string | undefined {
  const id = store.api.getState().values.id;
  return typeof id === "string" && id !== "" ? id : undefined;
}
