import { Switch } from "antd";
import { controlAria } from "./aria.js";
import type { WidgetProps } from "./widget.types.js";

/** boolean: a switch (a button with role="switch", labelled by the slot's label). */
export function BooleanWidget(props: WidgetProps) {
  const { value, onChange, disabled } = props;
  return <Switch {...controlAria(props)} checked={value === true} onChange={(c) => onChange(c)} disabled={disabled} />;
}
