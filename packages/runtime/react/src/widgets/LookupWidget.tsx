import { Select } from "antd";
import { useEffect, useState } from "react";
import { usePlinth } from "../PlinthProvider.js";
import { controlAria } from "./aria.js";
import { TextWidget } from "./TextWidget.js";
import { hasOptionsLookup, type WidgetProps } from "./widget.types.js";

type Choice = { readonly value: string; readonly label: string };

/**
 * user and relation: a searchable select whose choices come from the provider's data source
 * (`dataSource.options(search, field)`); without one, the id is typed as text.
 */
export function LookupWidget(props: WidgetProps) {
  const { dataSource } = usePlinth();
  const [search, setSearch] = useState("");
  const [choices, setChoices] = useState<readonly Choice[]>([]);
  const [loading, setLoading] = useState(false);
  const lookup = hasOptionsLookup(dataSource) ? dataSource : undefined;
  const { field, value, onChange, onBlur, disabled, invalid } = props;

  useEffect(() => {
    if (!lookup) return;
    let current = true;
    setLoading(true);
    lookup
      .options(search, field)
      .then((found) => {
        if (current) setChoices(found);
      })
      .catch(() => {
        if (current) setChoices([]);
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    // A later search supersedes an earlier one still in flight.
    return () => {
      current = false;
    };
  }, [lookup, search, field]);

  if (!lookup) return <TextWidget {...props} />;
  const selected = typeof value === "string" ? value : undefined;
  const options =
    selected !== undefined && !choices.some((c) => c.value === selected)
      ? [...choices, { value: selected, label: selected }]
      : [...choices];
  return (
    <Select<string>
      {...controlAria(props)}
      style={{ width: "100%" }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      loading={loading}
      options={options}
      value={selected}
      onChange={(v) => onChange(v ?? null)}
      onBlur={onBlur}
      disabled={disabled}
      status={invalid ? "error" : undefined}
    />
  );
}
