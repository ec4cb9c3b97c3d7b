import { apiErrorFromResponse, type Locale } from "@plinth/runtime";

/** An answer from the server that was not a success, with its message in both languages. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly path: string;
  readonly messages: Partial<Record<Locale, string>>;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    code: string,
    messages: Partial<Record<Locale, string>>,
    path = "",
    details: Readonly<Record<string, unknown>> = {},
  ) {
    super(messages.en ?? messages["zh-CN"] ?? code);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.path = path;
    this.messages = messages;
    this.details = details;
  }

  text(locale: Locale): string {
    return this.messages[locale] ?? this.messages[locale === "en" ? "zh-CN" : "en"] ?? this.code;
  }
}

/** A failed answer as an ApiError, read by the core's parser of the API's error body. */
export function apiErrorFrom(status: number, text: string): ApiError {
  const error = apiErrorFromResponse(status, text);
  return new ApiError(status, error.code, error.messages, error.path, error.details);
}

/** Any thrown value as text in `locale`. */
export function errorText(error: unknown, locale: Locale): string {
  if (error instanceof ApiError) return error.text(locale);
  if (error instanceof TypeError)
    return locale === "en"
      ? "The server cannot be reached. Check the connection; your edits are kept in this browser."
      : "无法连接服务器。请检查网络；您的修改已保存在此浏览器中。";
  return error instanceof Error ? error.message : String(error);
}

export interface Http {
  request<T>(
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T>;
  setCsrf(token: string | undefined): void;
}

export function createHttp(locale: () => Locale, fetcher: typeof fetch = fetch.bind(globalThis)): Http {
  let csrf: string | undefined;
  return {
    setCsrf(token) {
      csrf = token;
    },
    async request<T>(
      method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
      path: string,
      body?: unknown,
      extra: Record<string, string> = {},
    ): Promise<T> {
      const headers: Record<string, string> = { accept: "application/json", "accept-language": locale(), ...extra };
      if (body !== undefined) headers["content-type"] = "application/json";
      if (method !== "GET" && csrf) headers["x-csrf-token"] = csrf;
      const response = await fetcher(path, {
        method,
        headers,
        credentials: "same-origin",
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw apiErrorFrom(response.status, text);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}
