/** The permissions panel's words (merged into the designer's i18next resources). */
export const permissionsStrings = {
  en: {},
  "zh-CN": {},
} as const;
