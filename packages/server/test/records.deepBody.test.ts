import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "./support/http.js";
import { type Client, type Server, testServer } from "./support/server.js";
import { type Inspector, inspect } from "./support/sqlite.js";

/**
 * A record body nested thousands of levels deep (within the 1 MB body limit) overflowed the
 * stack where the create's idempotency fingerprint walks it: a 500. Found by the route fuzzer
 * (fuzz.routes.test.ts, PLINTH_FUZZ_SEED=7). Record bodies nest at most 32 levels.
 */
const OPPS = "/api/apps/starter/data/opportunity";
let server: Server;
let db: Inspector;
let rep: Client;

beforeAll(async () => {
  server = await testServer();
  db = inspect(server.ctx.file);
  rep = await server.login("rep.east");
});

afterAll(async () => {
  db.close();
  await server.close();
});

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

describe("deeply nested record bodies", () => {
  it("refuses a create or an update nested past 32 levels with 400 and stores nothing", async () => {
    const before = db.counts();
    const { id, version } = db.db
      .prepare(`SELECT id, version FROM "${db.table("starter", "opportunity")}" WHERE owner = ? LIMIT 1`)
      .get(rep.userId) as { id: string; version: number };
    for (const depth of [33, 20_000]) {
      for (const body of [nested(depth), `{"name": "Deep", "notes": ${nested(depth)}}`]) {
        const keys: Array<Record<string, string>> = [{}, { "idempotency-key": `deep ${depth}` }];
        for (const headers of keys) {
          const created = await rep.request("POST", OPPS, {
            body,
            headers: { "content-type": "application/json", ...headers },
          });
          expect(expectError(created, 400, "http.badRequest").message).toContain("32 levels");
        }
        const updated = await rep.request("PATCH", `${OPPS}/${id}`, {
          body,
          headers: { "content-type": "application/json", "if-match": `"${version}"` },
        });
        expectError(updated, 400, "http.badRequest");
      }
    }
    expect(db.counts()).toEqual(before);
  });

  it("still answers an invalid record within 32 levels with the core's issues (422)", async () => {
    for (const body of [nested(32), `{"name": "Shallow", "notes": ${nested(31)}}`]) {
      const res = await rep.request("POST", OPPS, { body, headers: { "content-type": "application/json" } });
      expect(res.statusCode, res.body).toBe(422);
    }
  });
});
