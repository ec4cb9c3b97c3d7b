import { type App, type Locale, labelText } from "@plinth/runtime";
import { Alert, Button, Empty, Select, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AppSummary, DesignerApi } from "../api/designerApi.js";
import { errorText } from "../api/http.js";
import { LanguageSwitch } from "../LanguageSwitch.js";
import { AttributesEditor } from "./AttributesEditor.js";
import { type AppAccess, appAccess } from "./appAccess.js";
import { CreatePersonForm } from "./CreatePersonForm.js";
import { PeopleList } from "./PeopleList.js";
import type { PeopleApi, PersonJson } from "./peopleApi.js";
import { RolesEditor } from "./RolesEditor.js";
import "./people.css";

interface PeoplePageProps {
  readonly api: DesignerApi;
  readonly people: PeopleApi;
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
  readonly onBack: () => void;
}

/** The roles and attributes an app offers, read from its published schema and its draft. */
async function loadAccess(api: DesignerApi, app: AppSummary): Promise<AppAccess> {
  const [published, draft] = await Promise.all([
    app.publishedVersion === null ? undefined : api.published(app.id).then((p) => p.app as App),
    api.draft(app.id).then((d) => d.app),
  ]);
  return appAccess([published, draft]);
}

/**
 * People, for administrators: find a user by name, create one, and give a user roles in an app
 * (the roles its schema declares) and the attributes its row scopes read. Everything is saved
 * through the server's user routes, which check every rule; their refusals are shown as sent.
 */
export function PeoplePage({ api, people, locale, setLocale, onBack }: PeoplePageProps) {
  const { t } = useTranslation();
  const [apps, setApps] = useState<readonly AppSummary[]>();
  const [appId, setAppId] = useState<string>();
  const [access, setAccess] = useState<AppAccess>();
  const [users, setUsers] = useState<readonly PersonJson[]>();
  /** The app whose roles `users` carry (the list is reloaded when the app changes). */
  const [usersApp, setUsersApp] = useState<string>();
  const [selected, setSelected] = useState<string>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    api.apps().then((list) => {
      setApps(list);
      setAppId((current) => current ?? list[0]?.id);
    }, setError);
  }, [api]);
  const app = apps?.find((a) => a.id === appId);
  useEffect(() => {
    if (!apps) return;
    let live = true;
    setError(undefined);
    setAccess(undefined);
    people.list(app?.id).then(
      (list) => {
        if (!live) return;
        setUsers(list);
        setUsersApp(app?.id);
      },
      (e) => live && setError(e),
    );
    if (app)
      loadAccess(api, app).then(
        (found) => live && setAccess(found),
        (e) => live && setError(e),
      );
    return () => {
      live = false;
    };
  }, [api, people, apps, app]);

  const replace = useCallback((next: PersonJson) => {
    // A PATCH answers without `roles`: keep the ones listed for the chosen app.
    setUsers((list) => list?.map((u) => (u.id === next.id ? { ...u, ...next, roles: next.roles ?? u.roles } : u)));
  }, []);
  const person = users?.find((u) => u.id === selected);
  const appTitle = app ? labelText(app.label, locale, app.id) : "";

  return (
    <div className="designer-picker designer-people">
      <header className="designer-picker-head">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("people_title")}
        </Typography.Title>
        <span className="designer-people-actions">
          <Button onClick={onBack}>{t("backToApps")}</Button>
          <LanguageSwitch locale={locale} onChange={setLocale} />
        </span>
      </header>
      {error !== undefined && (
        <Alert role="alert" type="error" showIcon title={errorText(error, locale)} style={{ marginBottom: 12 }} />
      )}
      <div className="designer-people-body">
        <div className="designer-people-side">
          <PeopleList users={users} selected={selected} onSelect={setSelected} />
          <CreatePersonForm
            people={people}
            locale={locale}
            onCreated={(created) => {
              setUsers((list) => [...(list ?? []), { ...created, roles: [] }]);
              setSelected(created.id);
            }}
          />
        </div>
        <section aria-label={person ? person.displayName : t("people_pickUser")} className="designer-people-main">
          {!person ? (
            <Empty description={t("people_pickUser")} />
          ) : (
            <>
              <Typography.Title level={3}>
                {person.displayName} <Typography.Text type="secondary">{person.username}</Typography.Text>
              </Typography.Title>
              <label htmlFor="people-app" style={{ display: "block", marginBottom: 4 }}>
                {t("people_app")}
              </label>
              <Select
                id="people-app"
                aria-label={t("people_app")}
                placeholder={t("people_pickApp")}
                style={{ minWidth: 280, marginBottom: 16 }}
                value={appId}
                onChange={setAppId}
                options={(apps ?? []).map((a) => ({
                  value: a.id,
                  label: labelText(a.label, locale, a.id),
                  title: a.id,
                }))}
              />
              {app && access && usersApp === app.id && (
                <>
                  <RolesEditor
                    key={`${person.id}/${app.id}`}
                    people={people}
                    person={person}
                    appId={app.id}
                    appTitle={appTitle}
                    roles={access.roles}
                    locale={locale}
                    onSaved={(roles) => replace({ ...person, roles })}
                  />
                  <AttributesEditor
                    key={`${person.id}/attributes`}
                    people={people}
                    person={person}
                    appTitle={appTitle}
                    attributes={access.attributes}
                    locale={locale}
                    onSaved={replace}
                  />
                </>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}
