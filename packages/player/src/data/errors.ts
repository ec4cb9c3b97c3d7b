import { isDataSourceError, type Locale } from "@plinth/runtime";

/** The server's error shape: `{ error: { code, message, path, details: { messages } } }`. */
interface ErrorBody {
  readonly error?: {
    readonly code?: string;
    readonly message?: string;
    readonly path?: string;
    readonly details?: { readonly messages?: Partial<Record<Locale, string>> };
  };
}

/** An answer from the server that was not a success, with its message in both languages when the server sent them. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly path: string;
  readonly messages: Partial<Record<Locale, string>>;

  constructor(status: number, code: string, messages: Partial<Record<Locale, string>>, path = "") {
    super(messages.en ?? messages["zh-CN"] ?? code);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.path = path;
    this.messages = messages;
  }

  /** The message in `locale`, falling back to the other language, then to the code. */
  text(locale: Locale): string {
    return this.messages[locale] ?? this.messages[locale === "en" ? "zh-CN" : "en"] ?? this.code;
  }
}

/** Build an ApiError from a failed response's status and (possibly non-JSON) body text. */
export function apiErrorFrom(status: number, bodyText: string): ApiError {
  let body: ErrorBody = {};
  try {
    body = JSON.parse(bodyText) as ErrorBody;
  } catch {
    // not JSON (a proxy, a crash page): keep the status only
  }
  const error = body.error;
  const messages: Partial<Record<Locale, string>> = { ...(error?.details?.messages ?? {}) };
  if (!messages.en && !messages["zh-CN"] && error?.message) messages.en = error.message;
  if (!messages.en && !messages["zh-CN"]) {
    messages.en = `The server answered ${status}.`;
    messages["zh-CN"] = `服务器返回 ${status}。`;
  }
  return new ApiError(status, error?.code ?? `http.${status}`, messages, error?.path ?? "");
}

/** The HTTP status of an error from the platform API or a data source (0 for network failures). */
export function errorStatus(error: unknown): number | undefined {
  if (error instanceof ApiError || isDataSourceError(error)) return error.status;
  return undefined;
}

/** Any thrown value as text in `locale`: the server's message in that language when there is one. */
export function errorText(error: unknown, locale: Locale): string {
  if (error instanceof ApiError) return error.text(locale);
  if (isDataSourceError(error)) return error.messages[locale] ?? error.messages.en ?? error.code;
  if (error instanceof Error) return error.message;
  return String(error);
}
