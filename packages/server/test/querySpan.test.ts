import { type App, createMemorySource, type Query } from "@plinth/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, type Server, testServer } from "./support/server.js";

type Row = Record<string, unknown>;
const QUERY = "/api/apps/promos/query";
const label = (en: string) => ({ en, "zh-CN": en });

const app = {
  schemaVersion: 1,
  id: "promos",
  version: "1.0.0",
  label: label("Promotions"),
  entities: [
    {
      id: "promo",
      label: label("Promotion"),
      fields: [
        { id: "name", kind: "text", label: label("Name") },
        { id: "from", kind: "date", label: label("From") },
        { id: "to", kind: "date", label: label("To") },
        { id: "at", kind: "datetime", label: label("At") },
      ],
    },
    {
      id: "line",
      label: label("Line"),
      fields: [
        { id: "promo", kind: "relation", target: "promo", label: label("Promotion") },
        { id: "sku", kind: "text", label: label("SKU") },
        { id: "amount", kind: "number", label: label("Amount") },
      ],
    },
  ],
};

/** SKU × the weeks each line's promotion runs (the runtime's span grouping), as the heat-map asks. */
const calendar = {
  entity: "line",
  groupBy: [{ field: "sku" }, { field: "promo.from", bucket: "week", through: "promo.to" }],
  measures: [
    { id: "promotions", aggregate: "countDistinct", field: "promo" },
    { id: "lines", aggregate: "count" },
    { id: "amount", aggregate: "sum", field: "amount" },
  ],
};

