import { type App, indexApp, type JsonSchema, labelText } from "@plinth/runtime";
import { auditPageSchema } from "../audit/schemas.js";
import { entityPaths, pageSchema, queryResultSchema } from "./entityPaths.js";
import { auditPath, queryBodySchema, queryPath } from "./featurePaths.js";
import { entityComponentNames, entityInputSchema, entityRecordSchema } from "./recordSchemas.js";
import { baseComponents, schemaRef, signedIn } from "./shared.js";
import type { OpenApiDocument, PathItemObject, TagObject } from "./types.js";

/** Options of {@link appOpenApi}. */
export interface AppOpenApiOptions {
  /** The server's base URL, listed under `servers`. */
  readonly serverUrl?: string;
}

/**
 * The OpenAPI 3.1 document of one app, generated from its schema: per entity a `<Entity>`
 * schema (the record as returned) and `<Entity>Input` (what a client sends), and concrete
 * paths (`/api/apps/sales/data/opportunity`, `/{id}`) for listing, creating, reading,
 * updating and deleting records, plus the app's query and audit endpoints.
 *
 * @example
 * const doc = appOpenApi(app, { serverUrl: "https://plinth.example.com" });
 * doc.paths["/api/apps/sales/data/opportunity"]?.get?.operationId; // "listOpportunity"
 */
export function appOpenApi(app: App, options: AppOpenApiOptions = {}): OpenApiDocument {
  const model = indexApp(app);
  const names = entityComponentNames(app);
  const base = `/api/apps/${app.id}`;
  const schemas: Record<string, JsonSchema> = {};
  const paths: Record<string, PathItemObject> = {};
  const tags: TagObject[] = [];

  for (const [id, entity] of model.entities) {
    const name = names.get(id) ?? id;
    const label = labelText(entity.value.label, "en", id);
    schemas[name] = entityRecordSchema(entity);
    schemas[`${name}Input`] = entityInputSchema(entity);
    schemas[`${name}Page`] = pageSchema(schemaRef(name), `A page of ${label} records`);
    tags.push({ name, description: `${label} records (entity \`${id}\`).` });
    const { collection, item } = entityPaths({
      stem: name,
      tag: name,
      label: `${label} records`,
      record: schemaRef(name),
      input: schemaRef(`${name}Input`),
      page: schemaRef(`${name}Page`),
    });
    paths[`${base}/data/${id}`] = collection;
    paths[`${base}/data/${id}/{id}`] = item;
  }
  paths[`${base}/query`] = queryPath();
  paths[`${base}/audit`] = auditPath();
  tags.push(
    { name: "Query", description: "Aggregates over the app's records." },
    { name: "Audit", description: "The append-only, hash-chained audit log." },
  );

  const title = labelText(app.label, "en", app.id);
  const description = labelText(app.description, "en", "");
  return {
    openapi: "3.1.0",
    info: {
      title: `${title} API`,
      version: app.version,
      description: `${description ? `${description}\n\n` : ""}Records of the Plinth app '${app.id}'. Errors use the shared Error shape; send Accept-Language: zh-CN for Chinese messages.`,
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags,
    security: signedIn,
    paths,
    components: baseComponents({
      ...schemas,
      Query: queryBodySchema([...model.entities.keys()]),
      QueryResult: queryResultSchema,
      AuditPage: auditPageSchema,
    }),
  };
}
