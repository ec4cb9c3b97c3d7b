import fastifyCookie from "@fastify/cookie";
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../http/context.js";
import { dummyPasswordHash } from "./passwords.js";
import { assertCsrf, resolvePrincipal } from "./principal.js";
import { createLoginLimiter, defaultLoginLimits, type LoginLimits } from "./rateLimit.js";
import { sessionRoutes } from "./sessionRoutes.js";
import { tokenRoutes } from "./tokenRoutes.js";

export { requireAdmin, requireUser } from "./principal.js";

/** Options of {@link registerAuth}; the defaults suit production. */
export interface AuthOptions {
  readonly loginLimits?: LoginLimits;
}

/** Sign-in needs no principal, and must work even when the browser still holds a stale cookie. */
const LOGIN_ROUTE = "/api/auth/login";

/**
 * Authentication for the whole server: parses cookies, sets `request.principal` from the
 * session cookie or a `Bearer plt_…` token on every request, enforces CSRF on cookie-authenticated
 * unsafe methods, and serves /api/auth/* (login, logout, me, tokens).
 *
 * Call it on the root instance before other feature plugins, so its hook covers their routes:
 * @example
 * const app = createHttp(ctx);
 * await registerAuth(app, ctx);
 * await registerUsers(app, ctx);
 */
export async function registerAuth(app: FastifyInstance, ctx: ServerContext, options: AuthOptions = {}): Promise<void> {
  await app.register(fastifyCookie);
  // Compute the decoy hash now, so the first sign-in for an unknown user is not measurably slower.
  await dummyPasswordHash();
  app.addHook("onRequest", async (request) => {
    if (request.method === "POST" && request.routeOptions.url === LOGIN_ROUTE) return;
    const principal = await resolvePrincipal(ctx, request);
    assertCsrf(request, principal);
    if (principal) request.principal = principal;
  });
  const limiter = createLoginLimiter(ctx.clock, options.loginLimits ?? defaultLoginLimits);
  sessionRoutes(app, ctx, limiter);
  tokenRoutes(app, ctx);
}
