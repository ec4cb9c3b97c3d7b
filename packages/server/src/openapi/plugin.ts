import type { App } from "@plinth/runtime";
import type { FastifyInstance } from "fastify";
import { appParamsSchema } from "../audit/schemas.js";
import type { ServerContext } from "../http/context.js";
import { httpError } from "../http/errors.js";
import { appOpenApi } from "./appDocument.js";
import { platformOpenApi } from "./platformDocument.js";
import type { OpenApiDocument } from "./types.js";

/** Loads an app's published schema; undefined when there is none. */
export type LoadPublishedApp = (appId: string) => Promise<App | undefined>;

/**
 * The OpenAPI feature: `GET /api/openapi.json` (the platform document, public) and
 * `GET /api/apps/:app/openapi.json` (generated from the app's published schema; signed-in
 * users holding a role in the app, or administrators — to everyone else the app does not
 * exist, as in `GET /api/apps/:app`). Documents are cached per published schema object.
 *
 * @example
 * registerOpenApi(app, ctx, (id) => published.schemaOf(id));
 */
export function registerOpenApi(app: FastifyInstance, ctx: ServerContext, loadApp: LoadPublishedApp): void {
  const platform = platformOpenApi();
  const perApp = new WeakMap<App, OpenApiDocument>();

  app.get("/api/openapi.json", async () => platform);

  app.get<{ Params: { app: string } }>(
    "/api/apps/:app/openapi.json",
    { schema: { params: appParamsSchema } },
    async (request) => {
      const appId = request.params.app;
      const notFound = () => httpError(404, "http.notFound", { what: "app", whatZh: "应用", id: appId });
      const principal = request.principal;
      if (principal === undefined) throw httpError(401, "http.unauthenticated");
      if (!principal.user.isAdmin) {
        const roles = await ctx.storage.read((tx) => tx.platform.rolesOf(principal.user.id, appId));
        if (roles.length === 0) throw notFound();
      }
      const schema = await loadApp(appId);
      if (schema === undefined) throw notFound();
      let document = perApp.get(schema);
      if (document === undefined) {
        document = appOpenApi(schema);
        perApp.set(schema, document);
      }
      return document;
    },
  );
}
