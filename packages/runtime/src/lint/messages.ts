import { defineMessages, issueFrom } from "../issues/catalogue.js";
import type { Issue } from "../issues/issue.js";

/** Problems in a lint configuration (`lint.json`), beside the structural `schema.*` ones. */
export const lintConfigMessages = defineMessages({
  "lint.unknownRule": {
    en: "There is no lint rule '{rule}'.{hint} 'plinth lint --help' lists the rules.",
    "zh-CN": "没有名为“{rule}”的 lint 规则。{hintZh}运行“plinth lint --help”可查看所有规则。",
  },
  "lint.invalidSetting": {
    en: '{value} is not a rule setting. Write "off", "info", "warning" or "error", or [setting, { options }].',
    "zh-CN": '{value} 不是有效的规则设置。请写 "off"、"info"、"warning" 或 "error"，或 [设置, { 选项 }]。',
  },
  "lint.noOptions": {
    en: "Rule '{rule}' takes no options. Write just its setting, e.g. \"warning\".",
    "zh-CN": '规则“{rule}”没有选项。请只写设置，例如 "warning"。',
  },
  "lint.invalidHost": {
    en: "'{value}' is not a host name. Write it as api.example.com, or *.example.com for its subdomains (no https://, no path).",
    "zh-CN": "“{value}”不是主机名。请写成 api.example.com，子域名写成 *.example.com（不要 https://，不要路径）。",
  },
});

export type LintConfigCode = keyof typeof lintConfigMessages;

export function lintConfigIssue(code: LintConfigCode, path: string, params: Record<string, unknown> = {}): Issue {
  return issueFrom(lintConfigMessages, code, path, params);
}
