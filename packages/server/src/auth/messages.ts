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
