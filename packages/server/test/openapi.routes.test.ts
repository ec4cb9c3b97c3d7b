import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformOpenApi } from "../src/openapi/platformDocument.js";
import { type Server, testServer } from "./support/server.js";

/**
 * Every API route the server registers, from fastify's route tree (`printRoutes`): one line per
 * node, indented by depth, with its methods. Returns "METHOD /path" with `:param` as `{param}`.
 */
function routesOf(tree: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split("\n")) {
    const match = /^([\s│]*)[└├]── (\S+) \(([^)]*)\)/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? "").length / 4;
    stack.length = depth;
    const segment = match[2] ?? "";
    const parent = stack.at(-1) ?? "";
    const path = parent.endsWith("/") || segment.startsWith("/") ? `${parent}${segment}` : `${parent}/${segment}`;
    stack.push(path);
    for (const method of (match[3] ?? "").split(", ")) {
      if (method !== "HEAD") out.push(`${method} ${path.replace(/:(\w+)/g, "{$1}")}`);
    }
  }
  return out;
}

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
