import { Button, Input, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PersonJson } from "./peopleApi.js";

interface PeopleListProps {
  readonly users: readonly PersonJson[] | undefined;
  readonly selected: string | undefined;
  readonly onSelect: (id: string) => void;
}

/** Whether `person` matches the search text: in the display name or the user name, any case. */
export function matchesSearch(person: PersonJson, text: string): boolean {
  const needle = text.trim().toLocaleLowerCase();
  return (
    needle === "" ||
    person.displayName.toLocaleLowerCase().includes(needle) ||
    person.username.toLocaleLowerCase().includes(needle)
  );
}

/** The users, searchable by name; each is a button (Tab to it, Enter or Space selects). */
export function PeopleList({ users, selected, onSelect }: PeopleListProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const shown = (users ?? []).filter((u) => matchesSearch(u, search));
  return (
    <nav aria-label={t("people_list")}>
      <Input.Search
        aria-label={t("people_search")}
        placeholder={t("people_search")}
        allowClear
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      {users === undefined ? (
        <Spin />
      ) : shown.length === 0 ? (
        <Typography.Text type="secondary">{t("people_none")}</Typography.Text>
      ) : (
        <ul className="designer-people-list">
          {shown.map((person) => (
            <li key={person.id}>
              <Button
                type={person.id === selected ? "primary" : "text"}
                aria-pressed={person.id === selected}
                aria-label={t("people_select", { name: person.displayName })}
                onClick={() => onSelect(person.id)}
              >
                {person.displayName} <span className="designer-path">{person.username}</span>
              </Button>
              {person.isAdmin && <Tag>{t("people_admin")}</Tag>}
              {person.disabled && <Tag color="red">{t("people_disabled")}</Tag>}
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
