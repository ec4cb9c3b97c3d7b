import { type Locale, labelText, pointerTokens } from "@plinth/runtime";
import { Alert, Button, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorText } from "../api/http.js";
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
 * The attribute a server refusal is about: its path `/attributes/<key>` (the server's
 * `users.badAttributeKey`, `users.badAttributeValue`, `users.unknownManager`), or undefined.
 */
export function refusedAttribute(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || !error.path.startsWith("/attributes/")) return undefined;
  const [, key, ...rest] = pointerTokens(error.path);
  return rest.length === 0 ? key : undefined;
}

/**
 * The user's attributes as free key/value rows (`region` = `east`), starting with the ones the app's
 * row scopes read. Saving replaces the whole set; a row with no key or no value is left out.
 * The server checks names and values; a refusal about one attribute shows at its row (the key
 * or the value, as the code says), in the current language, and above the rows otherwise.
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
    // The refusal was about what was sent; once the rows change it would point at the wrong one.
    setError(undefined);
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
  // The row the server's refusal names (the first with that key); the message shows under its input.
  const refusedKey = refusedAttribute(error);
  const refused = refusedKey === undefined ? undefined : rows.find((row) => row.key.trim() === refusedKey)?.n;
  // A bad name is the key's fault; anything else about the attribute (a value too long, a manager
  // who is no user) is its value's.
  const atKey = error instanceof ApiError && error.code === "users.badAttributeKey";
  const problem = (n: number, onKey: boolean) =>
    n === refused && atKey === onKey
      ? { validateStatus: "error" as const, help: <span role="alert">{errorText(error, locale)}</span> }
      : {};
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
      {error !== undefined && refused === undefined && (
        <Alert role="alert" type="error" showIcon title={errorText(error, locale)} style={{ marginBottom: 12 }} />
      )}
      {saved && (
        <Alert role="status" type="success" showIcon title={t("people_attributesSaved")} style={{ marginBottom: 12 }} />
      )}
      {rows.map((row, i) => (
        <div key={row.n} className="designer-people-attribute">
          <Form.Item className="designer-people-key" {...problem(row.n, true)}>
            <Input
              aria-label={t("people_keyOf", { n: i + 1 })}
              aria-invalid={row.n === refused && atKey ? true : undefined}
              placeholder={t("people_key")}
              value={row.key}
              onChange={(e) => edit(row.n, { key: e.target.value })}
            />
          </Form.Item>
          <Form.Item className="designer-people-value" {...problem(row.n, false)}>
            <Input
              aria-label={t("people_valueOf", { n: i + 1 })}
              aria-invalid={row.n === refused && !atKey ? true : undefined}
              placeholder={t("people_value")}
              value={row.value}
              onChange={(e) => edit(row.n, { value: e.target.value })}
            />
          </Form.Item>
          <Button
            aria-label={t("people_removeAttribute", { key: row.key || i + 1 })}
            onClick={() => {
              setSaved(false);
              setError(undefined);
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
