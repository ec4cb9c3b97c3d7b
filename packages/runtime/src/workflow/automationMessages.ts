import { defineMessages, issueFrom } from "../issues/catalogue.js";
import type { Issue } from "../issues/issue.js";

/**
 * Issue codes of automations: running them (paths point into the record, "" for the record as
 * a whole) and the design-time cron check (paths point into the app schema).
 */
export const automationMessages = defineMessages({
  "automation.conditionFailed": {
    en: "The condition of automation '{automation}' could not be evaluated: {reason} Fix the record or ask the app's author to fix the condition.",
    "zh-CN": "无法计算自动化“{automation}”的条件：{reasonZh} 请修正记录，或请应用作者修正该条件。",
  },
  "automation.effectFailed": {
    en: "An action of automation '{automation}' could not be computed: {reason} Fix the record or ask the app's author to fix the action.",
    "zh-CN": "无法计算自动化“{automation}”的动作：{reasonZh} 请修正记录，或请应用作者修正该动作。",
  },
  "automation.invalidCron": {
    en: "'{expression}' is not a cron expression that ever fires: {reason} Use five fields (minute hour day-of-month month day-of-week, UTC), e.g. '0 9 * * 1' for Mondays at 09:00.",
    "zh-CN":
      "“{expression}”不是有效（且会触发）的 cron 表达式：{reason} 请使用五个字段（分 时 日 月 星期，UTC），例如 '0 9 * * 1' 表示每周一 09:00。",
  },
});

export type AutomationCode = keyof typeof automationMessages;

/** Create an issue of the automation catalogue. */
export function automationIssue(
  code: AutomationCode,
  path: string,
  params: Readonly<Record<string, unknown>> = {},
): Issue {
  return issueFrom(automationMessages, code, path, params);
}
