import type { FastifyInstance } from "fastify";
import { actorOf } from "../auth/audit.js";
import { requireAdmin } from "../auth/principal.js";
import type { ServerContext } from "../http/context.js";
import { httpError } from "../http/errors.js";
import { createUserSchema, listUsersSchema, setRolesSchema, updateUserSchema } from "./schemas.js";
import { assertAttributeKeys, createUser, type NewUser, setUserRoles, type UserPatch, updateUser } from "./service.js";
import { toUserJson } from "./userJson.js";

/** Checked before the body is parsed, so anonymous callers and non-admins never reach validation. */
async function adminOnly(request: Parameters<typeof requireAdmin>[0]): Promise<void> {
  requireAdmin(request);
}

/**
 * Before the body schema: an attribute name that is no identifier is `users.badAttributeKey` at
 * its path, in both languages, rather than the schema validator's English text.
 */
async function attributeKeys(request: { body?: unknown }): Promise<void> {
  const body = request.body;
  if (body !== null && typeof body === "object") assertAttributeKeys((body as { attributes?: unknown }).attributes);
}

/**
 * User administration for administrators: list and create users, change them (name,
 * password, admin flag, attributes, disabled) and assign their roles per app. Every write
 * is audited in the same transaction; no response carries a password hash.
 * Register after {@link registerAuth} so `request.principal` is set.
 */
export async function registerUsers(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook("onRequest", adminOnly);

    scope.get<{ Querystring: { app?: string } }>("/api/users", { schema: listUsersSchema }, async (request) => {
      const appId = request.query.app;
      return ctx.storage.read(async (tx) => {
        const users = await tx.platform.listUsers();
        if (appId === undefined) return { users: users.map(toUserJson) };
        // The People screen shows each user's roles in one app: one query, not one per user.
        if (!(await tx.platform.app(appId)))
          throw httpError(404, "http.notFound", { what: "app", whatZh: "应用", id: appId });
        const held = new Map((await tx.platform.usersInApp(appId)).map((m) => [m.user.id, m.roles]));
        return { users: users.map((u) => ({ ...toUserJson(u), roles: [...(held.get(u.id) ?? [])].sort() })) };
      });
    });

    scope.post<{ Body: NewUser }>(
      "/api/users",
      { schema: createUserSchema, preValidation: attributeKeys },
      async (request, reply) => {
        const user = await createUser(ctx, request.body, actorOf(request));
        return reply.status(201).send(user);
      },
    );

    scope.patch<{ Params: { id: string }; Body: UserPatch }>(
      "/api/users/:id",
      { schema: updateUserSchema, preValidation: attributeKeys },
      async (request) => updateUser(ctx, request.params.id, request.body, actorOf(request)),
    );

    scope.put<{ Params: { id: string; app: string }; Body: { roles: string[] } }>(
      "/api/users/:id/roles/:app",
      { schema: setRolesSchema },
      async (request) => {
        const { id, app: appId } = request.params;
        return { roles: await setUserRoles(ctx, id, appId, request.body.roles, actorOf(request)) };
      },
    );
  });
}
