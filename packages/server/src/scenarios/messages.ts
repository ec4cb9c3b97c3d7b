import type { Issue, LocalizedMessage } from "@plinth/runtime";

const show = (value: unknown): string => (value === undefined ? "nothing" : JSON.stringify(value));
const showZh = (value: unknown): string => (value === undefined ? "无" : JSON.stringify(value));

/**
 * What a scenario step can find: each failure is an issue with a stable code, the step's JSON
 * Pointer, what was expected and what happened (`params.expected`, `params.actual`).
 */
const scenarioMessages = {
  "scenario.unexpectedError": (p: { action: string; actual: string; reason: LocalizedMessage }): LocalizedMessage => ({
    en: `Expected '${p.action}' to succeed, but the server refused it with ${p.actual}: ${p.reason.en}`,
    "zh-CN": `预期“${p.action}”成功，但服务器以 ${p.actual} 拒绝：${p.reason["zh-CN"]}`,
  }),
  "scenario.unexpectedSuccess": (p: { action: string; expected: string }): LocalizedMessage => ({
    en: `Expected '${p.action}' to be refused with ${p.expected}, but it succeeded. Check the rule or permission that should refuse it.`,
    "zh-CN": `预期“${p.action}”被拒绝（${p.expected}），但它成功了。请检查本应拒绝它的规则或权限。`,
  }),
  "scenario.wrongCode": (p: {
    action: string;
    expected: string;
    actual: string;
    reason: LocalizedMessage;
  }): LocalizedMessage => ({
    en: `Expected '${p.action}' to be refused with ${p.expected}, but it was refused with ${p.actual}: ${p.reason.en}`,
    "zh-CN": `预期“${p.action}”被拒绝（${p.expected}），实际错误为 ${p.actual}：${p.reason["zh-CN"]}`,
  }),
  "scenario.valueMismatch": (p: { field: string; expected: unknown; actual: unknown }): LocalizedMessage => ({
    en: `Field '${p.field}': expected ${show(p.expected)}, got ${show(p.actual)}.`,
    "zh-CN": `字段“${p.field}”：预期 ${showZh(p.expected)}，实际 ${showZh(p.actual)}。`,
  }),
  "scenario.unknownRef": (p: { ref: string }): LocalizedMessage => ({
    en: `There is no record '${p.ref}' yet. Give it a ref in 'given' or in an earlier create step.`,
    "zh-CN": `还没有记录“${p.ref}”。请在 given 或之前的 create 步骤中用 ref 命名它。`,
  }),
  "scenario.unknownUser": (p: { user: string }): LocalizedMessage => ({
    en: `The scenario has no user '${p.user}'. Add it to 'users' with its roles.`,
    "zh-CN": `场景中没有用户“${p.user}”。请在 users 中添加该用户及其角色。`,
  }),
  "scenario.missingTarget": (p: { action: string; needs: string }): LocalizedMessage => ({
    en: `A '${p.action}' step needs ${p.needs}.`,
    "zh-CN": `“${p.action}”步骤需要 ${p.needs}。`,
  }),
  "scenario.givenFailed": (p: { entity: string; actual: string; reason: LocalizedMessage }): LocalizedMessage => ({
    en: `The given ${p.entity} record could not be inserted (${p.actual}): ${p.reason.en} Fix its values; the steps did not run.`,
    "zh-CN": `无法插入给定的 ${p.entity} 记录（${p.actual}）：${p.reason["zh-CN"]} 请修正其取值；步骤未运行。`,
  }),
  "scenario.publishFailed": (p: { actual: string; reason: LocalizedMessage }): LocalizedMessage => ({
    en: `The app could not be published on the test server (${p.actual}): ${p.reason.en}`,
    "zh-CN": `无法在测试服务器上发布应用（${p.actual}）：${p.reason["zh-CN"]}`,
  }),
  "scenario.skipped": (_p: Record<string, never>): LocalizedMessage => ({
    en: "Not run: an earlier step of the scenario failed.",
    "zh-CN": "未运行：场景中之前的步骤失败。",
  }),
} as const;

/** A code of the scenario catalogue. */
export type ScenarioIssueCode = keyof typeof scenarioMessages;
type ParamsOf<C extends ScenarioIssueCode> = Parameters<(typeof scenarioMessages)[C]>[0];

/** Create a scenario issue at `path` (a JSON Pointer into the scenario's file or app). */
export function scenarioIssue<C extends ScenarioIssueCode>(code: C, path: string, params: ParamsOf<C>): Issue {
  const render = scenarioMessages[code] as (p: ParamsOf<C>) => LocalizedMessage;
  return { code, path, params, message: render(params), severity: "error" };
}
