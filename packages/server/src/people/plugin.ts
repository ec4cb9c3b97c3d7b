import type { FastifyInstance } from "fastify";
import type { PublishedApps } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import { httpError } from "../http/errors.js";
import { actorIn } from "../records/userContext.js";

const appId = { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_]{0,62}$" } as const;

interface PeopleQuery {
  readonly q?: string;
  readonly roles?: string;
  readonly ids?: string;
  readonly limit?: number;
}

/** The largest page of people (user pickers ask for a few; name lookups for the whole directory). */
export const PEOPLE_LIMIT = 500;

/**
 * `GET /api/apps/:app/people?q=&roles=&ids=&limit=` — the people user fields may name: users with a
 * role in the app (not disabled), as `{ id, name }` only (no user name, e-mail or attributes),
 * ordered by name. Any signed-in user with a role in the app may ask (administrators too).
 */
export async function registerPeople(app: FastifyInstance, ctx: ServerContext, apps: PublishedApps): Promise<void> {
  app.get<{ Params: { app: string }; Querystring: PeopleQuery }>(
    "/api/apps/:app/people",
    {
      schema: {
        params: { type: "object", properties: { app: appId }, required: ["app"] },
        querystring: {
          type: "object",
          properties: {
            q: { type: "string", maxLength: 100 },
            roles: {
              type: "string",
              maxLength: 1000,
              pattern: "^[A-Za-z][A-Za-z0-9_]{0,62}(,[A-Za-z][A-Za-z0-9_]{0,62})*$",
            },
            ids: { type: "string", maxLength: 6500, pattern: "^[A-Za-z0-9_-]{1,64}(,[A-Za-z0-9_-]{1,64}){0,99}$" },
            limit: { type: "integer", minimum: 1, maximum: PEOPLE_LIMIT, default: 20 },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) =>
      ctx.storage.read(async (tx) => {
        const published = await apps.get(tx, request.params.app);
        const actor = await actorIn(ctx, tx, request, published);
        if (!actor.isAdmin && actor.access.roles.length === 0) {
          throw httpError(403, "http.forbidden", {
            action: "see the people of this app",
            actionZh: "查看此应用的人员",
          });
        }
        const search = (request.query.q ?? "").trim().toLowerCase();
        const wanted = request.query.roles ? new Set(request.query.roles.split(",")) : undefined;
        const only = request.query.ids ? new Set(request.query.ids.split(",")) : undefined;
        const people = (await tx.platform.usersInApp(published.stored.id))
          .filter(({ user }) => !user.disabled && (!only || only.has(user.id)))
          .filter(({ roles }) => !wanted || [...published.policy.rolesOf(roles)].some((r) => wanted.has(r)))
          .map(({ user }) => ({ id: user.id, name: user.displayName || user.username }))
          .filter((p) => search === "" || p.name.toLowerCase().includes(search))
          .sort((a, b) => a.name.localeCompare(b.name))
          .slice(0, request.query.limit ?? 20);
        return { people };
      }),
  );
}
