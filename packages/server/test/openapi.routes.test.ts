import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformOpenApi } from "../src/openapi/platformDocument.js";
import { routesOf } from "./support/routeTree.js";
import { type Server, testServer } from "./support/server.js";

describe("the platform OpenAPI document", () => {
  let server: Server;
  beforeAll(async () => {
    server = await testServer({ demo: false });
  });
  afterAll(() => server.close());

  it("documents every /api route the server answers", () => {
    const routes = routesOf(server.app.printRoutes({ commonPrefix: false })).filter((r) => r.includes(" /api/"));
    expect(routes.length).toBeGreaterThan(30);
    const doc = platformOpenApi();
    const documented = (route: string) => {
      const [method = "", path = ""] = route.split(" ");
      return (doc.paths[path] as Record<string, unknown> | undefined)?.[method.toLowerCase()] !== undefined;
    };
    expect(routes.filter((r) => !documented(r))).toEqual([]);
  });
});
