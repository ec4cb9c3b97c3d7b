import { createRuntime, type Locale, labelText, type Runtime } from "@plinth/runtime";
import { Alert, App as AntApp, Button, Card, ConfigProvider, Form, Input, List, Modal, Spin, Typography } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import type { i18n } from "i18next";
import { useCallback, useEffect, useMemo, useState } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { type AppSummary, createDesignerApi, type DesignerApi, type Session } from "./api/designerApi.js";
import { createHttp, errorText } from "./api/http.js";
import { Editor } from "./editor/Editor.js";
import { LOCALE_KEY } from "./i18n.js";
import { LanguageSwitch } from "./LanguageSwitch.js";
import { NewAppDialog } from "./newApp/NewAppDialog.js";
import { PeoplePage } from "./people/PeoplePage.js";
import { createPeopleApi, type PeopleApi } from "./people/peopleApi.js";

/** The People screen's URL: /designer/?people (an app id could be "people", a query cannot clash). */
const PEOPLE_URL = "/designer/?people";

function peopleFromUrl(): boolean {
  return new URLSearchParams(window.location.search).has("people");
}

/** The app id in the URL: /designer/<app>. */
function appFromPath(): string | undefined {
  const [, base, app] = window.location.pathname.split("/");
  return base === "designer" && app ? decodeURIComponent(app) : undefined;
}

