import { defineMessages, renderMessage } from "../issues/catalogue.js";
import type { Issue, LocalizedMessage } from "../issues/issue.js";

/**
 * The server's error messages a data source can produce on its own (the memory source, and the
 * REST source when the network fails). Codes and texts follow packages/server (http/errors.ts,
 * workflow/messages.ts); the core cannot import the server, so the few it needs live here.
 */
export const sourceMessages = defineMessages({
  "http.badRequest": { en: "The request is not valid: {reason}", "zh-CN": "请求无效：{reason}" },
  "http.notFound": {
    en: "There is no {what} '{id}'. Check the address.",
    "zh-CN": "不存在{whatZh}“{id}”。请检查地址。",
  },
  "http.forbidden": {
    en: "You may not {action} here. Ask an administrator for the role that allows it.",
    "zh-CN": "您无权在此{actionZh}。请向管理员申请相应角色。",
  },
  "http.fieldForbidden": {
    en: "You may not change '{field}': it is read-only for your role.",
    "zh-CN": "您不能修改“{field}”：该字段对您的角色只读。",
  },
  "http.conflict": {
    en: "The record was changed by someone else (now version {current}). Reload it, reapply your change and save again.",
    "zh-CN": "该记录已被他人修改（当前版本 {current}）。请重新加载、再次修改后保存。",
  },
  "http.exists": {
    en: "{what} '{id}' already exists. Choose another id.",
    "zh-CN": "{whatZh}“{id}”已存在。请换一个标识。",
  },
  "http.invalid": {
    en: "The data is not valid: {count} problem(s). See details.issues for each one.",
    "zh-CN": "数据无效：共 {count} 个问题。详见 details.issues。",
  },
  "http.idempotencyMismatch": {
    en: "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
    "zh-CN": "该 Idempotency-Key 已用于另一个不同的请求。新请求请使用新的键。",
  },
  "workflow.locked": {
    en: "The record is locked while its approval is pending. Only the current approvers may change {fields}; recall the request to edit it.",
    "zh-CN": "审批进行中，记录已锁定。只有当前审批人可以修改{fields}；如需编辑请先撤回申请。",
  },
  "workflow.unknownAction": {
    en: "'{action}' is not a transition or an approval action of this record. Available: {allowed}.",
    "zh-CN": "“{action}”不是该记录的流转或审批操作。可用操作：{allowed}。",
  },
  "workflow.ambiguous": {
    en: "This entity has several approval workflows; say which one in 'workflow': {allowed}.",
    "zh-CN": "该实体有多个审批流程；请在 “workflow” 中指定：{allowed}。",
  },
  "source.network": {
    en: "The server could not be reached ({reason}). Check the connection and try again.",
    "zh-CN": "无法连接服务器（{reason}）。请检查网络后重试。",
  },
  "source.badResponse": {
    en: "The server answered {status} with a body that is not the API's JSON. Try again later.",
    "zh-CN": "服务器返回 {status}，但响应不是接口的 JSON。请稍后重试。",
  },
});

export type SourceCode = keyof typeof sourceMessages & string;

/**
 * Why a data-source call failed: the server's code, HTTP status and path (a JSON Pointer into
 * the record or request), messages in both languages, and the core's issues when there are
 * several (`record.*` for a 422). `details` carries the rest, e.g. `record` on a 409.
 * `status` is 0 when no HTTP answer came back.
 */
export class DataSourceError extends Error {
  override readonly name = "DataSourceError";
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: LocalizedMessage,
    readonly path = "",
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(messages.en);
  }

  /** The core issues behind the error (validation), when the server sent them. */
  get issues(): readonly Issue[] | undefined {
    const issues = this.details.issues;
    return Array.isArray(issues) ? (issues as Issue[]) : undefined;
  }
}

export function isDataSourceError(error: unknown): error is DataSourceError {
  return error instanceof DataSourceError;
}

/** A DataSourceError from {@link sourceMessages}. */
export function sourceError(
  status: number,
  code: SourceCode,
  params: Readonly<Record<string, unknown>> = {},
  options: { path?: string; details?: Record<string, unknown> } = {},
): DataSourceError {
  return new DataSourceError(
    status,
    code,
    renderMessage(sourceMessages[code], params),
    options.path ?? "",
    options.details ?? {},
  );
}

/** A 422 of core issues, shaped as the server shapes it: one error is its own code and path. */
export function invalidError(issues: readonly Issue[], status = 422): DataSourceError {
  const errors = issues.filter((i) => i.severity === "error");
  const first = errors[0] ?? issues[0];
  if (errors.length === 1 && first)
    return new DataSourceError(status, first.code, first.message, first.path, { issues });
  return new DataSourceError(
    status,
    "http.invalid",
    renderMessage(sourceMessages["http.invalid"], { count: errors.length }),
    "",
    { issues },
  );
}

/** Server texts for the common cases, so both sources say the same thing. */
export const notFound = (what: string, whatZh: string, id: string) =>
  sourceError(404, "http.notFound", { what, whatZh, id });

export const forbidden = (action: string, actionZh: string, path = "") =>
  sourceError(403, "http.forbidden", { action, actionZh }, { path });
