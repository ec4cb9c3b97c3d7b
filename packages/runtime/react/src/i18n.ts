import type { Locale } from "@plinth/runtime";
import { createInstance, type i18n } from "i18next";

/** The renderer chrome's own words; labels and issue messages come from the schema and the core. */
export const uiStrings = {
  en: {
    save: "Save",
    saving: "Saving…",
    cancel: "Cancel",
    required: "Required",
    unsavedChanges: "You have unsaved changes",
    fixErrors: "Fix the highlighted fields, then save again.",
    saveFailed: "Saving failed. Try again.",
    notYetSupported: "{{what}} is not shown in forms yet.",
    relatedList: "Related list",
    widget: "Widget",
    noFiles: "No files",
    uploadFiles: "Upload files",
    openCalendar: "Open calendar",
    tooManyFiles: "at most {{count}} files; remove one first.",
    saveFirst: "Save the record first, then add related records here.",
    newRelated: "New",
    noRelated: "None yet.",
    loadFailed: "Could not load: {{reason}}",
    empty: "—",
    search: "Search…",
    loading: "Loading…",
    yes: "Yes",
    no: "No",
  },
  "zh-CN": {
    save: "保存",
    saving: "正在保存…",
    cancel: "取消",
    required: "必填",
    unsavedChanges: "有尚未保存的更改",
    fixErrors: "请修改标出的字段后再保存。",
    saveFailed: "保存失败，请重试。",
    notYetSupported: "表单中暂不显示{{what}}。",
    relatedList: "相关列表",
    widget: "组件",
    noFiles: "没有文件",
    uploadFiles: "上传文件",
    openCalendar: "打开日历",
    tooManyFiles: "最多 {{count}} 个文件，请先删除一个。",
    saveFirst: "请先保存记录，再在此添加相关记录。",
    newRelated: "新建",
    noRelated: "暂无记录。",
    loadFailed: "加载失败：{{reason}}",
    empty: "—",
    search: "搜索…",
    loading: "加载中…",
    yes: "是",
    no: "否",
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type UiKey = keyof (typeof uiStrings)["en"];

/**
 * A fresh i18next instance for the renderer chrome in `locale`. No global instance is
 * initialised or mutated; each provider owns its own.
 *
 * @example
 * const i18n = createPlinthI18n("zh-CN");
 * i18n.t("save"); // "保存"
 */
export function createPlinthI18n(locale: Locale): i18n {
  const instance = createInstance();
  // Resources are inline and `initAsync: false`, so the instance is ready when init returns.
  void instance.init({
    lng: locale,
    fallbackLng: "en",
    supportedLngs: ["en", "zh-CN"],
    resources: { en: { translation: uiStrings.en }, "zh-CN": { translation: uiStrings["zh-CN"] } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}
