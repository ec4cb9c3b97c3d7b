import { httpMessages, type Issue, type LocalizedMessage, renderMessage } from "@plinth/runtime";

/** The server's error codes (the catalogue lives in the runtime so data sources answer the same). */
export const serverMessages = httpMessages;

export type ServerCode = keyof typeof serverMessages & string;

/** An error that becomes `{"error": {code, message, path, details}}` with its HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: LocalizedMessage,
    readonly path = "",
    readonly details: Record<string, unknown> = {},
  ) {
    super(messages.en);
  }
}

/** Create an HttpError from the server catalogue. */
export function httpError(
  status: number,
  code: ServerCode,
  params: Readonly<Record<string, unknown>> = {},
  options: { path?: string; details?: Record<string, unknown> } = {},
): HttpError {
  return new HttpError(
    status,
    code,
    renderMessage(serverMessages[code], params),
    options.path ?? "",
    options.details ?? {},
  );
}

/** A 422 carrying core issues (validation of records or apps). */
export function invalid(issues: readonly Issue[], status = 422): HttpError {
  const errors = issues.filter((i) => i.severity === "error");
  const first = errors[0] ?? issues[0];
  return new HttpError(
    status,
    errors.length === 1 && first ? first.code : "http.invalid",
    errors.length === 1 && first
      ? first.message
      : renderMessage(serverMessages["http.invalid"], { count: errors.length }),
    errors.length === 1 && first ? first.path : "",
    { issues },
  );
}

/** The language a client asked for: zh-CN when it prefers Chinese, otherwise English. */
export function requestLocale(acceptLanguage: string | undefined): "en" | "zh-CN" {
  if (!acceptLanguage) return "en";
  const first = acceptLanguage.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("zh") ? "zh-CN" : "en";
}
