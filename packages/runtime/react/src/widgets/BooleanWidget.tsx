import { controlAria } from "./aria.js";
import type { WidgetProps } from "./widget.types.js";

/** boolean: a switch (a button with role="switch", labelled by the slot's label; Space and Enter toggle it). */
export function BooleanWidget(props: WidgetProps) {
  const { value, onChange, onBlur, disabled } = props;
  const checked = value === true;
  return (
    <button
      {...controlAria(props)}
      type="button"
      role="switch"
      aria-checked={checked}
      className="plinth-switch"
      onClick={() => onChange(!checked)}
      onBlur={onBlur}
      disabled={disabled}
    />
  );
}
