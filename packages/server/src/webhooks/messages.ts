import { defineMessages, renderMessage } from "@plinth/runtime";
import { HttpError } from "../http/errors.js";

/** Error codes of the webhook administration API. */
export const webhookMessages = defineMessages({
  "webhooks.invalidHost": {
    en: "'{host}' is not a host name with an optional port (like hooks.example.com or 127.0.0.1:8080). Remove the scheme and the path.",
    "zh-CN": "“{host}”不是主机名（可带端口，例如 hooks.example.com 或 127.0.0.1:8080）。请去掉协议和路径。",
  },
  "webhooks.secretTooShort": {
    en: "The signing secret must have at least 16 characters. Use a long random value.",
    "zh-CN": "签名密钥至少需要 16 个字符。请使用较长的随机值。",
  },
  "webhooks.notDead": {
    en: "There is no dead webhook delivery '{id}'. List them with GET /api/admin/webhooks/dead.",
    "zh-CN": "不存在失败的 Webhook 投递“{id}”。请通过 GET /api/admin/webhooks/dead 查看列表。",
  },
});

export type WebhookCode = keyof typeof webhookMessages;

/** An HTTP error of the webhook catalogue, in the API's error shape. */
export function webhookError(
  status: number,
  code: WebhookCode,
  params: Readonly<Record<string, unknown>> = {},
  path = "",
): HttpError {
  return new HttpError(status, code, renderMessage(webhookMessages[code], params), path);
}
