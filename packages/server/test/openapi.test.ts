import { readFile } from "node:fs/promises";
import { type App, validateApp } from "@plinth/runtime";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { salesApp } from "../../runtime/test/fixtures/salesApp.js";
import { appOpenApi } from "../src/openapi/appDocument.js";
import { platformOpenApi } from "../src/openapi/platformDocument.js";
import type { OpenApiDocument } from "../src/openapi/types.js";

/** Validate an app document with the runtime and return the normalised app. */
function validApp(doc: unknown): App {
  const result = validateApp(doc);
  expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
  if (!result.app) throw new Error("fixture is not a valid app");
  return result.app;
}

async function fixtureApp(): Promise<App> {
  return validApp(JSON.parse(await readFile(new URL("./fixtures/sales.app.json", import.meta.url), "utf8")));
}

async function openApiErrors(doc: unknown): Promise<unknown> {
  const result = await new Validator().validate(JSON.parse(JSON.stringify(doc)) as Record<string, unknown>);
  return result.valid ? undefined : result.errors;
}

/** Every `$ref` in the document points at something that exists in it. */
function danglingRefs(doc: OpenApiDocument): string[] {
  const refs: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if (key === "$ref" && typeof v === "string") refs.push(v);
        else walk(v);
      }
    }
  };
  walk(doc);
  const resolves = (ref: string) =>
    ref
      .slice(2)
      .split("/")
      .reduce<unknown>(
        (node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
        doc,
      ) !== undefined;
  return refs.filter((ref) => !resolves(ref));
}

function operationIds(doc: OpenApiDocument): string[] {
  return Object.values(doc.paths).flatMap((item) =>
    (["get", "post", "put", "patch", "delete"] as const).flatMap((m) => (item[m] ? [item[m].operationId] : [])),
  );
}

describe("the validator", () => {
  it("rejects a broken document (so passing means something)", async () => {
    const broken = {
      openapi: "3.1.0",
      info: { title: "x", version: "1" },
      paths: { "/x": { get: { responses: { 200: {} } } } },
    };
    expect(await openApiErrors(broken)).toBeDefined();
  });
});

describe("appOpenApi", () => {
  const sales = validApp(salesApp());

  it("is a valid OpenAPI 3.1 document for the runtime's sales fixture, with every $ref resolving", async () => {
    const doc = appOpenApi(sales, { serverUrl: "https://plinth.example.com" });
    expect(await openApiErrors(doc)).toBeUndefined();
    expect(danglingRefs(doc)).toEqual([]);
    expect(new Set(operationIds(doc)).size).toBe(operationIds(doc).length);
    expect(doc.servers).toEqual([{ url: "https://plinth.example.com" }]);
  });

  it("is a valid OpenAPI 3.1 document for the server's sales fixture", async () => {
    const doc = appOpenApi(await fixtureApp());
    expect(await openApiErrors(doc)).toBeUndefined();
    expect(danglingRefs(doc)).toEqual([]);
    expect(Object.keys(doc.paths)).toContain("/api/apps/sales/data/opportunity");
  });

  it("has concrete record paths and an Opportunity schema with computed fields and select options", () => {
    const doc = appOpenApi(sales);
    const list = doc.paths["/api/apps/sales/data/opportunity"];
    expect(list?.get?.operationId).toBe("listOpportunity");
    expect(list?.post?.requestBody?.content["application/json"]?.schema).toEqual({
      $ref: "#/components/schemas/OpportunityInput",
    });
    expect(doc.paths["/api/apps/sales/data/opportunity/{id}"]?.patch?.parameters).toContainEqual(
      expect.objectContaining({ name: "If-Match", in: "header", required: true }),
    );
    expect(doc.paths["/api/apps/sales/query"]?.post).toBeDefined();
    expect(doc.paths["/api/apps/sales/audit"]?.get).toBeDefined();

    const schemas = doc.components.schemas ?? {};
    const opportunity = schemas.Opportunity as { title: string; properties: Record<string, Record<string, unknown>> };
    expect(opportunity.title).toBe("Opportunity");
    expect(Object.keys(opportunity.properties)).toEqual(
      expect.arrayContaining([
        "id",
        "version",
        "createdAt",
        "updatedAt",
        "createdBy",
        "updatedBy",
        "amount",
        "expected_revenue",
        "number",
      ]),
    );
    expect(opportunity.properties.expected_revenue).toMatchObject({
      readOnly: true,
      anyOf: [{ type: "number" }, { type: "null" }],
    });
    expect(opportunity.properties.stage?.anyOf).toEqual([
      { type: "string", enum: ["prospecting", "negotiation", "won", "lost"] },
      { type: "null" },
    ]);

    const input = schemas.OpportunityInput as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(input.properties).toHaveProperty("amount");
    expect(input.properties).not.toHaveProperty("expected_revenue");
    expect(input.properties).not.toHaveProperty("number");
    expect(input.additionalProperties).toBe(false);
    expect((schemas.Query as { properties: { entity: unknown } }).properties.entity).toEqual({
      enum: ["account", "opportunity"],
    });
  });

  it("names components by entity without clashes", () => {
    const app = validApp({
      ...salesApp(),
      entities: [
        { id: "order_line", fields: [{ id: "name", kind: "text" }] },
        { id: "orderLine", fields: [{ id: "name", kind: "text" }] },
        { id: "error", fields: [{ id: "name", kind: "text" }] },
      ],
      workflows: [],
      automations: [],
      permissions: [],
      pages: [],
      navigation: undefined,
      tests: [],
      locks: [],
    });
    const names = Object.keys(appOpenApi(app).components.schemas ?? {});
    expect(names).toEqual(expect.arrayContaining(["OrderLine", "OrderLine2", "Error", "Error2"]));
  });
});

