import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAndPublish } from "./support/apps.js";
import { type Client, type Server, testServer } from "./support/server.js";

type Row = Record<string, unknown>;
type Page = { records: Row[]; next?: string; titles?: Record<string, string> };
const label = (en: string) => ({ en, "zh-CN": en });

/** Companies by region, deals pointing at them; reps read every deal but only their region's companies. */
const titlesApp = {
  schemaVersion: 1,
  id: "titles",
  version: "1.0.0",
  label: label("Titles"),
  roles: [{ id: "rep", label: label("Rep") }],
  entities: [
    {
      id: "company",
      label: label("Company"),
      titleField: "name",
      fields: [
        { id: "name", kind: "text", label: label("Name") },
        { id: "region", kind: "text", label: label("Region") },
      ],
    },
    {
      id: "deal",
      label: label("Deal"),
      titleField: "name",
      fields: [
        { id: "name", kind: "text", label: label("Name") },
        { id: "company", kind: "relation", label: label("Company"), target: "company" },
      ],
    },
  ],
  permissions: [
    { role: "rep", entity: "deal", actions: ["read"] },
    { role: "rep", entity: "company", actions: ["read"], rowScope: "region = $user.region" },
  ],
};

describe("a list page names the related records it points at (titles=true)", () => {
  let server: Server;
  let admin: Client;
  beforeAll(async () => {
    server = await testServer();
    admin = await server.login("admin");
  });
  afterAll(() => server.close());

  async function list(client: Client, url: string): Promise<Page> {
    const res = await client.request("GET", url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  }

  it("gives each related record's title by id, only when asked", async () => {
    const accounts = await list(admin, "/api/apps/starter/data/account?fields=name&limit=500");
    const names = new Map(accounts.records.map((a) => [String(a.id), String(a.name)]));
    const page = await list(admin, "/api/apps/starter/data/opportunity?fields=name,account&limit=500&titles=true");
    expect(page.records.length).toBeGreaterThan(100);
    const pointed = new Set(page.records.map((r) => String(r.account)));
    expect(Object.keys(page.titles ?? {}).sort()).toEqual([...pointed].sort());
    for (const id of pointed) expect(page.titles?.[id]).toBe(names.get(id));

    const plain = await list(admin, "/api/apps/starter/data/opportunity?fields=name,account&limit=5");
    expect(plain.titles).toBeUndefined();
  });

  it("names only the records the reader may read (the target's row scope applies)", async () => {
    await createAndPublish(admin, titlesApp);
    const rep = await server.login("rep.east");
    const roles = await admin.request("PUT", `/api/users/${rep.userId}/roles/titles`, { body: { roles: ["rep"] } });
    expect(roles.statusCode, roles.body).toBe(200);
    const company = async (name: string, region: string) => {
      const res = await admin.request("POST", "/api/apps/titles/data/company", { body: { name, region } });
      expect(res.statusCode, res.body).toBe(201);
      return String(res.json<Row>().id);
    };
    const east = await company("Eastern Tea", "east");
    const north = await company("Northern Steel", "north");
    for (const [name, id] of [
      ["Tea deal", east],
      ["Steel deal", north],
    ] as const) {
      const res = await admin.request("POST", "/api/apps/titles/data/deal", { body: { name, company: id } });
      expect(res.statusCode, res.body).toBe(201);
    }

    const page = await list(rep, "/api/apps/titles/data/deal?titles=true");
    expect(page.records.map((r) => r.company).sort()).toEqual([east, north].sort());
    expect(page.titles).toEqual({ [east]: "Eastern Tea" });
    const all = await list(admin, "/api/apps/titles/data/deal?titles=true");
    expect(all.titles).toEqual({ [east]: "Eastern Tea", [north]: "Northern Steel" });
  });
});
