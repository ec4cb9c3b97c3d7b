import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";

/** The API's error body: `{"error": {code, message, path, details}}`. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly path: string;
  readonly details: Record<string, unknown> & {
    issues?: Array<{ code: string; path: string; params: Record<string, unknown> }>;
  };
}

/** Assert a response is an error of the API's shape (and no stack trace); returns the error. */
export function expectError(res: LightMyRequestResponse, status: number, code?: string): ErrorBody {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const body = res.json<{ error: ErrorBody }>();
  expect(Object.keys(body).sort()).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "details", "message", "path"]);
  expect(typeof body.error.code).toBe("string");
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(typeof body.error.path).toBe("string");
  expect(typeof body.error.details).toBe("object");
  expectNoStack(res.body);
  if (code !== undefined) expect(body.error.code).toBe(code);
  return body.error;
}

/** No stack frames or Node internals in a response body. */
export function expectNoStack(text: string): void {
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|node:internal|\.ts:\d+:\d+|\.js:\d+:\d+|"stack"/);
}

/** The ETag version of a record response (`"3"` → 3). */
export function etagVersion(res: LightMyRequestResponse): number {
  return Number(String(res.headers.etag).replace(/"/g, ""));
}
