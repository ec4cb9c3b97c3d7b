import { apiErrorFrom } from "./errors.js";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpOptions {
  /** Where the API lives; "" for the same origin (the player is served by the server). */
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  /** The session's CSRF token, sent on unsafe methods. */
  readonly csrfToken?: () => string | undefined;
  /** Sent as Accept-Language so server messages come in the chosen language. */
  readonly locale?: () => string;
}

/** JSON over HTTP with the session cookie; throws ApiError on any non-2xx answer. */
export async function requestJson<T>(
  options: HttpOptions,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const locale = options.locale?.();
  if (locale) headers["accept-language"] = locale;
  if (body !== undefined) headers["content-type"] = "application/json";
  const csrf = options.csrfToken?.();
  if (method !== "GET" && csrf) headers["x-csrf-token"] = csrf;
  const response = await options.fetch(`${options.baseUrl}${path}`, {
    method,
    headers,
    credentials: "same-origin",
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw apiErrorFrom(response.status, text);
  return (text ? JSON.parse(text) : undefined) as T;
}
