import { Input } from "antd";
import { useTranslation } from "react-i18next";
import { controlAria } from "./aria.js";
import type { WidgetProps } from "./widget.types.js";

/** formula, rollup and autonumber: the computed value as read-only text (focusable, so it is read out). */
export function ReadOnlyWidget(props: WidgetProps) {
  const { t } = useTranslation();
  const { value, locale } = props;
  let text = "";
  if (typeof value === "number") text = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value);
  else if (typeof value === "boolean") text = value ? t("yes") : t("no");
  else if (Array.isArray(value)) text = value.join(", ");
  else if (typeof value === "string") text = value;
  return <Input {...controlAria(props)} readOnly variant="borderless" value={text} placeholder={t("empty")} />;
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
