import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactApp, createAndPublish, field, republish } from "./support/apps.js";
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

  it("rebases a variant on an upgraded template: a node both changed is a 409 conflict until confirmed, the rest of the upgrade comes through", async () => {
    const upgraded = {
      ...template,
      version: "1.1.0",
      entities: [
        {
          ...((template as Record<string, unknown>).entities as Array<Record<string, unknown>>)[0],
          fields: [
            field("name", "text", { required: true }),
            field("credit", "number", { max: 90_000 }),
            field("phone", "text"),
          ],
        },
      ],
    };
    const upgrade = await republish(admin, upgraded);
    expect(upgrade.statusCode, upgrade.body).toBe(200);
    const dry = await admin.request("POST", "/api/apps/east/publish?dryRun=1", { body: {} });
    expect(dry.json().conflicts.map((c: { params: { target: string } }) => c.params.target)).toEqual([
      "/entities/contact/fields/credit/max",
    ]);
    const refused = await admin.request("POST", "/api/apps/east/publish", { body: {} });
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, "http.overlayConflict"]);
    expect(refused.json().error.details.conflicts[0]).toMatchObject({ code: "overlay.conflict", path: "/overlay/0" });
    const all = await admin.request("POST", "/api/apps/hq/variants/publish", { body: { confirm: true } });
    expect(all.statusCode, all.body).toBe(200);
    const east = all.json().variants.find((v: { app: string }) => v.app === "east");
    expect(east).toMatchObject({ published: true, version: 2 });
    const app = (await admin.request("GET", "/api/apps/east")).json().app as {
      entities: Array<{ fields: Array<{ id: string; max?: number }> }>;
    };
    expect(app.entities[0]?.fields.map((f) => [f.id, f.max])).toEqual([
      ["name", undefined],
      ["credit", 80_000],
      ["phone", undefined],
      ["store", undefined],
    ]);
    const audit = (await admin.request("GET", "/api/apps/east/audit")).json().entries as Array<{
      action: string;
      diff: { template?: unknown; conflicts?: unknown };
    }>;
    expect(audit.find((e) => e.action === "app.publish")?.diff).toMatchObject({
      template: { app: "hq", version: 2 },
      conflicts: ["/entities/contact/fields/credit/max"],
    });
  });
});
