import { systemFieldIds, type TablePage } from "@plinth/runtime";
import type { FastifyInstance } from "fastify";
import type { PublishedApp, PublishedApps } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import { httpError } from "../http/errors.js";
import { requireAccess } from "../records/access.js";
import { assertReadableFormula, compileFilter } from "../records/formulas.js";
import { type Actor, actorIn } from "../records/userContext.js";
import type { SavedViewRow } from "../storage/types.js";
import { viewError } from "./messages.js";
import { type CreateViewBody, createViewBody, replaceViewBody, VIEW_LIMITS, type ViewBody } from "./schemas.js";

const id = { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_]{0,62}$" } as const;
const viewId = { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } as const;

type AppRoute = { Params: { app: string } };
type ViewRoute = { Params: { app: string; id: string } };

/** A saved view as the API shows it (the owner and app are implied by the request). */
function present(row: SavedViewRow) {
  return {
    id: row.id,
    page: row.page,
    name: row.name,
    filter: row.filter,
    sort: row.sort,
    columns: row.columns,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The published app's table page `pageId`, or a 404. */
function tablePage(published: PublishedApp, pageId: string): TablePage {
  const page = published.stored.schema.pages?.find((p) => p.id === pageId);
  if (page?.kind !== "table") throw viewError(404, "views.unknownPage", { app: published.stored.id, page: pageId });
  return page;
}

/**
 * Check a view against the page and the user's permissions, as the list API would: columns and
 * sort keys are fields the user may read, the filter type-checks on the page's entity and reads
 * no hidden field. Returns the view with its name trimmed.
 */
function checkView(
  ctx: ServerContext,
  published: PublishedApp,
  actor: Actor,
  page: TablePage,
  body: ViewBody,
): ViewBody {
  const access = requireAccess(published, actor, page.entity, "read");
  const fields = published.stored.schema.entities?.find((e) => e.id === page.entity)?.fields ?? [];
  const readable = (field: string) =>
    !access.hiddenFields.has(field) && (systemFieldIds.has(field) || fields.some((f) => f.id === field));
  const name = body.name.trim();
  if (name === "") throw viewError(400, "views.blankName", {}, "/name");
  body.columns.forEach((field, i) => {
    if (field === "version" || !readable(field))
      throw viewError(400, "views.unknownColumn", { field }, `/columns/${i}`);
  });
  body.sort.forEach(({ field }, i) => {
    const kind = fields.find((f) => f.id === field)?.kind;
    const sortable = field !== "version" && kind !== "attachment" && kind !== "multiSelect";
    if (!sortable || !readable(field)) throw viewError(400, "views.unsortable", { field }, `/sort/${i}`);
  });
  const filter = body.filter.trim();
  if (filter !== "") {
    const typed = compileFilter(ctx, published, page.entity, filter, "/filter");
    assertReadableFormula(published, actor, page.entity, typed, "/filter");
  }
  return { name, filter, sort: body.sort, columns: body.columns };
}

/**
 * Saved views: each user's named filters, sorts and column choices of an app's table pages,
 * kept on the server so they follow the user between browsers. A view is private to its user;
 * another user's view id answers 404 like a missing one.
 */
export async function registerViews(app: FastifyInstance, ctx: ServerContext, apps: PublishedApps): Promise<void> {
  app.get<AppRoute & { Querystring: { page: string } }>(
    "/api/apps/:app/views",
    {
      schema: {
        params: { type: "object", properties: { app: id }, required: ["app"] },
        querystring: {
          type: "object",
          properties: { page: id },
          required: ["page"],
          additionalProperties: false,
        },
      },
    },
    async (request) =>
      ctx.storage.read(async (tx) => {
        const published = await apps.get(tx, request.params.app);
        const actor = await actorIn(ctx, tx, request, published);
        const page = tablePage(published, request.query.page);
        requireAccess(published, actor, page.entity, "read");
        const views = await tx.views.list(actor.id, published.stored.id, page.id);
        return { views: views.map(present) };
      }),
  );

  app.post<AppRoute & { Body: CreateViewBody }>(
    "/api/apps/:app/views",
    {
      bodyLimit: VIEW_LIMITS.bodyBytes,
      schema: { params: { type: "object", properties: { app: id }, required: ["app"] }, body: createViewBody },
    },
    async (request, reply) => {
      const created = await ctx.storage.write(async (tx) => {
        const published = await apps.get(tx, request.params.app);
        const actor = await actorIn(ctx, tx, request, published);
        const page = tablePage(published, request.body.page);
        const view = checkView(ctx, published, actor, page, request.body);
        const existing = await tx.views.list(actor.id, published.stored.id, page.id);
        if (existing.some((v) => v.name === view.name)) {
          throw viewError(409, "views.nameTaken", { name: view.name }, "/name");
        }
        if (existing.length >= VIEW_LIMITS.perPage) throw viewError(409, "views.tooMany", { max: VIEW_LIMITS.perPage });
        const now = ctx.clock.now().toISOString();
        const row: SavedViewRow = {
          id: ctx.newId(),
          userId: actor.id,
          appId: published.stored.id,
          page: page.id,
          ...view,
          createdAt: now,
          updatedAt: now,
        };
        await tx.views.insert(row);
        return row;
      });
      return reply
        .status(201)
        .header("Location", `/api/apps/${created.appId}/views/${created.id}`)
        .send(present(created));
    },
  );

  app.put<ViewRoute & { Body: ViewBody }>(
    "/api/apps/:app/views/:id",
    {
      bodyLimit: VIEW_LIMITS.bodyBytes,
      schema: {
        params: { type: "object", properties: { app: id, id: viewId }, required: ["app", "id"] },
        body: replaceViewBody,
      },
    },
    async (request) =>
      ctx.storage.write(async (tx) => {
        const published = await apps.get(tx, request.params.app);
        const actor = await actorIn(ctx, tx, request, published);
        const appId = published.stored.id;
        const old = await tx.views.get(actor.id, appId, request.params.id);
        if (!old) throw viewError(404, "views.notFound", { id: request.params.id, app: appId });
        const view = checkView(ctx, published, actor, tablePage(published, old.page), request.body);
        const others = await tx.views.list(actor.id, appId, old.page);
        if (others.some((v) => v.id !== old.id && v.name === view.name)) {
          throw viewError(409, "views.nameTaken", { name: view.name }, "/name");
        }
        const row: SavedViewRow = { ...old, ...view, updatedAt: ctx.clock.now().toISOString() };
        await tx.views.update(row);
        return present(row);
      }),
  );

  app.delete<ViewRoute>(
    "/api/apps/:app/views/:id",
    { schema: { params: { type: "object", properties: { app: id, id: viewId }, required: ["app", "id"] } } },
    async (request, reply) => {
      const principal = request.principal;
      if (!principal) throw httpError(401, "http.unauthenticated");
      const { app: appId, id: viewIdValue } = request.params;
      const deleted = await ctx.storage.write((tx) => tx.views.delete(principal.user.id, appId, viewIdValue));
      if (!deleted) throw viewError(404, "views.notFound", { id: viewIdValue, app: appId });
      return reply.status(204).send();
    },
  );
}
