import {
  findNulCharacter,
  hasNulCharacter,
  type NulRefusal,
  nulCharacterIssues,
  nulRefusal,
  type RequestPart,
} from "@plinth/runtime";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { httpError, invalid } from "./errors.js";

/**
 * A route whose JSON body is a record says so in its config (`recordBody`): it answers the core's
 * field issue (422 `record.nulCharacter`, as the data sources do) rather than the generic 400. The
 * check still runs here, before the route: a write reads related records (formula paths) with the
 * values sent before the core validates them, and PostgreSQL fails on U+0000 there.
 */
export const recordBody = { recordBody: true } as const;

function refused(part: RequestPart, at?: string) {
  const refusal: NulRefusal = nulRefusal(part, at);
  return httpError(400, "http.nulCharacter", refusal.params, { path: refusal.path, details: { in: refusal.part } });
}

/** The first query parameter holding U+0000 in its name or value, if any. */
function queryParameterWithNul(query: unknown): string | undefined {
  if (query === null || typeof query !== "object") return undefined;
  for (const [name, value] of Object.entries(query)) {
    if (hasNulCharacter(name) || findNulCharacter(value) !== undefined) return name;
  }
  return undefined;
}

function refuseAddress(request: FastifyRequest): void {
  const [path = "", search = ""] = request.url.split(/\?(.*)/s);
  // %00 is the only escape that decodes to U+0000; a raw NUL never passes Node's parser, but may come through inject().
  const holds = (text: string) => text.includes("%00") || hasNulCharacter(text);
  if (holds(path)) throw refused("path");
  if (holds(search)) throw refused("query", queryParameterWithNul(request.query) ?? "");
  // Every request passes here: plain string checks, no walk.
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string" ? hasNulCharacter(value) : value?.some(hasNulCharacter))
      throw refused("header", name);
  }
}

function refuseBody(request: FastifyRequest): void {
  const body = request.body;
  // Streams (uploads, CSV imports) are not JSON: their content is checked where it is read.
  if (typeof body !== "string" && (body === null || typeof body !== "object")) return;
  const pointer = findNulCharacter(body);
  if (pointer === undefined) return;
  const config = request.routeOptions.config as { recordBody?: boolean } | undefined;
  if (config?.recordBody === true && !Array.isArray(body)) {
    throw invalid(nulCharacterIssues(body as Record<string, unknown>));
  }
  throw refused("body", pointer);
}

/**
 * Refuse U+0000 (NUL) anywhere in a request: the URL path, the query string, the headers
 * (onRequest, before sign-in is checked) and the JSON body, values and member names alike
 * (preValidation, once parsed). PostgreSQL cannot store U+0000 in text, and SQLite must
 * answer the same, so the request is answered 400 `http.nulCharacter` with the pointer of
 * the first offending string in `path` and where it was (`details.in`), before any route
 * reads the database. Record writes get the core's 422 `record.nulCharacter` per property.
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => refuseAddress(request));
  app.addHook("preValidation", async (request) => refuseBody(request));
}
