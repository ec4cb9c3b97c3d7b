import type { FastifyInstance, FastifyReply } from "fastify";
import type { ServerContext } from "../http/context.js";
import { httpError } from "../http/errors.js";
import { sessionUserSchema, toSessionUser } from "../users/userJson.js";
import { actorOf, auditPlatform } from "./audit.js";
import { authError } from "./messages.js";
import { dummyPasswordHash, verifyPassword } from "./passwords.js";
import { requireUser } from "./principal.js";
import type { LoginLimiter } from "./rateLimit.js";
import { randomSecret, SESSION_COOKIE, SESSION_TTL_MS, sha256 } from "./secrets.js";

interface LoginBody {
  readonly username: string;
  readonly password: string;
}

const loginSchema = {
  body: {
    type: "object",
    properties: {
      username: { type: "string", minLength: 1, maxLength: 64 },
      password: { type: "string", minLength: 1, maxLength: 1024 },
    },
    required: ["username", "password"],
    additionalProperties: false,
  },
  response: {
    200: {
      type: "object",
      properties: { user: sessionUserSchema, csrfToken: { type: "string" } },
      required: ["user", "csrfToken"],
      additionalProperties: false,
    },
  },
} as const;

const meSchema = {
  response: {
    200: {
      type: "object",
      properties: {
        user: sessionUserSchema,
        csrfToken: { type: "string" },
        via: { enum: ["session", "token"] },
        roles: {
          type: "array",
          items: {
            type: "object",
            properties: { appId: { type: "string" }, role: { type: "string" } },
            required: ["appId", "role"],
            additionalProperties: false,
          },
        },
      },
      required: ["user", "via", "roles"],
      additionalProperties: false,
    },
  },
} as const;

function cookieOptions(ctx: ServerContext) {
  return { httpOnly: true, sameSite: "lax", path: "/", secure: ctx.secureCookies } as const;
}

function rateLimited(reply: FastifyReply, seconds: number): never {
  void reply.header("Retry-After", String(seconds));
  throw httpError(429, "http.rateLimited", { seconds });
}

/** POST /api/auth/login, POST /api/auth/logout and GET /api/auth/me. */
export function sessionRoutes(app: FastifyInstance, ctx: ServerContext, limiter: LoginLimiter): void {
  app.post<{ Body: LoginBody }>("/api/auth/login", { schema: loginSchema }, async (request, reply) => {
    const { username, password } = request.body;
    const wait = limiter.retryAfter(username, request.ip);
    if (wait !== undefined) rateLimited(reply, wait);

    const user = await ctx.storage.read((tx) => tx.platform.userByName(username));
    // Unknown users and users without a password cost the same scrypt work as a wrong password.
    const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    const actor = actorOf(request);
    if (!user?.passwordHash || !matches) {
      limiter.failed(username, request.ip);
      await ctx.storage.write((tx) =>
        auditPlatform(ctx, tx, { ...actor, userId: user?.id ?? null }, "auth.loginFailed", { username }),
      );
      throw httpError(401, "http.badCredentials");
    }
    limiter.succeeded(username);
    // The password was right, so saying why sign-in fails leaks nothing an attacker could use.
    if (user.disabled) throw authError(401, "auth.userDisabled");

    const secret = randomSecret();
    const csrfToken = randomSecret();
    const now = ctx.clock.now();
    await ctx.storage.write(async (tx) => {
      await tx.platform.deleteExpiredSessions(now.toISOString());
      await tx.platform.insertSession({
        idHash: sha256(secret),
        userId: user.id,
        csrfToken,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
      });
      await auditPlatform(ctx, tx, { ...actor, userId: user.id }, "auth.login", { username: user.username });
    });
    void reply.setCookie(SESSION_COOKIE, secret, { ...cookieOptions(ctx), maxAge: SESSION_TTL_MS / 1000 });
    return { user: toSessionUser(user), csrfToken };
  });

  app.post("/api/auth/logout", async (request, reply) => {
    const secret = request.cookies[SESSION_COOKIE];
    const principal = request.principal;
    if (secret || principal?.via === "session") {
      await ctx.storage.write(async (tx) => {
        if (secret) await tx.platform.deleteSession(sha256(secret));
        if (principal?.via === "session") await auditPlatform(ctx, tx, actorOf(request), "auth.logout", {});
      });
    }
    void reply.clearCookie(SESSION_COOKIE, cookieOptions(ctx));
    return reply.status(204).send();
  });

  app.get("/api/auth/me", { schema: meSchema }, async (request) => {
    const principal = requireUser(request);
    const roles = await ctx.storage.read((tx) => tx.platform.allRoles(principal.user.id));
    return { user: toSessionUser(principal.user), csrfToken: principal.csrfToken, via: principal.via, roles };
  });
}