describe("platformOpenApi", () => {
  it("is a valid OpenAPI 3.1 document with every $ref resolving and unique operation ids", async () => {
    const doc = platformOpenApi();
    expect(await openApiErrors(doc)).toBeUndefined();
    expect(danglingRefs(doc)).toEqual([]);
    expect(new Set(operationIds(doc)).size).toBe(operationIds(doc).length);
  });

  it("documents every platform endpoint and both security schemes", () => {
    const doc = platformOpenApi();
    const has = (path: string, method: "get" | "post" | "put" | "patch" | "delete") =>
      doc.paths[path]?.[method] !== undefined;
    const expected: Array<[string, "get" | "post" | "put" | "patch" | "delete"]> = [
      ["/api/auth/login", "post"],
      ["/api/auth/logout", "post"],
      ["/api/auth/me", "get"],
      ["/api/auth/tokens", "get"],
      ["/api/auth/tokens", "post"],
      ["/api/auth/tokens/{id}", "delete"],
      ["/api/users", "get"],
      ["/api/users", "post"],
      ["/api/users/{id}", "patch"],
      ["/api/users/{id}/roles/{app}", "put"],
      ["/api/apps", "get"],
      ["/api/apps", "post"],
      ["/api/apps/{app}", "get"],
      ["/api/apps/{app}/draft", "put"],
      ["/api/apps/{app}/publish", "post"],
      ["/api/apps/{app}/versions", "get"],
      ["/api/apps/{app}/rollback", "post"],
      ["/api/apps/{app}/data/{entity}", "get"],
      ["/api/apps/{app}/data/{entity}", "post"],
      ["/api/apps/{app}/data/{entity}/{id}", "get"],
      ["/api/apps/{app}/data/{entity}/{id}", "patch"],
      ["/api/apps/{app}/data/{entity}/{id}", "delete"],
      ["/api/apps/{app}/query", "post"],
      ["/api/apps/{app}/audit", "get"],
      ["/api/apps/{app}/data/{entity}/import", "post"],
      ["/api/apps/{app}/imports/{id}", "get"],
      ["/api/apps/{app}/data/{entity}/export.csv", "get"],
      ["/api/openapi.json", "get"],
      ["/api/apps/{app}/openapi.json", "get"],
    ];
    expect(expected.filter(([path, method]) => !has(path, method))).toEqual([]);
    expect(Object.keys(doc.components.securitySchemes ?? {})).toEqual(["session", "token"]);
    expect(doc.paths["/api/auth/login"]?.post?.security).toEqual([{}]);
    expect(Object.keys(doc.components.responses ?? {})).toHaveLength(9);
  });
});
