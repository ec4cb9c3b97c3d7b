import { defineMessages, renderMessage } from "@plinth/runtime";
import { HttpError } from "../http/errors.js";

/**
 * Error codes of authentication and user administration, beside the server catalogue
 * (`serverMessages`). Each message says what to do next, in English and Simplified Chinese.
 */
export const authMessages = defineMessages({
  "auth.tokenInvalid": {
    en: "The API token is not valid. Send 'Authorization: Bearer plt_…' with a token from POST /api/auth/tokens.",
    "zh-CN": "API 令牌无效。请在请求头中发送 “Authorization: Bearer plt_…”，令牌可通过 POST /api/auth/tokens 创建。",
  },
  "auth.tokenRevoked": {
    en: "This API token was revoked on {revokedAt}. Create a new token and use it instead.",
    "zh-CN": "该 API 令牌已于 {revokedAt} 撤销。请创建新令牌并改用新令牌。",
  },
  "auth.userDisabled": {
    en: "This account is disabled. Ask an administrator to enable it again.",
    "zh-CN": "该账号已被停用。请联系管理员重新启用。",
  },
  "users.unknownManager": {
    en: "The manager '{id}' is not a user. Set attributes.manager to the id of an existing user, or to null.",
    "zh-CN": "上级“{id}”不是已有用户。请将 attributes.manager 设为已有用户的 id，或设为 null。",
  },
  "users.badAttributeKey": {
    en: "'{key}' cannot name an attribute: formulas read it as $user.<name>. Start with a letter and use only letters, digits and underscores, up to 63 characters (region, sales_team).",
    "zh-CN":
      "“{key}”不能用作属性名：公式以 $user.<属性名> 读取它。请以字母开头，只用字母、数字和下划线，最多 63 个字符（如 region、sales_team）。",
  },
  "users.badAttributeValue": {
    en: "The value of attribute '{key}' cannot be stored. Use text of up to {max} characters, a number, true or false, or leave it empty.",
    "zh-CN": "属性“{key}”的值无法保存。请使用不超过 {max} 个字符的文本、数字、true 或 false，或留空。",
  },
  "users.lastAdmin": {
    en: "This change would leave no enabled administrator. Make another user an administrator first.",
    "zh-CN": "此修改将导致没有可用的管理员。请先将其他用户设为管理员。",
  },
  "users.unknownRoles": {
    en: "App '{app}' declares no role {roles}. Use the ids of roles defined in the app.",
    "zh-CN": "应用“{app}”未定义角色 {roles}。请使用应用中已定义的角色 id。",
  },
});

export type AuthCode = keyof typeof authMessages & string;

/** Create an HttpError from the auth catalogue. */
export function authError(
  status: number,
  code: AuthCode,
  params: Readonly<Record<string, unknown>> = {},
  path = "",
): HttpError {
  return new HttpError(status, code, renderMessage(authMessages[code], params), path);
}
