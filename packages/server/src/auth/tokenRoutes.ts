import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../http/context.js";
import { httpError } from "../http/errors.js";
import { actorOf, auditPlatform } from "./audit.js";
import { requireUser } from "./principal.js";
import { randomSecret, sha256, TOKEN_PREFIX } from "./secrets.js";

interface CreateTokenBody {
  readonly name: string;
}

const tokenJson = {
  type: "object",
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    createdAt: { type: "string" },
    lastUsedAt: { type: ["string", "null"] },
    revokedAt: { type: ["string", "null"] },
  },
  required: ["id", "name", "createdAt", "lastUsedAt", "revokedAt"],
  additionalProperties: false,
} as const;

const listSchema = {
  response: {
    200: {
      type: "object",
      properties: { tokens: { type: "array", items: tokenJson } },
      required: ["tokens"],
      additionalProperties: false,
    },
  },
} as const;

const createSchema = {
  body: {
    type: "object",
    properties: { name: { type: "string", minLength: 1, maxLength: 100 } },
    required: ["name"],
    additionalProperties: false,
  },
  response: {
    201: {
      type: "object",
      properties: { id: { type: "string" }, name: { type: "string" }, token: { type: "string" } },
      required: ["id", "name", "token"],
      additionalProperties: false,
    },
  },
} as const;

const revokeSchema = {
  params: {
    type: "object",
    properties: { id: { type: "string", minLength: 1, maxLength: 64 } },
    required: ["id"],
  },
} as const;

/** Personal API tokens: list mine, create one (its secret is shown once), revoke one. */
export function tokenRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get("/api/auth/tokens", { schema: listSchema }, async (request) => {
    const { user } = requireUser(request);
    const rows = await ctx.storage.read((tx) => tx.platform.tokensOf(user.id));
    const tokens = rows.map(({ id, name, createdAt, lastUsedAt, revokedAt }) => ({
      id,
      name,
      createdAt,
      lastUsedAt,
      revokedAt,
    }));
    return { tokens };
  });

  app.post<{ Body: CreateTokenBody }>("/api/auth/tokens", { schema: createSchema }, async (request, reply) => {
    const { user } = requireUser(request);
    const id = ctx.newId();
    const token = `${TOKEN_PREFIX}${id}_${randomSecret()}`;
    const { name } = request.body;
    await ctx.storage.write(async (tx) => {
      await tx.platform.insertToken({
        id,
        userId: user.id,
        name,
        tokenHash: sha256(token),
        createdAt: ctx.clock.now().toISOString(),
        lastUsedAt: null,
        revokedAt: null,
      });
      await auditPlatform(ctx, tx, actorOf(request), "auth.tokenCreated", { tokenId: id, name });
    });
    return reply.status(201).send({ id, name, token });
  });

  app.delete<{ Params: { id: string } }>("/api/auth/tokens/:id", { schema: revokeSchema }, async (request, reply) => {
    const { user } = requireUser(request);
    const { id } = request.params;
    const revoked = await ctx.storage.write(async (tx) => {
      const done = await tx.platform.revokeToken(id, user.id, ctx.clock.now().toISOString());
      if (done) await auditPlatform(ctx, tx, actorOf(request), "auth.tokenRevoked", { tokenId: id });
      return done;
    });
    if (!revoked) throw httpError(404, "http.notFound", { what: "API token", whatZh: "API 令牌", id });
    return reply.status(204).send();
  });
}
