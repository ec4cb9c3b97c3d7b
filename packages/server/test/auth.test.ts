import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { ensureAdmin } from "../src/auth/bootstrap.js";
import { generatePassword, hashPassword, verifyPassword } from "../src/auth/passwords.js";
import { registerAuth } from "../src/auth/plugin.js";
import { createHttp } from "../src/http/server.js";
import { registerUsers } from "../src/users/plugin.js";
import { createUser } from "../src/users/service.js";
import { testClock, testContext } from "./support/context.js";

const system = { userId: null, requestId: null };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup() {
  const clock = testClock();
  const ctx = testContext({ clock });
  const app = createHttp(ctx);
  await registerAuth(app, ctx);
  await registerUsers(app, ctx);
  await app.ready();
  cleanups.push(async () => {
    await app.close();
    await ctx.cleanup();
  });
  const alice = await createUser(ctx, { username: "alice", displayName: "Alice", password: "alice-secret-1" }, system);
  return { ctx, app, clock, alice };
}

interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

async function login(app: FastifyInstance, username = "alice", password = "alice-secret-1"): Promise<Session> {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === "plinth_session");
  return { cookie: `plinth_session=${cookie?.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  const body = res.json<{ error: Record<string, unknown> }>();
  expect(Object.keys(body.error).sort()).toEqual(["code", "details", "message", "path"]);
  expect(body.error.code).toBe(code);
  return body;
}

describe("passwords", () => {
  it("hashes with scrypt and verifies in constant time", async () => {
    const hash = await hashPassword("correct horse");
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("correct horse", hash)).toBe(true);
    expect(await verifyPassword("correct horsf", hash)).toBe(false);
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
    expect(await verifyPassword("x", "scrypt$99999999999$8$1$AAAA$AAAA")).toBe(false);
    expect(generatePassword()).toMatch(/^[\w-]{16}$/);
  });
});

describe("sessions", () => {
  it("logs in with a HttpOnly SameSite=Lax cookie, answers me, and logs out", async () => {
    const { app, alice } = await setup();
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "alice", password: "alice-secret-1" },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "plinth_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", maxAge: 43200 });
    expect(cookie?.secure).toBeUndefined();
    expect(cookie?.value).toMatch(/^[\w-]{43}$/);
    const body = res.json<{ user: unknown; csrfToken: string }>();
    expect(body.user).toEqual({
      id: alice.id,
      username: "alice",
      displayName: "Alice",
      isAdmin: false,
      attributes: {},
    });
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);

    const headers = { cookie: `plinth_session=${cookie?.value}` };
    const me = await app.inject({ method: "GET", url: "/api/auth/me", headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: body.user, csrfToken: body.csrfToken, via: "session", roles: [] });

    const noCsrf = await app.inject({ method: "POST", url: "/api/auth/logout", headers });
    expectError(noCsrf, 403, "http.csrf");
    const out = await app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { ...headers, "x-csrf-token": body.csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === "plinth_session")?.value).toBe("");
    expectError(await app.inject({ method: "GET", url: "/api/auth/me", headers }), 401, "http.unauthenticated");
  });

  it("stores only a hash of the session id and ignores expired sessions", async () => {
    const { app, ctx, clock } = await setup();
    const session = await login(app);
    const secret = session.cookie.split("=")[1] ?? "";
    expect(await ctx.storage.read((tx) => tx.platform.session(secret))).toBeUndefined();
    clock.advance(12 * 60 * 60 * 1000 + 1);
    const me = await app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: session.cookie } });
    expectError(me, 401, "http.unauthenticated");
  });

  it("sets Secure on the cookie behind HTTPS", async () => {
    const ctx = { ...testContext(), secureCookies: true };
    const app = createHttp(ctx);
    await registerAuth(app, ctx);
    await app.ready();
    cleanups.push(async () => {
      await app.close();
      await ctx.cleanup();
    });
    await createUser(ctx, { username: "bob", displayName: "Bob", password: "bob-secret-1" }, system);
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "bob", password: "bob-secret-1" },
    });
    expect(res.cookies[0]?.secure).toBe(true);
  });

  it("answers wrong password and unknown user with the same 401 body", async () => {
    const { app } = await setup();
    const wrong = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "alice", password: "nope-nope" },
    });
    const unknown = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "mallory", password: "nope-nope" },
    });
    expectError(wrong, 401, "http.badCredentials");
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.cookies).toEqual([]);
  });

  it("refuses a disabled user's session and sign-in", async () => {
    const { app, ctx, alice } = await setup();
    const session = await login(app);
    await ctx.storage.write((tx) => tx.platform.updateUser(alice.id, { disabled: true }));
    const me = await app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: session.cookie } });
    expectError(me, 401, "auth.userDisabled");
    const again = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "alice", password: "alice-secret-1" },
    });
    expectError(again, 401, "auth.userDisabled");
  });
});

describe("login rate limit", () => {
  const attempt = (app: FastifyInstance, password: string, username = "alice", ip = "127.0.0.1") =>
    app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password }, remoteAddress: ip });

  it("answers 429 with Retry-After after 5 failures for a user name, without checking the password", async () => {
    const { app, clock } = await setup();
    for (let i = 0; i < 5; i++) expectError(await attempt(app, `wrong-${i}`), 401, "http.badCredentials");
    clock.advance(60_000);
    const limited = await attempt(app, "alice-secret-1");
    const body = expectError(limited, 429, "http.rateLimited");
    expect(limited.headers["retry-after"]).toBe("840");
    expect(body.error.message).toContain("840");
    // Case does not dodge the counter, and another user is not affected.
    expect((await attempt(app, "alice-secret-1", "ALICE")).statusCode).toBe(429);
    expectError(await attempt(app, "wrong", "someone-else"), 401, "http.badCredentials");
    clock.advance(14 * 60_000);
    expect((await attempt(app, "alice-secret-1")).statusCode).toBe(200);
  });

  it("resets the user name's counter on success", async () => {
    const { app } = await setup();
    for (let i = 0; i < 4; i++) await attempt(app, "wrong");
    expect((await attempt(app, "alice-secret-1")).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(app, "wrong")).statusCode).toBe(401);
  });

  it("limits an address to 20 failures across user names", async () => {
    const { app } = await setup();
    for (let i = 0; i < 20; i++) expect((await attempt(app, "wrong", `user${i}`, "10.0.0.9")).statusCode).toBe(401);
    expectError(await attempt(app, "alice-secret-1", "alice", "10.0.0.9"), 429, "http.rateLimited");
    expect((await attempt(app, "alice-secret-1", "alice", "10.0.0.10")).statusCode).toBe(200);
  });
});

describe("CSRF", () => {
  it("requires X-CSRF-Token on unsafe methods with a cookie, and not with a bearer token", async () => {
    const { app } = await setup();
    const session = await login(app);
    const create = (headers: Record<string, string>) =>
      app.inject({ method: "POST", url: "/api/auth/tokens", headers, payload: { name: "ci" } });
    expectError(await create({ cookie: session.cookie }), 403, "http.csrf");
    expectError(await create({ cookie: session.cookie, "x-csrf-token": "forged" }), 403, "http.csrf");
    const made = await create({ cookie: session.cookie, "x-csrf-token": session.csrf });
    expect(made.statusCode).toBe(201);
    const { token } = made.json<{ token: string }>();
    expect((await create({ authorization: `Bearer ${token}` })).statusCode).toBe(201);
    // Safe methods need no token.
    expect(
      (await app.inject({ method: "GET", url: "/api/auth/tokens", headers: { cookie: session.cookie } })).statusCode,
    ).toBe(200);
  });
});

describe("API tokens", () => {
  it("creates, lists (without secrets), authenticates and revokes tokens", async () => {
    const { app, ctx, alice } = await setup();
    const session = await login(app);
    const headers = { cookie: session.cookie, "x-csrf-token": session.csrf };
    const made = await app.inject({ method: "POST", url: "/api/auth/tokens", headers, payload: { name: "laptop" } });
    expect(made.statusCode).toBe(201);
    const { id, name, token } = made.json<{ id: string; name: string; token: string }>();
    expect(name).toBe("laptop");
    expect(token.startsWith(`plt_${id}_`)).toBe(true);

    const stored = await ctx.storage.read((tx) => tx.platform.tokensOf(alice.id));
    expect(stored[0]?.tokenHash).not.toContain(token.slice(-20));

    const bearer = { authorization: `Bearer ${token}` };
    const me = await app.inject({ method: "GET", url: "/api/auth/me", headers: bearer });
    expect(me.json()).toMatchObject({ user: { id: alice.id }, via: "token" });
    expect(me.json()).not.toHaveProperty("csrfToken");

    const list = await app.inject({ method: "GET", url: "/api/auth/tokens", headers: bearer });
    expect(list.json()).toEqual({
      tokens: [{ id, name: "laptop", createdAt: expect.any(String), lastUsedAt: expect.any(String), revokedAt: null }],
    });
    expect(list.body).not.toContain(token.slice(-20));

    const revoke = await app.inject({ method: "DELETE", url: `/api/auth/tokens/${id}`, headers });
    expect(revoke.statusCode).toBe(204);
    expectError(await app.inject({ method: "GET", url: "/api/auth/me", headers: bearer }), 401, "auth.tokenRevoked");
    expectError(await app.inject({ method: "DELETE", url: `/api/auth/tokens/${id}`, headers }), 404, "http.notFound");
  });

  it("rejects unknown tokens and other schemes, and cannot revoke another user's token", async () => {
    const { app, ctx } = await setup();
    await createUser(ctx, { username: "bob", displayName: "Bob", password: "bob-secret-1" }, system);
    const bob = await login(app, "bob", "bob-secret-1");
    const made = await app.inject({
      method: "POST",
      url: "/api/auth/tokens",
      headers: { cookie: bob.cookie, "x-csrf-token": bob.csrf },
      payload: { name: "bob's" },
    });
    const { id } = made.json<{ id: string }>();
    const alice = await login(app);
    const steal = await app.inject({
      method: "DELETE",
      url: `/api/auth/tokens/${id}`,
      headers: { cookie: alice.cookie, "x-csrf-token": alice.csrf },
    });
    expectError(steal, 404, "http.notFound");
    for (const authorization of [
      "Bearer plt_nope_nope",
      "Basic YWxpY2U6eA==",
      "Bearer",
      `Bearer plt_${"x".repeat(5000)}`,
    ]) {
      expectError(
        await app.inject({ method: "GET", url: "/api/auth/me", headers: { authorization } }),
        401,
        "auth.tokenInvalid",
      );
    }
  });
});

describe("audit", () => {
  it("records login, failed login, logout and token events without secrets", async () => {
    const { app, ctx, alice } = await setup();
    await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "alice", password: "bad-guess-1" },
    });
    const session = await login(app);
    const headers = { cookie: session.cookie, "x-csrf-token": session.csrf };
    const made = await app.inject({ method: "POST", url: "/api/auth/tokens", headers, payload: { name: "ci" } });
    const { id, token } = made.json<{ id: string; token: string }>();
    await app.inject({ method: "DELETE", url: `/api/auth/tokens/${id}`, headers });
    await app.inject({ method: "POST", url: "/api/auth/logout", headers });

    // The audit query answers newest first.
    const rows = (await ctx.storage.read((tx) => tx.platform.audit({ userId: alice.id, limit: 100 }))).reverse();
    expect(rows.map((r) => r.action)).toEqual([
      "auth.loginFailed",
      "auth.login",
      "auth.tokenCreated",
      "auth.tokenRevoked",
      "auth.logout",
    ]);
    expect(rows[0]?.diff).toEqual({ username: "alice" });
    expect(rows[1]?.requestId).toMatch(/^[\w-]{36}$/);
    const text = JSON.stringify(rows);
    for (const secret of ["bad-guess-1", "alice-secret-1", token, session.csrf, session.cookie.split("=")[1]]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe("hostile input", () => {
  it("answers clean 4xx errors", async () => {
    const { app } = await setup();
    const post = (payload: string, contentType = "application/json") =>
      app.inject({ method: "POST", url: "/api/auth/login", payload, headers: { "content-type": contentType } });
    expectError(await post(JSON.stringify({ username: "a".repeat(10_240), password: "x" })), 400, "http.badRequest");
    expectError(
      await post(JSON.stringify({ username: "' OR 1=1 --", password: "' OR 1=1 --" })),
      401,
      "http.badCredentials",
    );
    expectError(await post("{not json"), 400, "http.malformedJson");
    expectError(await post("username=alice", "application/x-www-form-urlencoded"), 415, "http.unsupportedMediaType");
    expectError(await post(JSON.stringify(["alice"])), 400, "http.badRequest");
    expectError(await post(JSON.stringify({ username: "alice" })), 400, "http.badRequest");
    const garbage = await app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: "plinth_session=%%%; x=1" },
    });
    expectError(garbage, 401, "http.unauthenticated");
  });
});

describe("ensureAdmin", () => {
  it("creates admin once, with a given or generated password", async () => {
    const ctx = testContext();
    cleanups.push(() => ctx.cleanup());
    const first = await ensureAdmin(ctx, {});
    expect(first).toEqual({ created: true, username: "admin", password: expect.stringMatching(/^[\w-]{16}$/) });
    expect(await ensureAdmin(ctx, { password: "other-password" })).toEqual({ created: false, username: "admin" });
    const admin = await ctx.storage.read((tx) => tx.platform.userByName("admin"));
    expect(admin?.isAdmin).toBe(true);
    expect(await verifyPassword(first.password ?? "", admin?.passwordHash ?? "")).toBe(true);

    const other = testContext();
    cleanups.push(() => other.cleanup());
    expect(await ensureAdmin(other, { password: "from-env-pass" })).toEqual({ created: true, username: "admin" });
    const stored = await other.storage.read((tx) => tx.platform.userByName("admin"));
    expect(await verifyPassword("from-env-pass", stored?.passwordHash ?? "")).toBe(true);
  });
});
