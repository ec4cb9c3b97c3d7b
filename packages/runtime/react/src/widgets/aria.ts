import type { WidgetProps } from "./widget.types.js";

/** The accessibility attributes every focusable control of a widget carries. */
export function controlAria(props: WidgetProps) {
  return {
    id: props.id,
    "aria-invalid": props.invalid || undefined,
    "aria-required": props.required || undefined,
    "aria-describedby": props.describedBy,
  } as const;
}

export function textOf(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : String(value);
}
