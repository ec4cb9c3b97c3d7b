import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "./support/http.js";
import { type Server, testServer } from "./support/server.js";

/**
 * Requests the router refuses before any route runs: found by the route fuzzer
 * (fuzz.routes.test.ts), which saw fastify's own `{"error":"Bad Request","code":"FST_ERR_…",
 * "statusCode":…}` instead of the API's error shape.
 */
let server: Server;

beforeAll(async () => {
  server = await testServer({ demo: false });
});

afterAll(() => server.close());

describe("the router's refusals", () => {
  it("answers a path parameter longer than 100 characters with 414 in the API's error shape", async () => {
    for (const url of [`/api/apps/${"x".repeat(101)}/data/opportunity`, `/api/apps/starter/data/${"y".repeat(5000)}`]) {
      const res = await server.app.inject({ method: "GET", url });
      const error = expectError(res, 414, "http.badRequest");
      expect(error.message).toContain("longer than 100 characters");
      expect(error.details.messages).toMatchObject({
        en: expect.any(String),
        "zh-CN": expect.stringContaining("请求无效"),
      });
    }
  });

  it("answers an address that is not percent-encoded UTF-8 with 400 in the API's error shape, in Chinese when asked", async () => {
    const res = await server.app.inject({
      method: "GET",
      url: "/api/apps/%ED%A0%80/versions",
      headers: { "accept-language": "zh-CN" },
    });
    const error = expectError(res, 400, "http.badRequest");
    expect(error.message).toMatch(/^请求无效：/);
  });
});
