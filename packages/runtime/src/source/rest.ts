import { type FileDescriptor, normalizeContentType } from "../fields/attachmentFiles.js";
import type { App, Query } from "../schema/types.js";
import { DataSourceError, sourceError } from "./errors.js";
import type {
  ActionResult,
  ApprovalRequest,
  AvailableActions,
  DataSource,
  Inbox,
  ListPage,
  SourcePerson,
  SourceRecord,
  SourceUser,
  StageHistoryEntry,
} from "./types.js";

/** The part of a fetch Response the REST source reads (the core has no DOM types). */
export interface FetchResponse {
  readonly status: number;
  readonly ok: boolean;
  text(): Promise<string>;
  /** For downloads; `globalThis.fetch` responses have it. */
  arrayBuffer?(): Promise<ArrayBuffer>;
}

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  credentials: "include";
}

/** `fetch` as the REST source calls it; `globalThis.fetch` fits. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

/** A request whose body is a file (a browser Blob or bytes), reporting progress when it can. */
export interface SendInit {
  readonly method: "POST";
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly onProgress?: (loaded: number, total: number) => void;
}

/**
 * How uploads are sent. The default is `fetch` (no upload progress; one report at the end); a
 * browser host passes an XMLHttpRequest-based transport to show progress.
 */
export type SendLike = (url: string, init: SendInit) => Promise<FetchResponse>;

export interface RestSourceOptions {
  /** Where the server is, e.g. `""` (same origin) or `http://localhost:3000`. */
  readonly baseUrl: string;
  /** The app id. */
  readonly app: string;
  /** Default: `globalThis.fetch`. */
  readonly fetch?: FetchLike;
  /** The session's CSRF token (from login or GET /api/auth/me), sent on unsafe methods. */
  readonly csrfToken?: () => string | undefined;
  /** An API token, sent as `Authorization: Bearer`. */
  readonly token?: string;
  /** Language of the server's `message` (both languages always come in `details.messages`). */
  readonly locale?: "en" | "zh-CN";
  /** The transport of uploads (default: `fetch`, without progress). */
  readonly send?: SendLike;
}

interface ErrorBody {
  readonly error?: {
    readonly code?: unknown;
    readonly message?: unknown;
    readonly path?: unknown;
    readonly details?: Record<string, unknown>;
  };
}

const unsafe = new Set(["POST", "PATCH", "PUT", "DELETE"]);

/**
 * Turn the server's `{"error": {code, message, path, details}}` into a DataSourceError (any
 * client of the API: the REST source, the designer's platform calls).
 */
export function errorFrom(status: number, text: string): DataSourceError {
  let body: ErrorBody | undefined;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    body = undefined;
  }
  const error = body?.error;
  if (!error || typeof error.code !== "string") return sourceError(status, "source.badResponse", { status });
  const { messages, ...details } = error.details ?? {};
  const message = typeof error.message === "string" ? error.message : error.code;
  const both =
    messages && typeof messages === "object" && "en" in messages && "zh-CN" in messages
      ? (messages as { en: string; "zh-CN": string })
      : { en: message, "zh-CN": message };
  return new DataSourceError(status, error.code, both, typeof error.path === "string" ? error.path : "", details);
}

/**
 * The data source over the Plinth REST API: plain `fetch`, JSON bodies, cookies included,
 * `If-Match` for updates and deletes, `Idempotency-Key` for creates when given,
 * `X-CSRF-Token` on unsafe methods when known. Errors are the server's codes and paths.
 *
 * @example
 * const source = createRestSource({ baseUrl: "", app: "starter", csrfToken: () => session.csrfToken });
 * const { records, next } = await source.list("opportunity", { filter: "stage = 'won'", limit: 20 });
 */
