import { type Locale, labelText } from "@plinth/runtime";
import { Alert, Button, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../api/http.js";
import { type AppAttribute, attributeText, attributeValue } from "./appAccess.js";
import type { AttributeValue, PeopleApi, PersonJson } from "./peopleApi.js";

interface AttributesEditorProps {
  readonly people: PeopleApi;
  readonly person: PersonJson;
  readonly appTitle: string;
  /** The attributes the chosen app reads; each gets a row even when the user has no value yet. */
  readonly attributes: readonly AppAttribute[];
  readonly locale: Locale;
  readonly onSaved: (person: PersonJson) => void;
}

interface Row {
  readonly n: number;
  readonly key: string;
  readonly value: string;
}

function initialRows(person: PersonJson, attributes: readonly AppAttribute[]): Row[] {
  const keys = [...Object.keys(person.attributes), ...attributes.map((a) => a.id)];
  return [...new Set(keys)].map((key, n) => ({ n, key, value: attributeText(person.attributes[key]) }));
}

/**
 * The user's attributes as free key/value rows (`region` = `east`), starting with the ones the app's
 * row scopes read. Saving replaces the whole set; a row with no key or no value is left out.
 */
export function AttributesEditor({ people, person, appTitle, attributes, locale, onSaved }: AttributesEditorProps) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[]>(() => initialRows(person, attributes));
  const [next, setNext] = useState(() => rows.length);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const kinds = new Map(attributes.map((a) => [a.id, a.kind]));
  const edit = (n: number, change: Partial<Row>) => {
    setSaved(false);
    setRows((current) => current.map((row) => (row.n === n ? { ...row, ...change } : row)));
  };
  const add = () => {
    setRows((current) => [...current, { n: next, key: "", value: "" }]);
    setNext(next + 1);
  };
  const save = async () => {
    const values: Record<string, AttributeValue> = {};
    for (const row of rows) {
      const key = row.key.trim();
      if (key === "" || row.value.trim() === "") continue;
      // An untouched value keeps its stored type (a number stays a number).
      const stored = person.attributes[key];
      values[key] = attributeText(stored) === row.value ? (stored ?? null) : attributeValue(row.value, kinds.get(key));
    }
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await people.setAttributes(person.id, values));
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const title = t("people_attributes", { name: person.displayName });
  return (
    <fieldset aria-label={title} className="designer-people-attributes">
      <Typography.Title level={4}>{title}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {attributes.length > 0
          ? t("people_attributesUsed", {
              app: appTitle,
              keys: attributes
                .map((a) => (a.label ? `${a.id} (${labelText(a.label, locale, a.id)})` : a.id))
                .join(", "),
            })
          : t("people_attributesUnused", { app: appTitle })}
      </Typography.Paragraph>
      {error !== undefined && (
        <Alert role="alert" type="error" showIcon title={errorText(error, locale)} style={{ marginBottom: 12 }} />
      )}
      {saved && (
        <Alert role="status" type="success" showIcon title={t("people_attributesSaved")} style={{ marginBottom: 12 }} />
      )}
      {rows.map((row, i) => (
        <div key={row.n} className="designer-people-attribute">
          <Input
            aria-label={t("people_keyOf", { n: i + 1 })}
            placeholder={t("people_key")}
            value={row.key}
            onChange={(e) => edit(row.n, { key: e.target.value })}
            className="designer-people-key"
          />
          <Input
            aria-label={t("people_valueOf", { n: i + 1 })}
            placeholder={t("people_value")}
            value={row.value}
            onChange={(e) => edit(row.n, { value: e.target.value })}
            className="designer-people-value"
          />
          <Button
            aria-label={t("people_removeAttribute", { key: row.key || i + 1 })}
            onClick={() => {
              setSaved(false);
              setRows((current) => current.filter((r) => r.n !== row.n));
            }}
          >
            ×
          </Button>
        </div>
      ))}
      <div className="designer-people-actions">
        <Button onClick={add}>{t("people_addAttribute")}</Button>
        <Button type="primary" onClick={save} loading={busy}>
          {t("people_saveAttributes")}
        </Button>
      </div>
    </fieldset>
  );
}
