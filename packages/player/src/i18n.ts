import type { Locale } from "@plinth/runtime";
import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { withDashboardStrings } from "./pages/dashboard/strings.js";
import { approvalStrings } from "./pages/detail/approvalStrings.js";
import { recordStrings } from "./pages/form/strings.js";
import { inboxStrings } from "./pages/inbox/strings.js";
import { kanbanStrings } from "./pages/kanban/strings.js";
import { tableStrings } from "./pages/table/strings.js";

/** The player's own words (its chrome). Labels from app schemas come from the schema, not from here. */
export const resources = {
  en: {
    translation: {
      appName: "Plinth",
      signIn: "Sign in",
      signOut: "Sign out",
      username: "User name",
      password: "Password",
      usernameRequired: "Enter your user name.",
      passwordRequired: "Enter your password.",
      signInTitle: "Sign in to Plinth",
      myApps: "Your apps",
      openDesigner: "Design apps",
      noApps: "You have no apps yet. Ask an administrator to give you a role in one.",
      notPublished: "not published",
      allApps: "All apps",
      language: "Language",
      loading: "Loading…",
      menu: "Menu",
      filter: "Filter",
      filterPlaceholder: "A formula, e.g. amount > 500000 AND stage <> 'lost'",
      apply: "Apply",
      clear: "Clear",
      loadMore: "Load more",
      rowsLoaded_one: "{{count}} row loaded",
      rowsLoaded_other: "{{count}} rows loaded",
      allLoaded: "all loaded",
      moreAvailable: "more available",
      noRecords: "No records.",
      sortBy: "Sort by {{column}}",
      comingNext: "The {{kind}} page “{{page}}” is coming next.",
      comingNextHint: "This version of the player shows table pages; {{kind}} pages follow in the next release.",
      pageNotFound: "There is no page “{{page}}” in this app.",
      noPages: "This app has no pages in its navigation.",
      retry: "Retry",
      signedInAs: "Signed in as {{name}}",
      inboxWaiting_one: "{{count}} item waiting for you",
      inboxWaiting_other: "{{count}} items waiting for you",
      kind_form: "form",
      kind_detail: "detail",
      kind_kanban: "kanban",
      kind_dashboard: "dashboard",
      kind_inbox: "inbox",
      kind_table: "table",
      ...kanbanStrings.en,
      ...recordStrings.en,
      ...approvalStrings.en,
      ...inboxStrings.en,
      ...tableStrings.en,
    },
  },
  "zh-CN": {
    translation: {
      appName: "Plinth",
      signIn: "登录",
      signOut: "退出登录",
      username: "用户名",
      password: "密码",
      usernameRequired: "请输入用户名。",
      passwordRequired: "请输入密码。",
      signInTitle: "登录 Plinth",
      myApps: "我的应用",
      openDesigner: "设计应用",
      noApps: "你还没有应用。请管理员在某个应用中为你分配角色。",
      notPublished: "未发布",
      allApps: "全部应用",
      language: "语言",
      loading: "加载中…",
      menu: "菜单",
      filter: "筛选",
      filterPlaceholder: "公式，例如 amount > 500000 AND stage <> 'lost'",
      apply: "应用",
      clear: "清除",
      loadMore: "加载更多",
      rowsLoaded_one: "已加载 {{count}} 行",
      rowsLoaded_other: "已加载 {{count}} 行",
      allLoaded: "已全部加载",
      moreAvailable: "还有更多",
      noRecords: "没有记录。",
      sortBy: "按{{column}}排序",
      comingNext: "{{kind}}页面“{{page}}”即将推出。",
      comingNextHint: "当前版本的播放器显示表格页面；{{kind}}页面将在下一版本提供。",
      pageNotFound: "此应用中没有页面“{{page}}”。",
      noPages: "此应用的导航中没有页面。",
      retry: "重试",
      signedInAs: "当前用户：{{name}}",
      kind_form: "表单",
      kind_detail: "详情",
      inboxWaiting_one: "{{count}} 项待你处理",
      inboxWaiting_other: "{{count}} 项待你处理",
      kind_kanban: "看板",
      kind_dashboard: "仪表板",
      kind_inbox: "待办",
      kind_table: "表格",
      ...kanbanStrings["zh-CN"],
      ...recordStrings["zh-CN"],
      ...approvalStrings["zh-CN"],
      ...inboxStrings["zh-CN"],
      ...tableStrings["zh-CN"],
    },
  },
} as const;

const STORAGE_KEY = "plinth.locale";

/** The locale to start in: the saved choice, else the browser's language. */
export function initialLocale(saved: string | null | undefined, browser: readonly string[]): Locale {
  if (saved === "en" || saved === "zh-CN") return saved;
  return browser.some((l) => l.toLowerCase().startsWith("zh")) ? "zh-CN" : "en";
}

export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: withDashboardStrings(resources),
    lng: locale,
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}

export function savedLocale(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function saveLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
}
