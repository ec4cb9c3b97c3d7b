import type { FastifyRequest } from "fastify";
import type { Principal, ServerContext } from "../http/context.js";
import { httpError } from "../http/errors.js";
import { authError } from "./messages.js";
import { SESSION_COOKIE, safeEqual, sha256, TOKEN_PREFIX } from "./secrets.js";

/** Methods that change state and therefore need a CSRF token when the caller uses a cookie. */
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Recording every use of a token would turn reads into writes; once a minute is enough to see activity. */
const TOUCH_INTERVAL_MS = 60_000;
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

async function fromToken(ctx: ServerContext, header: string): Promise<Principal> {
  const token = BEARER.exec(header)?.[1];
  if (token === undefined || !token.startsWith(TOKEN_PREFIX) || token.length > 200)
    throw authError(401, "auth.tokenInvalid");
  const tokenHash = sha256(token);
  const found = await ctx.storage.read(async (tx) => {
    const row = await tx.platform.tokenByHash(tokenHash);
    return row ? { row, user: await tx.platform.userById(row.userId) } : undefined;
  });
  if (!found?.user) throw authError(401, "auth.tokenInvalid");
  if (found.row.revokedAt !== null) throw authError(401, "auth.tokenRevoked", { revokedAt: found.row.revokedAt });
  if (found.user.disabled) throw authError(401, "auth.userDisabled");
  const now = ctx.clock.now();
  const lastUsed = found.row.lastUsedAt === null ? 0 : Date.parse(found.row.lastUsedAt);
  if (now.getTime() - lastUsed >= TOUCH_INTERVAL_MS) {
    const id = found.row.id;
    await ctx.storage.write((tx) => tx.platform.touchToken(id, now.toISOString()));
  }
  return { user: found.user, via: "token" };
}

async function fromSession(ctx: ServerContext, secret: string): Promise<Principal | undefined> {
  const idHash = sha256(secret);
  const found = await ctx.storage.read(async (tx) => {
    const session = await tx.platform.session(idHash);
    return session ? { session, user: await tx.platform.userById(session.userId) } : undefined;
  });
  // An unknown or expired cookie is simply no sign-in: public endpoints keep working.
  if (!found?.user || Date.parse(found.session.expiresAt) <= ctx.clock.now().getTime()) return undefined;
  if (found.user.disabled) throw authError(401, "auth.userDisabled");
  return { user: found.user, via: "session", csrfToken: found.session.csrfToken };
}

/**
 * Who is calling: an `Authorization: Bearer plt_…` token wins over the session cookie.
 * Undefined when the request carries neither (or only a stale cookie).
 */
export async function resolvePrincipal(ctx: ServerContext, request: FastifyRequest): Promise<Principal | undefined> {
  const header = request.headers.authorization;
  if (header !== undefined) return fromToken(ctx, header);
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? fromSession(ctx, cookie) : undefined;
}

/**
 * Cookie-authenticated unsafe requests must echo the session's CSRF token in `X-CSRF-Token`;
 * token-authenticated and anonymous requests need none (a browser never sends a token by itself).
 */
export function assertCsrf(request: FastifyRequest, principal: Principal | undefined): void {
  if (principal?.via !== "session" || !UNSAFE_METHODS.has(request.method)) return;
  const sent = request.headers["x-csrf-token"];
  if (typeof sent !== "string" || principal.csrfToken === undefined || !safeEqual(sent, principal.csrfToken)) {
    throw httpError(403, "http.csrf");
  }
}

/** The signed-in caller, or a 401 `http.unauthenticated`. */
export function requireUser(request: FastifyRequest): Principal {
  if (!request.principal) throw httpError(401, "http.unauthenticated");
  return request.principal;
}

/** The signed-in administrator: 401 when anonymous, 403 `http.forbidden` for other users. */
export function requireAdmin(request: FastifyRequest): Principal {
  const principal = requireUser(request);
  if (!principal.user.isAdmin)
    throw httpError(403, "http.forbidden", { action: "administer users", actionZh: "管理用户" });
  return principal;
}