describe("span groupings in SQL: a record counted in every week between two dates", () => {
  let server: Server;
  let admin: Client;
  const ids: Record<string, string> = {};

  async function create(entity: string, values: Row): Promise<string> {
    const res = await admin.request("POST", `/api/apps/promos/data/${entity}`, { body: values });
    expect(res.statusCode, res.body).toBe(201);
    return String(res.json<{ id: string }>().id);
  }

  beforeAll(async () => {
    server = await testServer({ demo: false });
    admin = await server.login("admin");
    const created = await admin.request("POST", "/api/apps", { body: { app } });
    expect(created.statusCode, created.body).toBe(201);
    const published = await admin.request("POST", "/api/apps/promos/publish", { body: {} });
    expect(published.statusCode, published.body).toBe(200);
    const promos: Array<[string, string | null, string | null]> = [
      ["a", "2026-05-01", "2026-05-12"], // W17, W18, W19
      ["b", "2026-05-11", "2026-05-17"], // W19
      ["c", "2026-05-04", null], // W18 alone (no end)
      ["d", null, "2026-05-04"], // the blank week
      ["e", "2026-12-30", "2027-01-05"], // 2026-W52, 2027-W00, 2027-W01
      ["f", "2026-06-10", "2026-06-01"], // ends before it starts: W23 alone
    ];
    for (const [name, from, to] of promos) ids[name] = await create("promo", { name, from, to });
    const lines: Array<[string, string, number]> = [
      ["a", "cola", 10],
      ["a", "cola", 20],
      ["b", "cola", 5],
      ["c", "chips", 7],
      ["a", "chips", 1],
      ["d", "chips", 2],
      ["e", "cola", 3],
      ["f", "chips", 4],
    ];
    for (const [promo, sku, amount] of lines) await create("line", { promo: ids[promo], sku, amount });
  });
  afterAll(() => server.close());

  async function query(body: Row): Promise<Row[]> {
    const res = await admin.request("POST", QUERY, { body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ rows: Row[] }>().rows;
  }

  it("puts each line in each week its promotion runs, once; the blank start is the blank week", async () => {
    const rows = await query(calendar);
    const cell = (sku: string, week: string | null, promotions: number, lines: number, amount: number) => ({
      sku,
      "promo.from": week,
      promotions,
      lines,
      amount,
    });
    expect(rows).toEqual([
      cell("chips", null, 1, 1, 2),
      cell("chips", "2026-W17", 1, 1, 1),
      cell("chips", "2026-W18", 2, 2, 8),
      cell("chips", "2026-W19", 1, 1, 1),
      cell("chips", "2026-W23", 1, 1, 4),
      cell("cola", "2026-W17", 1, 2, 30),
      cell("cola", "2026-W18", 1, 2, 30),
      cell("cola", "2026-W19", 2, 3, 35),
      cell("cola", "2026-W52", 1, 1, 3),
      cell("cola", "2027-W00", 1, 1, 3),
      cell("cola", "2027-W01", 1, 1, 3),
    ]);
  });

  it("sorts and filters as any grouping, and buckets by month over the same days", async () => {
    const rows = await query({
      entity: "line",
      filter: "sku = 'cola'",
      groupBy: [{ field: "promo.from", bucket: "month", through: "promo.to" }],
      measures: [{ id: "promotions", aggregate: "countDistinct", field: "promo" }],
      sort: [{ by: "promotions", direction: "desc" }, { by: "promo.from" }],
    });
    expect(rows).toEqual([
      { "promo.from": "2026-05", promotions: 2 },
      { "promo.from": "2026-12", promotions: 1 },
      { "promo.from": "2027-01", promotions: 1 },
    ]);
  });

  it("answers as the memory source does (the runtime's meaning) over random spans, in every bucket", async () => {
    // A fixed-seed generator: the same promotions every run.
    let seed = 20260507;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 16; i++) {
      const start = next(700);
      const from = next(20) === 0 ? null : day(start);
      const to = next(10) === 0 ? null : day(start - 5 + next(376));
      const promo = await create("promo", { name: `r${i}`, from, to });
      for (let j = next(3); j >= 0; j--)
        await create("line", { promo, sku: ["cola", "chips", "tea"][next(3)], amount: next(100) });
    }
    const list = async (entity: string) =>
      (await admin.request("GET", `/api/apps/promos/data/${entity}?limit=500`)).json<{ records: Row[] }>().records;
    const root = { id: "admin", username: "admin", roles: [], attributes: {}, isAdmin: true };
    const memory = createMemorySource({
      app: app as unknown as App,
      user: root,
      users: [root],
      records: { promo: await list("promo"), line: await list("line") },
      clock: () => "2026-06-01T00:00:00.000Z",
      newId: () => "n",
    });
    for (const bucket of ["day", "week", "month", "quarter", "year"]) {
      const body = {
        ...calendar,
        groupBy: [{ field: "sku" }, { field: "promo.from", bucket, through: "promo.to" }],
        limit: 10_000,
      };
      const sql = await query(body);
      expect(sql.length, bucket).toBeGreaterThan(bucket === "year" ? 3 : 10);
      expect(sql, bucket).toEqual((await memory.query(body as unknown as Query)).rows);
    }
  });

  it("refuses to bucket or end a span on a field that is no date: a 400 at the grouping, on every database", async () => {
    for (const [group, path] of [
      [{ field: "promo.from", bucket: "week", through: "sku" }, "/groupBy/0/through"],
      [{ field: "promo.from", bucket: "week", through: "amount" }, "/groupBy/0/through"],
      [{ field: "sku", bucket: "week", through: "promo.to" }, "/groupBy/0/field"],
      [{ field: "sku", bucket: "month" }, "/groupBy/0/field"],
    ] as const) {
      const res = await admin.request("POST", QUERY, { body: { entity: "line", groupBy: [group] } });
      expect(res.statusCode, res.body).toBe(400);
      const { error } = res.json<{ error: { code: string; path: string } }>();
      expect([error.code, error.path]).toEqual(["http.badRequest", path]);
    }
    // System datetimes bucket as any datetime.
    expect(await query({ entity: "line", groupBy: [{ field: "createdAt", bucket: "year" }] })).toHaveLength(1);
  });

  it("refuses a span longer than 371 days with http.spanTooLong in both languages, not a long query", async () => {
    const long = await create("promo", { name: "long", from: "2026-01-01", to: "2027-01-07" });
    await create("line", { promo: long, sku: "water", amount: 1 });
    const refused = async (language: string) => {
      const res = await admin.request("POST", QUERY, { body: calendar, headers: { "accept-language": language } });
      expect(res.statusCode).toBe(400);
      return res.json<{ error: { code: string; path: string; message: string } }>().error;
    };
    const en = await refused("en");
    expect([en.code, en.path]).toEqual(["http.spanTooLong", "/groupBy/1/through"]);
    expect(en.message).toContain("1 record(s) span more than 371 days");
    expect(en.message).toContain("371 days (53 weeks)");
    expect((await refused("zh-CN")).message).toContain("371 天（53 周）");
    // 370 days is the longest counted span; a filter may leave longer ones out.
    const edge = await create("promo", { name: "edge", from: "2026-01-01", to: "2027-01-06" });
    await create("line", { promo: edge, sku: "juice", amount: 1 });
    const rows = await query({ ...calendar, filter: "sku = 'juice'" });
    expect(rows).toHaveLength(55); // 2026-W00 to W52, 2027-W00 and W01
    expect(rows[0]?.["promo.from"]).toBe("2026-W00");
    expect(rows.at(-1)?.["promo.from"]).toBe("2027-W01");
  });
});
