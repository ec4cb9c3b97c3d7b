/** The workflows panel's words (merged into the designer's i18next resources). */
export const workflowsStrings = {
  en: {},
  "zh-CN": {},
} as const;
