import { ArrowDownOutlined, ArrowUpOutlined } from "@ant-design/icons";
import { type Locale, labelText } from "@plinth/runtime";
import { Button, Checkbox } from "antd";
import { useTranslation } from "react-i18next";
import { type ColumnOption, moveColumn } from "./columns.js";

export interface ColumnChooserProps {
  /** Every column the user may show (readable fields only). */
  readonly options: readonly ColumnOption[];
  /** The shown columns, in order. */
  readonly value: readonly string[];
  readonly onChange: (columns: string[]) => void;
  /** The page's own columns, for "reset". */
  readonly defaults: readonly string[];
  readonly locale: Locale;
}

/**
 * Show, hide and reorder the table's columns: the shown ones first in their order (with move
 * up / move down buttons, so reordering needs no mouse), then the others. At least one column
 * stays shown.
 */
export function ColumnChooser({ options, value, onChange, defaults, locale }: ColumnChooserProps) {
  const { t } = useTranslation();
  const byId = new Map(options.map((o) => [o.id, o]));
  const shown = value.filter((id) => byId.has(id));
  const rest = options.filter((o) => !shown.includes(o.id));
  const name = (id: string) => labelText(byId.get(id)?.label, locale, id);

  const row = (id: string, checked: boolean, index: number) => (
    <li key={id} className="plinth-column-option" data-column={id}>
      <Checkbox
        checked={checked}
        disabled={checked && shown.length === 1}
        aria-label={t("showColumn", { column: name(id) })}
        onChange={(event) =>
          onChange(event.target.checked ? [...shown, id] : shown.filter((shownId) => shownId !== id))
        }
      >
        {name(id)}
      </Checkbox>
      {checked && (
        <span className="plinth-column-move">
          <Button
            size="small"
            type="text"
            icon={<ArrowUpOutlined />}
            aria-label={t("moveUp", { column: name(id) })}
            disabled={index === 0}
            onClick={() => onChange(moveColumn(shown, id, -1))}
          />
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined />}
            aria-label={t("moveDown", { column: name(id) })}
            disabled={index === shown.length - 1}
            onClick={() => onChange(moveColumn(shown, id, 1))}
          />
        </span>
      )}
    </li>
  );

  return (
    <section className="plinth-column-chooser" aria-label={t("chooseColumns")}>
      <ul className="plinth-column-list">
        {shown.map((id, index) => row(id, true, index))}
        {rest.map((o, index) => row(o.id, false, index))}
      </ul>
      <Button size="small" onClick={() => onChange(defaults.filter((id) => byId.has(id)))}>
        {t("pageColumns")}
      </Button>
    </section>
  );
}
