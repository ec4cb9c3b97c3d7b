import { AppstoreOutlined, LogoutOutlined, MenuOutlined } from "@ant-design/icons";
import { type App, labelText } from "@plinth/runtime";
import { Alert, Badge, Button, Grid, Layout, Menu, type MenuProps, Result, Spin, Typography } from "antd";
import { lazy, type ReactNode, Suspense, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../context.js";
import { errorText } from "../data/errors.js";
import type { PublishedApp } from "../data/platform.js";
import { createRecordSource, type RecordSource } from "../data/records.js";
import { LanguageSwitch } from "../LanguageSwitch.js";
import { isPlainClick } from "../link.js";
import { effectiveRoles, firstPage, type NavEntry, navigationEntries } from "../navigation.js";
import { PageView } from "../pages/PageView.js";
import { type Route, routePath } from "../routes.js";
import { useInboxCount } from "./useInboxCount.js";

/** Record pages (form/detail) load on first use, like every page kind (see PageView). */
const RecordView = lazy(() => import("../pages/detail/RecordView.js").then((m) => ({ default: m.RecordView })));

const PAGE_KEY = "page:";

function menuItems(
  appId: string,
  entries: readonly NavEntry[],
  locale: "en" | "zh-CN",
  badge: (pageId: string) => ReactNode,
): MenuProps["items"] {
  return entries.map((entry) =>
    entry.kind === "page"
      ? {
          key: `${PAGE_KEY}${entry.page}`,
          label: (
            <a href={routePath({ kind: "page", appId, pageId: entry.page })}>
              {labelText(entry.label, locale, entry.page)}
              {badge(entry.page)}
            </a>
          ),
        }
      : {
          key: `group:${entry.id}`,
          label: labelText(entry.label, locale, entry.id),
          children: menuItems(appId, entry.items, locale, badge),
        },
  );
}

/** The frame around every signed-in screen: header (title, language, sign-out), a collapsing side menu. */
export function Frame({ title, menu, children }: { title: ReactNode; menu?: ReactNode; children: ReactNode }) {
  const { locale, setLocale, signOut, session, navigate } = usePlayer();
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [collapsed, setCollapsed] = useState(phone);
  useEffect(() => setCollapsed(phone), [phone]);

  return (
    <Layout className="plinth-frame">
      <Layout.Header className="plinth-header">
        {menu && phone && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t("menu")}
            aria-expanded={!collapsed}
            onClick={() => setCollapsed((c) => !c)}
          />
        )}
        <a
          className="plinth-brand"
          href={routePath({ kind: "apps" })}
          title={t("allApps")}
          onClick={(event) => {
            if (!isPlainClick(event)) return;
            event.preventDefault();
            navigate({ kind: "apps" });
          }}
        >
          <AppstoreOutlined />
        </a>
        <Typography.Text className="plinth-title" ellipsis>
          {title}
        </Typography.Text>
        <span className="plinth-header-tools">
          {!phone && (
            <Typography.Text className="plinth-user" type="secondary">
              {t("signedInAs", { name: session.user.displayName || session.user.username })}
            </Typography.Text>
          )}
          <LanguageSwitch locale={locale} onChange={setLocale} />
          <Button icon={<LogoutOutlined />} onClick={() => void signOut()} aria-label={t("signOut")}>
            {phone ? null : t("signOut")}
          </Button>
        </span>
      </Layout.Header>
      <Layout>
        {menu && (
          <Layout.Sider
            breakpoint="md"
            collapsedWidth={0}
            collapsible
            trigger={null}
            collapsed={collapsed}
            onCollapse={setCollapsed}
            theme="light"
            width={220}
            className="plinth-sider"
          >
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content className="plinth-content">{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}

/** /apps/:appId[/:pageId]: the app's menu from its `navigation`, and the chosen page. */
export function AppShell({ route }: { route: Exclude<Route, { kind: "apps" }> }) {
  const { platform, http, locale, navigate, session } = usePlayer();
  const { t } = useTranslation();
  const [published, setPublished] = useState<PublishedApp>();
  const [error, setError] = useState<unknown>();
  const appId = route.appId;

  useEffect(() => {
    let live = true;
    setPublished(undefined);
    setError(undefined);
    platform.app(appId).then(
      (p) => live && setPublished(p),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [platform, appId]);

  const dataSource = useMemo(() => createRecordSource(http, appId), [http, appId]);
  const source: RecordSource = dataSource;
  const app: App | undefined = published?.app;
  const entries = useMemo(() => {
    if (!app || !published) return [];
    return navigationEntries(app, session.user.isAdmin ? undefined : effectiveRoles(app, published.roles));
  }, [app, published, session.user.isAdmin]);
  const first = firstPage(entries);

  useEffect(() => {
    if (route.kind === "app" && first) navigate({ kind: "page", appId, pageId: first }, { replace: true });
  }, [route.kind, first, appId, navigate]);

  const title = app ? labelText(app.label, locale, app.id) : appId;
  const pageId = route.kind === "page" ? route.pageId : first;
  const page = app?.pages?.find((p) => p.id === pageId);

  const inboxPages = new Set((app?.pages ?? []).filter((p) => p.kind === "inbox").map((p) => p.id));
  const waiting = useInboxCount(dataSource, inboxPages.size > 0, routePath(route));
  const badge = (id: string) =>
    inboxPages.has(id) && waiting ? (
      <Badge
        count={waiting}
        size="small"
        className="plinth-menu-badge"
        title={t("inboxWaiting", { count: waiting })}
        data-testid="inbox-badge"
      />
    ) : null;

  const menu = app ? (
    <Menu
      mode="inline"
      selectedKeys={pageId ? [`${PAGE_KEY}${pageId}`] : []}
      items={menuItems(appId, entries, locale, badge)}
      onClick={({ key, domEvent }) => {
        if (!key.startsWith(PAGE_KEY)) return;
        domEvent.preventDefault();
        navigate({ kind: "page", appId, pageId: key.slice(PAGE_KEY.length) });
      }}
    />
  ) : undefined;

  let body: ReactNode;
  if (error !== undefined) body = <Alert role="alert" type="error" showIcon title={errorText(error, locale)} />;
  else if (!app) body = <Spin description={t("loading")} />;
  else if (route.kind === "record")
    body = (
      <Suspense fallback={<Spin description={t("loading")} />}>
        <RecordView app={app} route={route} />
      </Suspense>
    ); // record pages (form/detail)
  else if (entries.length === 0 && !page) body = <Result status="info" title={t("noPages")} />;
  else if (!page) body = pageId ? <Result status="404" title={t("pageNotFound", { page: pageId })} /> : null;
  else body = <PageView app={app} page={page} source={source} />;

  return (
    <Frame title={title} menu={menu}>
      {body}
    </Frame>
  );
}
