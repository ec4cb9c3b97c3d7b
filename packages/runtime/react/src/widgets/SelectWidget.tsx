import { labelText } from "@plinth/runtime";
import { Select } from "antd";
import { useMemo } from "react";
import { controlAria } from "./aria.js";
import type { WidgetProps } from "./widget.types.js";

/** Above this many options the list is virtualised. */
const VIRTUAL_FROM = 100;

/** The antd select's props: a widget's, and whether it takes focus and opens as it mounts. */
export interface SelectWidgetProps extends WidgetProps {
  /** Focus the select and open its list on mount (it replaces a light stand-in the person just used). */
  readonly activate?: boolean;
}

/** select and multiSelect: antd Select with search over the options' labels in the current locale. */
export function SelectWidget(props: SelectWidgetProps) {
  const { field, value, onChange, onBlur, disabled, invalid, locale } = props;
  const multiple = field.kind === "multiSelect";
  const options = useMemo(
    () =>
      field.kind === "select" || field.kind === "multiSelect"
        ? field.options.map((o) => ({ value: o.value, label: labelText(o.label, locale, o.value) }))
        : [],
    [field, locale],
  );
  const current = multiple
    ? Array.isArray(value)
      ? (value as string[])
      : []
    : typeof value === "string"
      ? value
      : undefined;
  return (
    <Select<string | string[]>
      {...controlAria(props)}
      style={{ width: "100%" }}
      mode={multiple ? "multiple" : undefined}
      showSearch={{ optionFilterProp: "label" }}
      allowClear
      options={options}
      value={current}
      onChange={(v) => onChange(v === undefined || (Array.isArray(v) && v.length === 0) ? null : v)}
      onBlur={onBlur}
      disabled={disabled}
      status={invalid ? "error" : undefined}
      virtual={options.length >= VIRTUAL_FROM}
      autoFocus={props.activate}
      defaultOpen={props.activate}
    />
  );
}
