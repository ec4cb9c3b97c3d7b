import { useTranslation } from "react-i18next";
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

/** attachment: the files' names, read-only (uploading belongs to the player's file service). */
export function AttachmentWidget(props: WidgetProps) {
  const { t } = useTranslation();
  const files = Array.isArray(props.value) ? (props.value as ReadonlyArray<{ id?: string; name?: string }>) : [];
  if (files.length === 0) {
    return <span id={props.id}>{t("noFiles")}</span>;
  }
  return (
    <ul id={props.id} aria-labelledby={props.labelId} aria-describedby={props.describedBy} style={{ margin: 0 }}>
      {files.map((f, i) => (
        <li key={f.id ?? i}>{f.name ?? f.id}</li>
      ))}
    </ul>
  );
}
