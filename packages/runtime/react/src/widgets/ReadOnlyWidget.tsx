import { uiStrings } from "../i18n.js";
import { controlAria } from "./aria.js";
import type { WidgetProps } from "./widget.types.js";

const numberFormats = new Map<string, Intl.NumberFormat>();

/** One number format per locale: building one costs more than rendering the field. */
function numberFormat(locale: string): Intl.NumberFormat {
  let found = numberFormats.get(locale);
  if (!found) {
    found = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
    numberFormats.set(locale, found);
  }
  return found;
}

/** formula, rollup and autonumber: the computed value as read-only text (focusable, so it is read out). */
export function ReadOnlyWidget(props: WidgetProps) {
  // Plain words from the catalogue: a translation hook per computed field is not worth its cost.
  const { value, locale } = props;
  const words = uiStrings[locale];
  let text = "";
  if (typeof value === "number") text = numberFormat(locale).format(value);
  else if (typeof value === "boolean") text = value ? words.yes : words.no;
  else if (Array.isArray(value)) text = value.join(", ");
  else if (typeof value === "string") text = value;
  return (
    <input
      {...controlAria(props)}
      className="plinth-input plinth-input-borderless"
      readOnly
      value={text}
      placeholder={words.empty}
    />
  );
}
