import type { SourcePerson } from "@plinth/runtime";
import { Select } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlinth } from "../PlinthProvider.js";
import { controlAria } from "./aria.js";
import { LookupWidget } from "./LookupWidget.js";
import { hasPeopleLookup, type PeopleLookup, type WidgetProps } from "./widget.types.js";

/** How many people a search shows at once. */
const PAGE = 20;

/**
 * user: a searchable select over the people of the app (`dataSource.people`), by name, limited
 * to the field's `roles`. Nothing is fetched at mount but the name of the current value; the
 * choices load when the select is focused or opened, and again as the person types. Without a
 * people-aware data source it falls back to the generic lookup (`options`).
 */
export function UserWidget(props: WidgetProps) {
  const { dataSource } = usePlinth();
  return hasPeopleLookup(dataSource) ? <PeoplePicker {...props} source={dataSource} /> : <LookupWidget {...props} />;
}

function PeoplePicker(props: WidgetProps & { source: PeopleLookup }) {
  const { source, field, value, onChange, onBlur, disabled, invalid } = props;
  const { t } = useTranslation();
  const roles = field.kind === "user" ? field.roles : undefined;
  const [active, setActive] = useState(false);
  const [search, setSearch] = useState("");
  const [choices, setChoices] = useState<readonly SourcePerson[]>([]);
  const [loading, setLoading] = useState(false);
  // Names seen so far, so a chosen person keeps their name when a later search no longer lists them.
  const names = useRef(new Map<string, string>());
  const [named, setNamed] = useState(0);
  const selected = typeof value === "string" && value !== "" ? value : undefined;

  // The current value's name, once per value (a stored id would otherwise show as an id).
  useEffect(() => {
    if (selected === undefined || names.current.has(selected)) return;
    let live = true;
    source.people({ ids: [selected], limit: 1 }).then(
      (found) => {
        for (const p of found) names.current.set(p.id, p.name);
        if (live) setNamed((n) => n + 1);
      },
      () => undefined, // no name: the id is shown
    );
    return () => {
      live = false;
    };
  }, [source, selected]);

  useEffect(() => {
    if (!active) return;
    let live = true;
    setLoading(true);
    source
      .people({ search, limit: PAGE, ...(roles ? { roles } : {}) })
      .then(
        (found) => {
          for (const p of found) names.current.set(p.id, p.name);
          if (live) setChoices(found);
        },
        () => live && setChoices([]),
      )
      .finally(() => live && setLoading(false));
    // A later search supersedes an earlier one still in flight.
    return () => {
      live = false;
    };
  }, [source, active, search, roles]);

  const options = useMemo(() => choices.map((p) => ({ value: p.id, label: p.name })), [choices]);
  // The chosen person's name comes with the value, so it shows whether or not a search lists them.
  const chosen =
    selected === undefined ? undefined : { value: selected, label: names.current.get(selected) ?? selected };
  void named;

  return (
    <Select<{ value: string; label: string }>
      labelInValue
      {...controlAria(props)}
      style={{ width: "100%" }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      loading={loading}
      notFoundContent={loading ? t("loading") : undefined}
      placeholder={t("search")}
      options={options}
      value={chosen}
      onFocus={() => setActive(true)}
      onOpenChange={(open) => open && setActive(true)}
      onChange={(v) => onChange(v?.value ?? null)}
      onBlur={onBlur}
      disabled={disabled}
      status={invalid ? "error" : undefined}
    />
  );
}
