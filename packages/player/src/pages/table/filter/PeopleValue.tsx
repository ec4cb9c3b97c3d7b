import type { DataSource } from "@plinth/runtime";
import { Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** The data source as the people picker uses it: the app's people by name, role or id. */
export type PeopleSearch = DataSource["people"];

/** How many people one search shows. */
const PAGE = 20;

export interface PeopleValueProps {
  /** Only people holding one of these roles (the user field's `roles`). */
  readonly roles: readonly string[] | undefined;
  /** The chosen person's id. */
  readonly value: string | undefined;
  readonly label: string;
  readonly people: PeopleSearch;
  readonly common: Record<string, unknown>;
  readonly onValue: (value: string | undefined) => void;
}

/**
 * A person, searched by name among the app's people (the stored value is their id). A value read
 * back from a formula is named with one `people({ ids })` call; the choices load when the select
 * is focused or opened, and again as the user types (a later answer replaces an earlier one).
 */
export function PeopleValue({ roles, value, label, people, common, onValue }: PeopleValueProps) {
  const { t } = useTranslation();
  const [active, setActive] = useState(false);
  const [search, setSearch] = useState("");
  const [choices, setChoices] = useState<ReadonlyArray<{ value: string; label: string }>>([]);
  const [loading, setLoading] = useState(false);
  // Names seen so far: the chosen person keeps their name when a later search no longer lists them.
  const [names, setNames] = useState<ReadonlyMap<string, string>>(() => new Map());
  const remember = (found: ReadonlyArray<{ id: string; name: string }>) =>
    setNames((old) => {
      if (found.every((p) => old.get(p.id) === p.name)) return old;
      const next = new Map(old);
      for (const p of found) next.set(p.id, p.name);
      return next;
    });
  // A stable key: the same roles in a new array must not search again.
  const rolesKey = roles?.join("\n") ?? "";
  const known = value !== undefined && names.has(value);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `remember` only sets state
  useEffect(() => {
    if (value === undefined || value === "" || known) return;
    let live = true;
    people({ ids: [value], limit: 1 }).then(
      (found) => live && remember(found),
      () => undefined, // no name (someone who left the app): the id is shown
    );
    return () => {
      live = false;
    };
  }, [people, value, known]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `remember` only sets state; `rolesKey` stands for `roles`
  useEffect(() => {
    if (!active) return;
    let live = true;
    setLoading(true);
    const wanted = rolesKey === "" ? undefined : rolesKey.split("\n");
    people({ search: search.trim(), limit: PAGE, ...(wanted ? { roles: wanted } : {}) })
      .then(
        (found) => {
          if (!live) return;
          remember(found);
          setChoices(found.map((p) => ({ value: p.id, label: p.name })));
        },
        () => live && setChoices([]),
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [people, active, search, rolesKey]);

  const chosen = value === undefined || value === "" ? undefined : { value, label: names.get(value) ?? value };
  return (
    <Select<{ value: string; label: string }>
      {...common}
      labelInValue
      aria-label={label}
      style={{ minWidth: 220 }}
      placeholder={t("searchPeople")}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      loading={loading}
      notFoundContent={loading ? t("loadingPeople") : t("noPeople")}
      value={chosen}
      options={[...choices]}
      onFocus={() => setActive(true)}
      onOpenChange={(open) => open && setActive(true)}
      onChange={(picked?: { value: string; label: string }) => onValue(picked?.value)}
    />
  );
}
