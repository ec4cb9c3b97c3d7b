import type { AccessUser, SqlEnv } from "@plinth/runtime";
import type { FastifyRequest } from "fastify";
import type { PublishedApp } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import { httpError } from "../http/errors.js";
import type { ReadTx, UserRow } from "../storage/types.js";

/** Who is acting on an app's records, as the access core and the formulas see them. */
export interface Actor {
  readonly id: string;
  readonly isAdmin: boolean;
  readonly access: AccessUser;
  readonly env: SqlEnv & { readonly today: string; readonly now: string };
}

/**
 * The signed-in user in one app: their roles there, their attributes as `$user.*`, and the
 * moment (`$today`, `$now`) from the server clock. Platform admins act with every permission.
 */
export async function actorIn(
  ctx: ServerContext,
  tx: ReadTx,
  request: FastifyRequest,
  published: PublishedApp,
): Promise<Actor> {
  const principal = request.principal;
  if (!principal) throw httpError(401, "http.unauthenticated");
  return actorOf(tx, principal.user, published, ctx.clock.now().toISOString());
}

/**
 * A user as they act in one app at a moment (`$today`, `$now`): their roles there and their
 * attributes as `$user.*`. The request path above and the demo's seed writer both use it.
 */
export async function actorOf(
  tx: ReadTx,
  user: Pick<UserRow, "id" | "isAdmin" | "attributes">,
  published: PublishedApp,
  now: string,
): Promise<Actor> {
  const roles = await tx.platform.rolesOf(user.id, published.stored.id);
  const attributes = user.attributes;
  const text = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? null : String(v));
  const access: AccessUser = {
    ...attributes,
    id: user.id,
    roles,
    region: text(attributes.region),
    team: text(attributes.team),
  };
  return {
    id: user.id,
    isAdmin: user.isAdmin,
    access,
    env: {
      today: now.slice(0, 10),
      now,
      user: { ...attributes, id: user.id, region: access.region, team: access.team, roles },
    },
  };
}
