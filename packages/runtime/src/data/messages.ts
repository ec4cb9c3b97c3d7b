import { defineMessages, issueFrom } from "../issues/catalogue.js";
import type { Issue, IssueSeverity } from "../issues/issue.js";

/** Issue codes about records (the data people enter). `{label}` is the field's label. */
export const recordMessages = defineMessages({
  "record.notObject": {
    en: "A record must be a JSON object of field values.",
    "zh-CN": "记录必须是由字段值组成的 JSON 对象。",
  },
  "record.unknownEntity": {
    en: "The app has no entity '{entity}'.",
    "zh-CN": "应用中没有实体“{entity}”。",
  },
  "record.unknownField": {
    en: "'{field}' is not a field of {entity}. Remove it or check its spelling.",
    "zh-CN": "“{field}”不是{entity}的字段。请删除它或检查拼写。",
  },
  "record.required": {
    en: "{label} is required. Fill it in.",
    "zh-CN": "{labelZh}为必填项，请填写。",
  },
  "record.type": {
    en: "{label} must be {expected}.",
    "zh-CN": "{labelZh}必须是{expectedZh}。",
  },
  "record.notAnOption": {
    en: "'{value}' is not an option of {label}. Choose one of: {allowed}.",
    "zh-CN": "“{value}”不是{labelZh}的选项。请从以下选项中选择：{allowed}。",
  },
  "record.format": {
    en: "{label} is not a valid {format}.",
    "zh-CN": "{labelZh}不是有效的{formatZh}。",
  },
  "record.tooLong": {
    en: "{label} is too long: at most {limit} characters.",
    "zh-CN": "{labelZh}过长：最多 {limit} 个字符。",
  },
  "record.tooShort": {
    en: "{label} is too short: at least {limit} characters.",
    "zh-CN": "{labelZh}过短：至少 {limit} 个字符。",
  },
  "record.tooSmall": {
    en: "{label} must be at least {limit}.",
    "zh-CN": "{labelZh}不能小于 {limit}。",
  },
  "record.tooLarge": {
    en: "{label} must be at most {limit}.",
    "zh-CN": "{labelZh}不能大于 {limit}。",
  },
  "record.tooManyItems": {
    en: "{label} takes at most {limit} values.",
    "zh-CN": "{labelZh}最多只能有 {limit} 个值。",
  },
  "record.duplicateItems": {
    en: "{label} lists the same value twice; keep one.",
    "zh-CN": "{labelZh}中有重复的值，请只保留一个。",
  },
  "record.nulCharacter": {
    en: "{label} contains a NUL character (U+0000), which cannot be stored. Remove it (it often comes with text copied out of another program) and save again.",
    "zh-CN":
      "{labelZh}包含 NUL 字符（U+0000），无法保存。请删除该字符（它常随从其他程序复制的文本一起带入）后重新保存。",
  },
  "record.invalid": {
    en: "{label} is not valid: {detail}.",
    "zh-CN": "{labelZh}无效：{detail}。",
  },
  "record.rule": {
    en: "{message}",
    "zh-CN": "{messageZh}",
  },
  "record.formulaFailed": {
    en: "{label} could not be computed: {detail}. Check the formula in the app designer.",
    "zh-CN": "无法计算{labelZh}：{detail}。请在应用设计器中检查该公式。",
  },
});

export type RecordCode = keyof typeof recordMessages;

export function recordIssue(
  code: RecordCode,
  path: string,
  params: Readonly<Record<string, unknown>> = {},
  severity?: IssueSeverity,
): Issue {
  return issueFrom(recordMessages, code, path, params, severity);
}