export function DesignerApp({ i18n, initialLocale }: { i18n: i18n; initialLocale: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const localeRef = useMemo(() => ({ current: initialLocale }), [initialLocale]);
  const http = useMemo(() => createHttp(() => localeRef.current), [localeRef]);
  const api = useMemo(() => createDesignerApi(http), [http]);
  const people = useMemo(() => createPeopleApi(http), [http]);
  const runtime = useMemo(() => createRuntime(), []);
  const setLocale = useCallback(
    (next: Locale) => {
      localeRef.current = next;
      setLocaleState(next);
      void i18n.changeLanguage(next);
      document.documentElement.lang = next;
      try {
        localStorage.setItem(LOCALE_KEY, next);
      } catch {
        // private mode: the choice lasts this visit
      }
    },
    [i18n, localeRef],
  );
  return (
    <I18nextProvider i18n={i18n}>
      <ConfigProvider locale={locale === "zh-CN" ? zhCN : enUS} theme={{ token: { borderRadius: 6 } }}>
        <AntApp>
          <Shell api={api} people={people} runtime={runtime} locale={locale} setLocale={setLocale} />
        </AntApp>
      </ConfigProvider>
    </I18nextProvider>
  );
}

interface ShellProps {
  readonly api: DesignerApi;
  readonly people: PeopleApi;
  readonly runtime: ReturnType<typeof createRuntime>;
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
}

function Shell({ api, people, runtime, locale, setLocale }: ShellProps) {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session | undefined | null>(null);
  const [appId, setAppId] = useState<string | undefined>(appFromPath);
  const [showPeople, setShowPeople] = useState(peopleFromUrl);
  useEffect(() => {
    api.me().then(setSession, () => setSession(undefined));
  }, [api]);
  useEffect(() => {
    const onPop = () => {
      setAppId(appFromPath());
      setShowPeople(peopleFromUrl());
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const open = (id: string | undefined) => {
    window.history.pushState(null, "", id ? `/designer/${encodeURIComponent(id)}` : "/designer/");
    setAppId(id);
    setShowPeople(false);
  };
  const openPeople = () => {
    window.history.pushState(null, "", PEOPLE_URL);
    setAppId(undefined);
    setShowPeople(true);
  };
  if (session === null) return <Spin fullscreen tip={t("loading")} />;
  if (!session?.user.isAdmin)
    return <Login api={api} locale={locale} setLocale={setLocale} onSignedIn={setSession} refused={!!session} />;
  if (appId)
    return (
      <Editor
        key={appId}
        api={api}
        runtime={runtime}
        appId={appId}
        locale={locale}
        setLocale={setLocale}
        onBack={() => open(undefined)}
      />
    );
  if (showPeople)
    return (
      <PeoplePage api={api} people={people} locale={locale} setLocale={setLocale} onBack={() => open(undefined)} />
    );
  return (
    <AppPicker api={api} runtime={runtime} locale={locale} setLocale={setLocale} onOpen={open} onPeople={openPeople} />
  );
}

function Login(props: {
  api: DesignerApi;
  locale: Locale;
  setLocale: (l: Locale) => void;
  onSignedIn: (s: Session) => void;
  refused: boolean;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      props.onSignedIn(await props.api.login(values.username, values.password));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="designer-login">
      <Card style={{ width: 380 }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 16 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("signInTitle")}
          </Typography.Title>
          <LanguageSwitch locale={props.locale} onChange={props.setLocale} />
        </div>
        {props.refused && <Alert type="warning" showIcon title={t("adminsOnly")} style={{ marginBottom: 16 }} />}
        {error !== undefined && (
          <Alert
            role="alert"
            type="error"
            showIcon
            title={errorText(error, props.locale)}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t("username")} name="username" rules={[{ required: true }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t("password")} name="password" rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t("signIn")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

/** The app list: open an app, start one (blank, a copy or a regional variant), or go to People. */
export function AppPicker(props: {
  api: DesignerApi;
  runtime: Runtime;
  locale: Locale;
  setLocale: (l: Locale) => void;
  onOpen: (id: string) => void;
  onPeople: () => void;
}) {
  const { t } = useTranslation();
  const [apps, setApps] = useState<readonly AppSummary[] | undefined>();
  const [error, setError] = useState<unknown>();
  const [variantOf, setVariantOf] = useState<{ app: AppSummary; mode: "variant" | "copy" } | undefined>();
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    props.api.apps().then(setApps, setError);
  }, [props.api]);
  return (
    <div className="designer-picker">
      <header className="designer-picker-head">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("yourApps")}
        </Typography.Title>
        <span style={{ display: "flex", gap: 8, alignItems: "center" }}>
          <Button type="primary" onClick={() => setCreating(true)}>
            {t("newApp")}
          </Button>
          <Button onClick={props.onPeople}>{t("people_title")}</Button>
          <LanguageSwitch locale={props.locale} onChange={props.setLocale} />
        </span>
      </header>
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, props.locale)} />}
      <List
        loading={!apps && error === undefined}
        dataSource={[...(apps ?? [])]}
        renderItem={(app) => {
          const title = labelText(app.label, props.locale, app.id);
          return (
            <List.Item
              actions={[
                ...(app.publishedVersion === null
                  ? []
                  : [
                      // Named with the app, as "Open" is: the list holds several templates.
                      <Button
                        key="copy"
                        aria-label={t("newFromTemplateTitle", { template: title })}
                        onClick={() => setVariantOf({ app, mode: "copy" })}
                      >
                        {t("newFromTemplate")}
                      </Button>,
                      <Button
                        key="variant"
                        aria-label={t("newVariantTitle", { template: title })}
                        onClick={() => setVariantOf({ app, mode: "variant" })}
                      >
                        {t("newVariant")}
                      </Button>,
                    ]),
                <Button
                  key="open"
                  type="primary"
                  onClick={() => props.onOpen(app.id)}
                  aria-label={t("openApp", { app: title })}
                >
                  {t("openApp", { app: "" }).trim()}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={title}
                description={`${app.id} · ${
                  app.publishedVersion === null ? t("notPublished") : t("published", { version: app.publishedVersion })
                }`}
              />
            </List.Item>
          );
        }}
      />
      {creating && (
        <NewAppDialog
          api={props.api}
          runtime={props.runtime}
          locale={props.locale}
          onClose={() => setCreating(false)}
          onCreated={props.onOpen}
        />
      )}
      {variantOf && (
        <NewVariant
          api={props.api}
          template={variantOf.app}
          mode={variantOf.mode}
          locale={props.locale}
          onClose={() => setVariantOf(undefined)}
          onCreated={props.onOpen}
        />
      )}
    </div>
  );
}

/**
 * Start an app from a published one: a copy to change freely (`copy`), or a regional variant that
 * extends it with an empty overlay and stays bound by its locks and upgrades (`variant`).
 */
function NewVariant(props: {
  api: DesignerApi;
  template: AppSummary;
  mode: "variant" | "copy";
  locale: Locale;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const title = labelText(props.template.label, props.locale, props.template.id);
  const submit = async (values: { id: string; label: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const template = await props.api.published(props.template.id);
      const label = { [props.locale]: values.label };
      await props.api.createApp(
        props.mode === "copy"
          ? ({ ...template.app, id: values.id, version: "1.0.0", label } as never)
          : ({
              schemaVersion: 1,
              id: values.id,
              version: "1.0.0",
              label,
              extends: { app: props.template.id, version: `^${template.app.version}` },
              overlay: [],
            } as never),
      );
      props.onCreated(values.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t("newVariantTitle", { template: title })}
      onCancel={props.onClose}
      footer={null}
      destroyOnHidden
    >
      {error !== undefined && (
        <Alert role="alert" type="error" showIcon title={errorText(error, props.locale)} style={{ marginBottom: 12 }} />
      )}
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          label={t("variantId")}
          name="id"
          rules={[{ required: true, pattern: /^[A-Za-z][A-Za-z0-9_]{0,62}$/ }]}
        >
          <Input autoFocus placeholder={`${props.template.id}_east`} />
        </Form.Item>
        <Form.Item label={t("variantLabel")} name="label" rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("create")}
        </Button>
      </Form>
    </Modal>
  );
}
