import { defineMessages, renderMessage } from "../issues/catalogue.js";
import { httpMessages, workflowHostMessages } from "../issues/httpMessages.js";
import type { Issue, LocalizedMessage } from "../issues/issue.js";

/**
 * The messages a data source can produce on its own (the memory source, and the REST source when
 * the network fails): the HTTP API's own catalogue (shared with the server, so both answer with
 * the same codes and texts) plus two of its own.
 */
export const sourceMessages = defineMessages({
  ...httpMessages,
  ...workflowHostMessages,
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
