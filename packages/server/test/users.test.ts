import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { registerAuth } from "../src/auth/plugin.js";
import type { ServerContext } from "../src/http/context.js";
import { createHttp } from "../src/http/server.js";
import { registerUsers } from "../src/users/plugin.js";
import { createUser } from "../src/users/service.js";
import { testContext } from "./support/context.js";

const system = { userId: null, requestId: null };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

type Headers = Record<string, string>;

async function signIn(app: FastifyInstance, username: string, password: string): Promise<Headers> {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === "plinth_session");
  return { cookie: `plinth_session=${cookie?.value}`, "x-csrf-token": res.json<{ csrfToken: string }>().csrfToken };
}

async function setup() {
  const ctx = testContext();
  const app = createHttp(ctx);
  await registerAuth(app, ctx);
  await registerUsers(app, ctx);
  await app.ready();
  cleanups.push(async () => {
    await app.close();
    await ctx.cleanup();
  });
  const root = await createUser(
    ctx,
    { username: "root", displayName: "Root", password: "root-secret-1", isAdmin: true },
    system,
  );
  const alice = await createUser(ctx, { username: "alice", displayName: "Alice", password: "alice-secret-1" }, system);
  const admin = await signIn(app, "root", "root-secret-1");
  const user = await signIn(app, "alice", "alice-secret-1");
  return { ctx, app, root, alice, admin, user };
}

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json<{ error: Record<string, unknown> }>();
  expect(Object.keys(body.error).sort()).toEqual(["code", "details", "message", "path"]);
  expect(body.error.code).toBe(code);
  return body;
}

async function insertApp(ctx: ServerContext, id: string, roles: string[]) {
  const at = "2026-06-01T09:00:00.000Z";
  await ctx.storage.write((tx) =>
    tx.platform.insertApp({
      id,
      draft: { schemaVersion: 1, id, version: "1.0.0", roles: roles.map((role) => ({ id: role })) },
      draftRevision: 1,
      publishedVersion: null,
      createdAt: at,
      updatedAt: at,
    }),
  );
}

describe("users: access", () => {
  it("is for administrators only: 401 anonymous, 403 for a normal user", async () => {
    const { app, user } = await setup();
    expectError(await app.inject({ method: "GET", url: "/api/users" }), 401, "http.unauthenticated");
    const forbidden = expectError(
      await app.inject({ method: "GET", url: "/api/users", headers: user }),
      403,
      "http.forbidden",
    );
    expect(forbidden.error.message).toContain("administer users");
    const post = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: user,
      payload: { username: "eve", displayName: "Eve", password: "eve-secret-1", isAdmin: true },
    });
    expectError(post, 403, "http.forbidden");
    // Anonymous callers are turned away before their body is even parsed.
    const anon = await app.inject({
      method: "POST",
      url: "/api/users",
      payload: "{bad",
      headers: { "content-type": "application/json" },
    });
    expectError(anon, 401, "http.unauthenticated");
  });
});

