import { escapePointerToken, findNulCharacter, hasNulCharacter, nulCharacterIssues } from "@plinth/runtime";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { httpError, invalid } from "./errors.js";

/**
 * Routes whose JSON body is a record: they answer the core's field issue (422
 * `record.nulCharacter`, as validation and the data sources do) rather than the generic 400.
 * The check still runs here, before the route: a write reads related records (formula paths)
 * with the values sent before the core validates them, and PostgreSQL fails on U+0000 there.
 */
const RECORD_WRITES = new Set(["POST /api/apps/:app/data/:entity", "PATCH /api/apps/:app/data/:entity/:id"]);

/** A name or pointer as people can read it: U+0000 shown as ␀, at most 200 characters. */
const visible = (text: string) => {
  const shown = text.replaceAll("\u0000", "\u2400");
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
};

/** The part of the URL that names a query parameter holding U+0000 (name or value), if any. */
function queryNul(query: unknown): { name: string; pointer: string } | undefined {
  if (query === null || typeof query !== "object") return undefined;
  for (const [name, value] of Object.entries(query)) {
    if (hasNulCharacter(name) || findNulCharacter(value) !== undefined)
      return { name, pointer: `/${escapePointerToken(name)}` };
  }
  return undefined;
}

function refuseAddress(request: FastifyRequest): void {
  const [path = "", search = ""] = request.url.split(/\?(.*)/s);
  // %00 is the only escape that decodes to U+0000; a raw NUL never passes Node's parser, but may come through inject().
  const holds = (text: string) => text.includes("%00") || hasNulCharacter(text);
  if (holds(path)) {
    throw httpError(
      400,
      "http.nulCharacter",
      { where: "The address", whereZh: "请求地址" },
      { details: { in: "path" } },
    );
  }
  if (holds(search)) {
    const found = queryNul(request.query);
    throw httpError(
      400,
      "http.nulCharacter",
      found
        ? { where: `The query parameter '${visible(found.name)}'`, whereZh: `查询参数“${visible(found.name)}”` }
        : { where: "The query string", whereZh: "查询字符串" },
      { path: found?.pointer ?? "", details: { in: "query" } },
    );
  }
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && findNulCharacter(value) !== undefined) {
      throw httpError(
        400,
        "http.nulCharacter",
        { where: `The header '${name}'`, whereZh: `请求头“${name}”` },
        { details: { in: "header" } },
      );
    }
  }
}

function refuseBody(request: FastifyRequest): void {
  const body = request.body;
  // Streams (uploads, CSV imports) are not JSON: their content is checked where it is read.
  if (typeof body !== "string" && (body === null || typeof body !== "object")) return;
  const pointer = findNulCharacter(body);
  if (pointer === undefined) return;
  if (RECORD_WRITES.has(`${request.method} ${request.routeOptions.url}`) && !Array.isArray(body)) {
    throw invalid(nulCharacterIssues(body as Record<string, unknown>));
  }
  const where =
    pointer === ""
      ? { where: "The request body", whereZh: "请求体" }
      : { where: `The request body at ${visible(pointer)}`, whereZh: `请求体中 ${visible(pointer)} 处` };
  throw httpError(400, "http.nulCharacter", where, { path: pointer, details: { in: "body" } });
}

/**
 * Refuse U+0000 (NUL) anywhere in a request: the URL path, the query string, the headers
 * (onRequest, before sign-in is checked) and the JSON body, values and member names alike
 * (preValidation, once parsed). PostgreSQL cannot store U+0000 in text, and SQLite must
 * answer the same, so the request is answered 400 `http.nulCharacter` with the pointer of
 * the first offending string in `path` and where it was (`details.in`), before any route
 * reads the database. Record writes get the core's 422 `record.nulCharacter` per field instead.
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => refuseAddress(request));
  app.addHook("preValidation", async (request) => refuseBody(request));
}
