import type { Locale } from "@plinth/runtime";
import { App as AntApp, ConfigProvider, Spin } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import type { i18n } from "i18next";
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { I18nextProvider } from "react-i18next";
import { AppList } from "./AppList.js";
import { PlayerContext, type PlayerContextValue } from "./context.js";
import type { FetchLike, HttpOptions } from "./data/http.js";
import { createPlatformApi, type Session } from "./data/platform.js";
import { saveLocale } from "./i18n.js";
import { LoginPage } from "./LoginPage.js";
import { parseRoute, type Route, routePath } from "./routes.js";
import { AppShell, Frame } from "./shell/AppShell.js";

const SESSION_ROUTES = ["/api/auth/login", "/api/auth/me"];

/** The whole player: session, language, and a small router over /apps/ paths (history API). */
export function PlayerApp({ i18n, initialLocale }: { i18n: i18n; initialLocale: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [session, setSession] = useState<Session | null | undefined>(undefined); // undefined = checking
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.pathname));
  const localeRef = useRef(locale);
  const sessionRef = useRef(session);
  sessionRef.current = session;

  const http: HttpOptions = useMemo(() => {
    // Any 401 outside sign-in means the session ended (expired, signed out elsewhere): back to the login page.
    const fetchWith401: FetchLike = async (input, init) => {
      const response = await window.fetch(input, init);
      if (response.status === 401 && !SESSION_ROUTES.some((p) => input.endsWith(p))) setSession(null);
      return response;
    };
    return {
      baseUrl: "",
      fetch: fetchWith401,
      csrfToken: () => sessionRef.current?.csrfToken,
      locale: () => localeRef.current,
    };
  }, []);
  const platform = useMemo(() => createPlatformApi(http), [http]);

  useEffect(() => {
    platform.me().then(
      (me) => setSession(me ?? null),
      () => setSession(null),
    );
  }, [platform]);

  useEffect(() => {
    const onPop = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  const navigate = useCallback((to: Route, options?: { replace?: boolean }) => {
    const path = routePath(to);
    if (path !== window.location.pathname) {
      if (options?.replace) window.history.replaceState(null, "", path);
      else window.history.pushState(null, "", path);
    }
    setRoute(to);
  }, []);

  const setLocale = useCallback(
    (next: Locale) => {
      localeRef.current = next;
      saveLocale(next);
      void i18n.changeLanguage(next);
      document.documentElement.lang = next;
      setLocaleState(next);
    },
    [i18n],
  );
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const signOut = useCallback(async () => {
    try {
      await platform.logout();
    } finally {
      setSession(null);
      navigate({ kind: "apps" });
    }
  }, [platform, navigate]);

  const context: PlayerContextValue | undefined = useMemo(
    () => (session ? { http, platform, session, locale, setLocale, navigate, signOut } : undefined),
    [http, platform, session, locale, setLocale, navigate, signOut],
  );

  let body: ReactNode;
  if (session === undefined) body = <Spin fullscreen />;
  else if (!context)
    body = <LoginPage platform={platform} locale={locale} setLocale={setLocale} onSignedIn={setSession} />;
  else
    body = (
      <PlayerContext.Provider value={context}>
        {route.kind === "apps" ? (
          <Frame title={i18n.t("myApps")}>
            <AppList />
          </Frame>
        ) : (
          <AppShell route={route} />
        )}
      </PlayerContext.Provider>
    );

  return (
    <I18nextProvider i18n={i18n}>
      <ConfigProvider
        locale={locale === "zh-CN" ? zhCN : enUS}
        button={{ autoInsertSpace: false }}
        theme={{ token: { colorPrimary: "#1f5fbf" } }}
      >
        <AntApp>{body}</AntApp>
      </ConfigProvider>
    </I18nextProvider>
  );
}