describe("users: create, update, roles", () => {
  it("creates users (201) and refuses a duplicate name (409), case-insensitively", async () => {
    const { app, admin, root } = await setup();
    const payload = {
      username: "bob@example.com",
      displayName: "Bob",
      password: "bob-secret-1",
      attributes: { region: "EU", team: "sales", manager: root.id, level: 3, remote: true },
    };
    const res = await app.inject({ method: "POST", url: "/api/users", headers: admin, payload });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(String),
      username: "bob@example.com",
      displayName: "Bob",
      isAdmin: false,
      disabled: false,
      attributes: payload.attributes,
      createdAt: expect.any(String),
    });
    const dup = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin,
      payload: { ...payload, username: "BOB@example.com" },
    });
    expectError(dup, 409, "http.exists");
    const list = await app.inject({ method: "GET", url: "/api/users", headers: admin });
    expect(list.json<{ users: Array<{ username: string }> }>().users.map((u) => u.username)).toEqual([
      "alice",
      "bob@example.com",
      "root",
    ]);
    expect((await signIn(app, "bob@example.com", "bob-secret-1")).cookie).toMatch(/^plinth_session=/);
  });

  it("validates the body: name pattern, password length, attribute values, manager", async () => {
    const { app, admin } = await setup();
    const post = (payload: unknown) =>
      app.inject({ method: "POST", url: "/api/users", headers: admin, payload: payload as object });
    const base = { username: "carol", displayName: "Carol", password: "carol-secret" };
    expectError(await post({ ...base, username: "' OR 1=1 --" }), 400, "http.badRequest");
    expectError(await post({ ...base, username: "x".repeat(10_240) }), 400, "http.badRequest");
    expectError(await post({ ...base, password: "short" }), 400, "http.badRequest");
    const nested = expectError(
      await post({ ...base, attributes: { nested: { a: 1 } } }),
      400,
      "users.badAttributeValue",
    );
    expect(nested.error.path).toBe("/attributes/nested");
    expectError(await post({ ...base, attributes: { list: [1] } }), 400, "users.badAttributeValue");
    expectError(await post({ ...base, attributes: { note: "x".repeat(1001) } }), 400, "users.badAttributeValue");
    const key = expectError(await post({ ...base, attributes: { "bad key": 1 } }), 400, "users.badAttributeKey");
    expect(key.error.path).toBe("/attributes/bad key");
    const manager = expectError(
      await post({ ...base, attributes: { manager: "nobody" } }),
      422,
      "users.unknownManager",
    );
    expect(manager.error.path).toBe("/attributes/manager");
    const wrongType = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: { ...admin, "content-type": "application/x-www-form-urlencoded" },
      payload: "username=carol",
    });
    expectError(wrongType, 415, "http.unsupportedMediaType");
    const text = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: { ...admin, "content-type": "text/plain" },
      payload: "username=carol",
    });
    expectError(text, 415, "http.unsupportedMediaType");
    const notJson = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: { ...admin, "content-type": "application/json" },
      payload: "{not json",
    });
    expectError(notJson, 400, "http.malformedJson");
    expect((await post(base)).statusCode).toBe(201);
  });

  it("refuses an attribute name that is no identifier with its code, path and a message in both languages", async () => {
    const { app, admin, alice } = await setup();
    const patch = (attributes: Record<string, unknown>, lang = "en") =>
      app.inject({
        method: "PATCH",
        url: `/api/users/${alice.id}`,
        headers: { ...admin, "accept-language": lang },
        payload: { attributes },
      });
    for (const [name, pointer] of [
      ["bad key!", "/attributes/bad key!"],
      ["1abc", "/attributes/1abc"],
      ["a/b~c", "/attributes/a~1b~0c"],
    ] as const) {
      const body = expectError(await patch({ region: "east", [name]: "x" }), 400, "users.badAttributeKey");
      expect(body.error.path).toBe(pointer);
      const messages = (body.error.details as { messages: Record<string, string> }).messages;
      expect(messages.en).toContain(`'${name}' cannot name an attribute`);
      expect(messages.en).toContain("Start with a letter");
      expect(messages["zh-CN"]).toContain(`“${name}”不能用作属性名`);
      expect(body.error.message).toBe(messages.en);
    }
    const zh = expectError(await patch({ "1abc": 1 }, "zh-CN"), 400, "users.badAttributeKey");
    expect(zh.error.message).toContain("请以字母开头");
    // A hostile name is quoted cut short; nothing was saved.
    const long = expectError(await patch({ [`9${"k".repeat(5000)}`]: 1 }), 400, "users.badAttributeKey");
    expect(String(long.error.message).length).toBeLessThan(400);
    const after = await app.inject({ method: "GET", url: "/api/users", headers: admin });
    const stored = after
      .json<{ users: Array<{ id: string; attributes: object }> }>()
      .users.find((u) => u.id === alice.id);
    expect(stored?.attributes).toEqual({});
  });

  it("updates a user, records a diff without the password, and the new password works", async () => {
    const { app, ctx, admin, alice, root } = await setup();
    const res = await app.inject({
      method: "PATCH",
      url: `/api/users/${alice.id}`,
      headers: admin,
      payload: { displayName: "Alice Liddell", password: "new-alice-secret", attributes: { region: "APAC" } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: "Alice Liddell", attributes: { region: "APAC" } });
    await signIn(app, "alice", "new-alice-secret");

    const rows = await ctx.storage.read((tx) => tx.platform.audit({ userId: root.id, limit: 10 }));
    const update = rows.find((r) => r.action === "user.update");
    expect(update?.diff).toEqual({
      id: alice.id,
      displayName: { before: "Alice", after: "Alice Liddell" },
      attributes: { before: {}, after: { region: "APAC" } },
      passwordChanged: true,
    });
    expect(JSON.stringify(rows)).not.toContain("new-alice-secret");

    expectError(
      await app.inject({ method: "PATCH", url: "/api/users/nobody", headers: admin, payload: { disabled: true } }),
      404,
      "http.notFound",
    );
  });

  it("disabling a user ends their access; the last administrator cannot be demoted", async () => {
    const { app, admin, alice, root, user } = await setup();
    const off = await app.inject({
      method: "PATCH",
      url: `/api/users/${alice.id}`,
      headers: admin,
      payload: { disabled: true },
    });
    expect(off.json()).toMatchObject({ disabled: true });
    expectError(await app.inject({ method: "GET", url: "/api/auth/me", headers: user }), 401, "auth.userDisabled");
    const demote = await app.inject({
      method: "PATCH",
      url: `/api/users/${root.id}`,
      headers: admin,
      payload: { isAdmin: false },
    });
    expectError(demote, 409, "users.lastAdmin");
  });

  it("assigns roles per app, audited with before/after", async () => {
    const { app, ctx, admin, alice, user } = await setup();
    await insertApp(ctx, "sales", ["rep", "manager"]);
    const put = (roles: string[], app_ = "sales") =>
      app.inject({ method: "PUT", url: `/api/users/${alice.id}/roles/${app_}`, headers: admin, payload: { roles } });
    const res = await put(["rep", "manager", "rep"]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ roles: ["manager", "rep"] });
    expect((await put(["rep"])).json()).toEqual({ roles: ["rep"] });
    const me = await app.inject({ method: "GET", url: "/api/auth/me", headers: user });
    expect(me.json<{ roles: unknown }>().roles).toEqual([{ appId: "sales", role: "rep" }]);

    expectError(await put(["ghost"]), 422, "users.unknownRoles");
    expectError(await put(["rep"], "nosuchapp"), 404, "http.notFound");
    expectError(await put(["not a role!"]), 400, "http.badRequest");

    const rows = await ctx.storage.read((tx) => tx.platform.audit({ appId: "sales", limit: 10 }));
    expect(rows.map((r) => r.diff)).toEqual([
      { userId: alice.id, before: ["manager", "rep"], after: ["rep"] },
      { userId: alice.id, before: [], after: ["manager", "rep"] },
    ]);
    expect(rows.every((r) => r.action === "user.roles")).toBe(true);
  });

  it("lists each user's roles in one app with ?app=", async () => {
    const { app, ctx, admin, alice, root, user } = await setup();
    await insertApp(ctx, "sales", ["rep", "manager"]);
    await app.inject({
      method: "PUT",
      url: `/api/users/${alice.id}/roles/sales`,
      headers: admin,
      payload: { roles: ["rep", "manager"] },
    });
    const list = await app.inject({ method: "GET", url: "/api/users?app=sales", headers: admin });
    expect(list.statusCode, list.body).toBe(200);
    const users = list.json<{ users: Array<{ id: string; roles: string[] }> }>().users;
    expect(users.find((u) => u.id === alice.id)?.roles).toEqual(["manager", "rep"]);
    expect(users.find((u) => u.id === root.id)?.roles).toEqual([]);
    const plain = await app.inject({ method: "GET", url: "/api/users", headers: admin });
    expect(plain.json<{ users: Array<Record<string, unknown>> }>().users.every((u) => !("roles" in u))).toBe(true);
    expectError(
      await app.inject({ method: "GET", url: "/api/users?app=nosuchapp", headers: admin }),
      404,
      "http.notFound",
    );
    expectError(
      await app.inject({ method: "GET", url: "/api/users?app=not%20an%20id", headers: admin }),
      400,
      "http.badRequest",
    );
    expectError(await app.inject({ method: "GET", url: "/api/users?app=sales", headers: user }), 403, "http.forbidden");
  });
});

describe("users: secrets", () => {
  it("never returns a password hash, and audits creation without the password", async () => {
    const { app, ctx, admin, alice, user } = await setup();
    const bodies = [
      (await app.inject({ method: "GET", url: "/api/users", headers: admin })).body,
      (
        await app.inject({
          method: "POST",
          url: "/api/users",
          headers: admin,
          payload: { username: "dave", displayName: "Dave", password: "dave-secret-1" },
        })
      ).body,
      (await app.inject({ method: "PATCH", url: `/api/users/${alice.id}`, headers: admin, payload: { isAdmin: true } }))
        .body,
      (await app.inject({ method: "GET", url: "/api/auth/me", headers: user })).body,
      (
        await app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { username: "dave", password: "dave-secret-1" },
        })
      ).body,
    ];
    for (const body of bodies) {
      expect(body).not.toMatch(/scrypt\$|passwordHash|password_hash/);
    }
    const audit = JSON.stringify(await ctx.storage.read((tx) => tx.platform.audit({ limit: 100 })));
    expect(audit).toContain("user.create");
    expect(audit).not.toMatch(/dave-secret-1|scrypt\$/);
  });
});
