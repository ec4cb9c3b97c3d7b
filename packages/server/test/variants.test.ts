import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactApp, createAndPublish, field } from "./support/apps.js";
import { type Client, type Server, testServer } from "./support/server.js";

/**
 * Regional variants: an app that `extends` a published template keeps only its overlay; publishing
 * resolves it against the template (under the template's locks) into a normal app version.
 */

let server: Server;
let admin: Client;

const template = {
  ...contactApp([field("name", "text", { required: true }), field("credit", "number", { max: 100_000 })], {
    id: "hq",
  }),
  locks: [
    {
      target: "/entities/contact/fields/name",
      mode: "frozen",
      reason: { en: "HQ master data", "zh-CN": "总部主数据" },
    },
    { target: "/entities/contact/fields/credit/max", mode: "tightenOnly", reason: "HQ cap" },
  ],
};

function variant(id: string, overlay: unknown[]) {
  return {
    schemaVersion: 1,
    id,
    version: "1.0.0",
    label: { en: id },
    extends: { app: "hq", version: "^1.0.0" },
    overlay,
  };
}

beforeAll(async () => {
  server = await testServer({ demo: false });
  admin = await server.login("admin");
  await createAndPublish(admin, template);
});

afterAll(async () => {
  await server.close();
});

describe("regional variants", () => {
  it("publishes the template with the overlay applied, under the variant's own id", async () => {
    await createAndPublish(
      admin,
      variant("east", [
        { op: "set", target: "/entities/contact/fields/credit/max", value: 80_000 },
        { op: "add", target: "/entities/contact/fields", value: { id: "store", kind: "text" } },
      ]),
    );
    const published = await admin.request("GET", "/api/apps/east");
    expect(published.statusCode, published.body).toBe(200);
    const app = published.json().app as {
      id: string;
      entities: Array<{ fields: Array<{ id: string; max?: number }> }>;
    };
    expect(app.id).toBe("east");
    expect(app.entities[0]?.fields.map((f) => f.id)).toEqual(["name", "credit", "store"]);
    expect(app.entities[0]?.fields[1]?.max).toBe(80_000);
    const created = await admin.request("POST", "/api/apps/east/data/contact", { body: { name: "Li", store: "S1" } });
    expect(created.statusCode, created.body).toBe(201);
  });

  it("refuses to publish an overlay that loosens a cap or touches a frozen node, and says which operation", async () => {
    const created = await admin.request("POST", "/api/apps", {
      body: {
        app: variant("west", [
          { op: "set", target: "/entities/contact/fields/credit/max", value: 150_000 },
          { op: "set", target: "/entities/contact/fields/name/label", value: { en: "Customer" } },
        ]),
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const refused = await admin.request("POST", "/api/apps/west/publish", { body: {} });
    expect(refused.statusCode).toBe(422);
    const error = refused.json().error as { code: string; details: { issues: Array<{ code: string; path: string }> } };
    expect(error.details.issues.map((i) => [i.code, i.path])).toEqual([
      ["overlay.notTighter", "/overlay/0"],
      ["overlay.locked", "/overlay/1"],
    ]);
    const versions = await admin.request("GET", "/api/apps/west/versions");
    expect(versions.json().versions).toEqual([]);
  });
});
