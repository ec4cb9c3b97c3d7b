/** The publish panel's words (merged into the designer's i18next resources). */
export const publishStrings = {
  en: {},
  "zh-CN": {},
} as const;
