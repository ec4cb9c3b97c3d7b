/** The model panel's words (merged into the designer's i18next resources). */
export const modelStrings = {
  en: {},
  "zh-CN": {},
} as const;
