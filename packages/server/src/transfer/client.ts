import type { LocalizedMessage } from "@plinth/runtime";

/** Where a running Plinth server is and how to act on it: its base URL and a personal API token. */
export interface RemoteServer {
  /** The server's base URL, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  /** An API token (`plt_…`, from POST /api/auth/tokens); sent as `Authorization: Bearer`. */
  readonly token: string;
}

/** A server's answer: status, and the JSON body (or the text when not JSON). */
export interface RemoteAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

/** A request the server refused, or a server that could not be reached: a code and a message in both languages. */
export class RemoteError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messages: LocalizedMessage,
    readonly what: string,
  ) {
    super(`${what}: ${messages.en}`);
  }
}

/** Send one request to the server with the token; throws {@link RemoteError} when it cannot be reached. */
export async function remoteRequest(
  server: RemoteServer,
  method: string,
  path: string,
  body?: { json: unknown } | { csv: string },
  extraHeaders: Readonly<Record<string, string>> = {},
): Promise<RemoteAnswer> {
  const url = new URL(path, server.url.endsWith("/") ? server.url : `${server.url}/`).toString();
  const headers: Record<string, string> = { ...extraHeaders, authorization: `Bearer ${server.token}` };
  let payload: string | undefined;
  if (body && "json" in body) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body.json);
  } else if (body && "csv" in body) {
    headers["content-type"] = "text/csv; charset=utf-8";
    payload = body.csv;
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new RemoteError(
      "transfer.unreachable",
      0,
      {
        en: `Cannot reach ${server.url} (${cause}). Check the URL and that the server is running.`,
        "zh-CN": `无法连接 ${server.url}（${cause}）。请检查地址，并确认服务器正在运行。`,
      },
      `${method} ${path}`,
    );
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    // not JSON (a CSV export): keep the text
  }
  return { status: res.status, body: parsed, text };
}

/** The error of a refused answer, with the server's own code and messages. */
export function refused(answer: RemoteAnswer, what: string): RemoteError {
  const error = (
    answer.body as
      | { error?: { code?: string; message?: string; details?: { messages?: LocalizedMessage } } }
      | undefined
  )?.error;
  const text = error?.message ?? (answer.text.slice(0, 200) || `HTTP ${answer.status}`);
  return new RemoteError(
    error?.code ?? `HTTP ${answer.status}`,
    answer.status,
    error?.details?.messages ?? { en: text, "zh-CN": text },
    what,
  );
}

/** Send a request and return its JSON body, or throw the refusal. */
export async function remoteJson<T>(
  server: RemoteServer,
  method: string,
  path: string,
  body?: { json: unknown } | { csv: string },
  ok: readonly number[] = [200, 201, 202],
): Promise<T> {
  const answer = await remoteRequest(server, method, path, body);
  if (!ok.includes(answer.status)) throw refused(answer, `${method} ${path}`);
  return answer.body as T;
}
