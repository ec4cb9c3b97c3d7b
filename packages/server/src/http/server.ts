import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from "fastify";
import type { ServerContext } from "./context.js";
import { HttpError, httpError, requestLocale } from "./errors.js";
import { registerNulGuard } from "./nulGuard.js";

export interface HttpOptions {
  /** Largest JSON body accepted (bytes). */
  readonly bodyLimit?: number;
  readonly logger?: boolean;
  /** Largest uploaded file of any attachment field (bytes; default 50 MB). */
  readonly maxUploadBytes?: number;
  /** The player's and the designer's build folders (default: packages/player/dist, packages/designer/dist). */
  readonly playerRoot?: string;
  readonly designerRoot?: string;
}

/** Turn any error into the API's error shape; never a stack trace. */
function errorBody(error: HttpError, locale: "en" | "zh-CN") {
  return {
    error: {
      code: error.code,
      message: error.messages[locale],
      path: error.path,
      details: { ...error.details, messages: error.messages },
    },
  };
}

function fromFastifyError(error: FastifyError, requestId: string, contentType: string | undefined): HttpError {
  if (error instanceof HttpError) return error;
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return httpError(415, "http.unsupportedMediaType", {
        type: (contentType ?? "none").split(";")[0],
        expected: "application/json",
      });
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return httpError(413, "http.tooLarge", { limit: "the limit" });
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return httpError(400, "http.malformedJson");
    default:
      break;
  }
  if (error.statusCode === 400 && error.message.includes("JSON")) return httpError(400, "http.malformedJson");
  if (error.validation) return httpError(400, "http.badRequest", { reason: error.message });
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return httpError(error.statusCode, "http.badRequest", { reason: error.message });
  }
  return httpError(500, "http.internal", { requestId });
}

/**
 * The Fastify instance with Plinth's cross-cutting behaviour: request ids, the error shape,
 * JSON only (with a body limit), and English or Chinese messages by Accept-Language.
 * Feature plugins (auth, apps, records, audit...) are registered by `createServer`.
 */
export function createHttp(_ctx: ServerContext, options: HttpOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    return503OnClosing: true,
    // The router's own refusals (a path parameter past maxParamLength, bad percent-encoding in
    // the address) are answered in the API's error shape too, not fastify's.
    frameworkErrors: (error, request, reply) => {
      const http =
        error.code === "FST_ERR_MAX_PARAM_LENGTH"
          ? httpError(414, "http.badRequest", { reason: "a part of the address is longer than 100 characters" })
          : error.code === "FST_ERR_BAD_URL"
            ? httpError(400, "http.badRequest", { reason: "the address is not valid percent-encoded UTF-8" })
            : fromFastifyError(error, request.id, request.headers["content-type"]);
      // The reply's types follow a route's schema; the router found no route, so it is a plain reply.
      const plain = reply as unknown as FastifyReply;
      void plain.status(http.status).send(errorBody(http, requestLocale(request.headers["accept-language"])));
    },
  });
  // A POST without a body (publish, workflow actions) is an empty object, not a schema error.
  app.addHook("preValidation", async (request) => {
    if (request.body === undefined && (request.method === "POST" || request.method === "PUT")) request.body = {};
  });
  // U+0000 in the address or the body: a clear 400 (422 for records) on both databases, never a 500.
  registerNulGuard(app);
  // JSON only: a text/plain body is refused (415) rather than parsed as a string.
  app.removeContentTypeParser("text/plain");
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const http = fromFastifyError(error, request.id, request.headers["content-type"]);
    if (http.status >= 500) request.log.error({ err: error }, "request failed");
    void reply.status(http.status).send(errorBody(http, requestLocale(request.headers["accept-language"])));
  });
  app.setNotFoundHandler((request, reply) => {
    const http = httpError(404, "http.routeNotFound", { method: request.method, url: request.url.split("?")[0] });
    void reply.status(404).send(errorBody(http, requestLocale(request.headers["accept-language"])));
  });
  return app;
}
