/** The code panel's words (merged into the designer's i18next resources). */
export const codeStrings = {
  en: {},
  "zh-CN": {},
} as const;
