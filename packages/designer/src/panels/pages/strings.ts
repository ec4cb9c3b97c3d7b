/** The pages panel's words (merged into the designer's i18next resources). */
export const pagesStrings = {
  en: {},
  "zh-CN": {},
} as const;