export function createRestSource(options: RestSourceOptions): DataSource {
  const base = options.baseUrl.replace(/\/+$/, "");
  const app = encodeURIComponent(options.app);
  const doFetch: FetchLike | undefined = options.fetch ?? (globalThis as { fetch?: FetchLike }).fetch;

  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    if (!doFetch) throw sourceError(0, "source.network", { reason: "no fetch available" });
    const headers: Record<string, string> = {
      accept: "application/json",
      "accept-language": options.locale ?? "en",
      ...extraHeaders,
    };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const csrf = unsafe.has(method) ? options.csrfToken?.() : undefined;
    if (csrf) headers["x-csrf-token"] = csrf;
    let response: FetchResponse;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        credentials: "include",
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw sourceError(0, "source.network", { reason: error instanceof Error ? error.message : String(error) });
    }
    return answer<T>(response);
  }

  async function answer<T>(response: FetchResponse): Promise<T> {
    const text = await response.text();
    if (!response.ok) throw errorFrom(response.status, text);
    if (text === "") return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw sourceError(response.status, "source.badResponse", { status: response.status });
    }
  }

  function baseHeaders(method: string): Record<string, string> {
    const headers: Record<string, string> = { "accept-language": options.locale ?? "en" };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const csrf = unsafe.has(method) ? options.csrfToken?.() : undefined;
    if (csrf) headers["x-csrf-token"] = csrf;
    return headers;
  }

  const send: SendLike =
    options.send ??
    (async (url, init) => {
      if (!doFetch) throw sourceError(0, "source.network", { reason: "no fetch available" });
      const response = await doFetch(url, {
        method: init.method,
        headers: init.headers,
        credentials: "include",
        body: init.body as string,
      });
      return response;
    });

  const data = (entity: string, id?: string) =>
    `/api/apps/${app}/data/${encodeURIComponent(entity)}${id === undefined ? "" : `/${encodeURIComponent(id)}`}`;
  const fileRoute = (entity: string, id: string, field: string, fileId: string) =>
    `${data(entity, id)}/files/${encodeURIComponent(field)}/${encodeURIComponent(fileId)}`;

  return {
    async me() {
      const body = await call<{
        user: Omit<SourceUser, "roles">;
        roles: Array<{ appId: string; role: string }>;
      }>("GET", "/api/auth/me");
      return { ...body.user, roles: body.roles.filter((r) => r.appId === options.app).map((r) => r.role) };
    },
    async app() {
      return (await call<{ app: App }>("GET", `/api/apps/${app}`)).app;
    },
    list(entity, list = {}) {
      const params: string[] = [];
      const add = (key: string, value: string | number | undefined) => {
        if (value !== undefined && value !== "") params.push(`${key}=${encodeURIComponent(String(value))}`);
      };
      add("filter", list.filter);
      add("sort", list.sort?.map((s) => `${s.direction === "desc" ? "-" : ""}${s.field}`).join(","));
      add("limit", list.limit);
      add("cursor", list.cursor);
      add("fields", list.fields?.join(","));
      if (list.titles) add("titles", "true");
      return call<ListPage>("GET", `${data(entity)}${params.length > 0 ? `?${params.join("&")}` : ""}`);
    },
    get: (entity, id) => call<SourceRecord>("GET", data(entity, id)),
    create: (entity, values, create = {}) =>
      call<SourceRecord>(
        "POST",
        data(entity),
        values,
        create.idempotencyKey ? { "idempotency-key": create.idempotencyKey } : {},
      ),
    update: (entity, id, version, changes) =>
      call<SourceRecord>("PATCH", data(entity, id), changes, { "if-match": `"${version}"` }),
    async remove(entity, id, version) {
      await call<void>(
        "DELETE",
        data(entity, id),
        undefined,
        version === undefined ? {} : { "if-match": `"${version}"` },
      );
    },
    query: (query: Query) => call<{ rows: Array<Record<string, unknown>> }>("POST", `/api/apps/${app}/query`, query),
    action: (entity, id, action, body) =>
      call<ActionResult>("POST", `${data(entity, id)}/actions/${encodeURIComponent(action)}`, body ?? {}),
    actions: (entity, id) => call<AvailableActions>("GET", `${data(entity, id)}/actions`),
    async history(entity, id) {
      return (await call<{ history: StageHistoryEntry[] }>("GET", `${data(entity, id)}/history`)).history;
    },
    async approvals(entity, id) {
      return (await call<{ approvals: ApprovalRequest[] }>("GET", `${data(entity, id)}/approvals`)).approvals;
    },
    inbox: () => call<Inbox>("GET", `/api/apps/${app}/inbox`),
    async markRead(notificationId) {
      await call<void>("POST", `/api/apps/${app}/inbox/${encodeURIComponent(notificationId)}/read`);
    },
    async people(people = {}) {
      const params = new URLSearchParamsLite();
      params.add("q", people.search);
      params.add("roles", people.roles?.join(","));
      params.add("ids", people.ids?.join(","));
      params.add("limit", people.limit);
      return (await call<{ people: SourcePerson[] }>("GET", `/api/apps/${app}/people${params.query()}`)).people;
    },
    async upload(entity, field, file, upload = {}) {
      const url = `${base}/api/apps/${app}/files/${encodeURIComponent(entity)}/${encodeURIComponent(field)}?name=${encodeURIComponent(file.name)}`;
      const headers = {
        ...baseHeaders("POST"),
        accept: "application/json",
        "content-type": normalizeContentType(file.contentType),
      };
      let response: FetchResponse;
      try {
        response = await send(url, {
          method: "POST",
          headers,
          body: file.body,
          ...(upload.onProgress ? { onProgress: upload.onProgress } : {}),
        });
      } catch (error) {
        if (error instanceof DataSourceError) throw error;
        throw sourceError(0, "source.network", { reason: error instanceof Error ? error.message : String(error) });
      }
      const descriptor = await answer<FileDescriptor>(response);
      if (!options.send) upload.onProgress?.(file.size, file.size);
      return descriptor;
    },
    async download(entity, id, field, fileId) {
      if (!doFetch) throw sourceError(0, "source.network", { reason: "no fetch available" });
      let response: FetchResponse;
      try {
        response = await doFetch(`${base}${fileRoute(entity, id, field, fileId)}`, {
          method: "GET",
          headers: baseHeaders("GET"),
          credentials: "include",
        });
      } catch (error) {
        throw sourceError(0, "source.network", { reason: error instanceof Error ? error.message : String(error) });
      }
      if (!response.ok || !response.arrayBuffer) return answer<never>(response);
      return new Uint8Array(await response.arrayBuffer());
    },
    fileUrl: (entity, id, field, fileId) => `${base}${fileRoute(entity, id, field, fileId)}`,
  };
}

/** Query parameters without the DOM's URLSearchParams (the core has no DOM types); blanks are left out. */
class URLSearchParamsLite {
  private readonly parts: string[] = [];
  add(key: string, value: string | number | undefined): void {
    if (value !== undefined && value !== "") this.parts.push(`${key}=${encodeURIComponent(String(value))}`);
  }
  query(): string {
    return this.parts.length > 0 ? `?${this.parts.join("&")}` : "";
  }
}
