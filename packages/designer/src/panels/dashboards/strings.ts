/** The dashboards panel's words (merged into the designer's i18next resources). */
export const dashboardsStrings = {
  en: {},
  "zh-CN": {},
} as const;
