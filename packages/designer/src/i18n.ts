import type { Locale } from "@plinth/runtime";
import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { newAppStrings } from "./newApp/strings.js";
import { codeStrings } from "./panels/code/strings.js";
import { dashboardsStrings } from "./panels/dashboards/strings.js";
import { modelStrings } from "./panels/model/strings.js";
import { pagesStrings } from "./panels/pages/strings.js";
import { permissionsStrings } from "./panels/permissions/strings.js";
import { publishStrings } from "./panels/publish/strings.js";
import { workflowsStrings } from "./panels/workflows/strings.js";
import { peopleStrings } from "./people/strings.js";

const shell = {
  en: {
    appName: "Plinth Designer",
    signIn: "Sign in",
    signOut: "Sign out",
    username: "User name",
    password: "Password",
    signInTitle: "Sign in to the Plinth Designer",
    adminsOnly: "Only administrators can design apps. Sign in with an administrator account.",
    yourApps: "Apps",
    openApp: "Open {{app}}",
    published: "published v{{version}}",
    notPublished: "not published",
    loading: "Loading…",
    language: "Language",
    undo: "Undo",
    redo: "Redo",
    undoWhat: "Undo: {{what}}",
    redoWhat: "Redo: {{what}}",
    nothingToUndo: "Nothing to undo",
    nothingToRedo: "Nothing to redo",
    panel_model: "Data model",
    panel_pages: "Pages",
    panel_workflows: "Workflows",
    panel_dashboards: "Dashboards",
    panel_permissions: "Permissions",
    panel_code: "JSON",
    panel_publish: "Publish",
    issues_zero: "No problems",
    issues_one: "{{count}} problem",
    issues_other: "{{count}} problems",
    issuesTitle: "Problems",
    locate: "Show",
    save_saved: "All changes saved",
    save_dirty: "Unsaved changes",
    save_saving: "Saving…",
    save_error: "Not saved: {{reason}}",
    save_conflict: "Someone else changed this app",
    conflictTitle: "This app was changed elsewhere",
    conflictBody:
      "Another tab or person saved a newer draft (revision {{revision}}). Merge keeps both sets of changes (yours win where both changed the same thing); Reload drops your unsaved changes.",
    merge: "Merge",
    reload: "Reload theirs",
    restored: "Unsaved changes from this browser were restored.",
    refused: "Not changed",
    close: "Close",
    backToApps: "All apps",
    retry: "Retry",
    overlay_inherited: "inherited",
    overlay_overridden: "changed here",
    overlay_added: "added here",
    overlay_locked: "locked by HQ",
    overlay_tightenOnly: "HQ cap: tighten only",
    overlay_variantOf: "Regional variant of {{template}}",
    newVariant: "New regional variant",
    newFromTemplate: "New app from this",
    newFromTemplateTitle: "New app starting from {{template}}",
    newVariantTitle: "New regional variant of {{template}}",
    variantId: "Id of the new app",
    variantLabel: "Name",
    create: "Create",
  },
  "zh-CN": {
    appName: "Plinth 设计器",
    signIn: "登录",
    signOut: "退出登录",
    username: "用户名",
    password: "密码",
    signInTitle: "登录 Plinth 设计器",
    adminsOnly: "只有管理员可以设计应用。请使用管理员账号登录。",
    yourApps: "应用",
    openApp: "打开 {{app}}",
    published: "已发布 v{{version}}",
    notPublished: "未发布",
    loading: "加载中…",
    language: "语言",
    undo: "撤销",
    redo: "重做",
    undoWhat: "撤销：{{what}}",
    redoWhat: "重做：{{what}}",
    nothingToUndo: "没有可撤销的操作",
    nothingToRedo: "没有可重做的操作",
    panel_model: "数据模型",
    panel_pages: "页面",
    panel_workflows: "工作流",
    panel_dashboards: "仪表盘",
    panel_permissions: "权限",
    panel_code: "JSON",
    panel_publish: "发布",
    issues_zero: "没有问题",
    issues_one: "{{count}} 个问题",
    issues_other: "{{count}} 个问题",
    issuesTitle: "问题",
    locate: "定位",
    save_saved: "所有修改已保存",
    save_dirty: "有未保存的修改",
    save_saving: "正在保存…",
    save_error: "未保存：{{reason}}",
    save_conflict: "其他人修改了此应用",
    conflictTitle: "此应用已在别处被修改",
    conflictBody:
      "另一个标签页或其他人保存了更新的草稿（修订 {{revision}}）。“合并”保留双方的修改（双方改了同一处时以您的为准）；“重新加载”将放弃您未保存的修改。",
    merge: "合并",
    reload: "重新加载",
    restored: "已恢复此浏览器中未保存的修改。",
    refused: "未修改",
    close: "关闭",
    backToApps: "所有应用",
    retry: "重试",
    overlay_inherited: "继承",
    overlay_overridden: "本区域已修改",
    overlay_added: "本区域新增",
    overlay_locked: "总部锁定",
    overlay_tightenOnly: "总部上限：只能收紧",
    overlay_variantOf: "{{template}} 的区域版本",
    newVariant: "新建区域版本",
    newFromTemplate: "以此新建应用",
    newFromTemplateTitle: "以 {{template}} 为起点新建应用",
    newVariantTitle: "新建 {{template}} 的区域版本",
    variantId: "新应用的标识",
    variantLabel: "名称",
    create: "创建",
  },
};

const parts = [
  modelStrings,
  pagesStrings,
  workflowsStrings,
  dashboardsStrings,
  permissionsStrings,
  codeStrings,
  publishStrings,
  newAppStrings,
  peopleStrings,
];

/** The designer's own words; labels inside app schemas come from the schema. */
export const resources = {
  en: { translation: Object.assign({}, shell.en, ...parts.map((p) => p.en)) as Record<string, string> },
  "zh-CN": {
    translation: Object.assign({}, shell["zh-CN"], ...parts.map((p) => p["zh-CN"])) as Record<string, string>,
  },
};

export const LOCALE_KEY = "plinth.designer.locale";

export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(LOCALE_KEY);
  if (saved === "en" || saved === "zh-CN") return saved;
  const languages = globalThis.navigator?.languages ?? [];
  return languages.some((l) => l.toLowerCase().startsWith("zh")) ? "zh-CN" : "en";
}

export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}
