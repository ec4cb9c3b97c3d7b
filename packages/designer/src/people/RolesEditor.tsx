import { type Locale, labelText } from "@plinth/runtime";
import { Alert, Button, Checkbox, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../api/http.js";
import type { AppRole } from "./appAccess.js";
import type { PeopleApi, PersonJson } from "./peopleApi.js";

interface RolesEditorProps {
  readonly people: PeopleApi;
  readonly person: PersonJson;
  readonly appId: string;
  readonly appTitle: string;
  readonly roles: readonly AppRole[];
  readonly locale: Locale;
  readonly onSaved: (roles: readonly string[]) => void;
}

/** One checkbox per role the app declares; Save replaces the user's roles in the app. */
export function RolesEditor({ people, person, appId, appTitle, roles, locale, onSaved }: RolesEditorProps) {
  const { t } = useTranslation();
  const [held, setHeld] = useState<ReadonlySet<string>>(() => new Set(person.roles ?? []));
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const title = t("people_rolesIn", { name: person.displayName, app: appTitle });
  const toggle = (role: string, on: boolean) => {
    setSaved(false);
    setHeld((current) => {
      const next = new Set(current);
      if (on) next.add(role);
      else next.delete(role);
      return next;
    });
  };
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const now = await people.setRoles(person.id, appId, [...held]);
      setHeld(new Set(now));
      setSaved(true);
      onSaved(now);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  // Roles the user holds that the app no longer declares stay listed, so saving can remove them.
  const shown = [...roles, ...[...held].filter((id) => !roles.some((r) => r.id === id)).map((id) => ({ id }))];
  return (
    <fieldset aria-label={title} className="designer-people-roles">
      <Typography.Title level={4}>{title}</Typography.Title>
      {error !== undefined && (
        <Alert role="alert" type="error" showIcon title={errorText(error, locale)} style={{ marginBottom: 12 }} />
      )}
      {saved && (
        <Alert role="status" type="success" showIcon title={t("people_rolesSaved")} style={{ marginBottom: 12 }} />
      )}
      {shown.length === 0 ? (
        <Typography.Paragraph type="secondary">{t("people_noRoles", { app: appTitle })}</Typography.Paragraph>
      ) : (
        <div className="designer-people-role-boxes">
          {shown.map((role) => (
            <Checkbox key={role.id} checked={held.has(role.id)} onChange={(e) => toggle(role.id, e.target.checked)}>
              {labelText("label" in role ? role.label : undefined, locale, role.id)}{" "}
              <span className="designer-path">{role.id}</span>
            </Checkbox>
          ))}
        </div>
      )}
      <div>
        <Button type="primary" onClick={save} loading={busy}>
          {t("people_saveRoles")}
        </Button>
      </div>
    </fieldset>
  );
}
