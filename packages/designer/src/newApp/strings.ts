/** The "New app" dialog's words (merged into the designer's i18next resources). */
export const newAppStrings = {
  en: {
    newApp: "New app",
    newAppTitle: "New blank app",
    newAppHint: "It starts empty: add entities, pages, workflows and roles in the editor.",
    newAppId: "App id",
    newAppLabelEn: "Name (English)",
    newAppLabelZh: "Name (Chinese)",
    newAppProblems: "The app cannot be created:",
  },
  "zh-CN": {
    newApp: "新建应用",
    newAppTitle: "新建空白应用",
    newAppHint: "应用从空白开始：在编辑器中添加实体、页面、工作流和角色。",
    newAppId: "应用标识",
    newAppLabelEn: "名称（英文）",
    newAppLabelZh: "名称（中文）",
    newAppProblems: "无法创建应用：",
  },
};
