import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "./support/http.js";
import { type Client, type Server, testServer } from "./support/server.js";
import { type Inspector, inspect } from "./support/sqlite.js";

type Row = Record<string, unknown>;

const QUERY = "/api/apps/starter/query";

let server: Server;
let db: Inspector;
let opportunities: string;
let accounts: string;
const users: Record<string, Client> = {};

beforeAll(async () => {
  server = await testServer();
  db = inspect(server.ctx.file);
  opportunities = db.table("starter", "opportunity");
  accounts = db.table("starter", "account");
  for (const name of ["admin", "manager.east", "finance", "auditor"]) users[name] = await server.login(name);
});

afterAll(async () => {
  db.close();
  await server.close();
});

function as(name: string): Client {
  const found = users[name];
  if (!found) throw new Error(`not signed in: ${name}`);
  return found;
}

async function query(name: string, body: Row): Promise<Row[]> {
  const res = await as(name).request("POST", QUERY, { body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ rows: Row[] }>().rows;
}

function sql(text: string, ...params: unknown[]): Row[] {
  return db.db.prepare(text).all(...params) as Row[];
}

// Without a sort, select groupings come in their options' order (the starter's stage list).
const STAGE_ORDER =
  "CASE stage WHEN 'prospecting' THEN 0 WHEN 'qualification' THEN 1 WHEN 'proposal' THEN 2 WHEN 'negotiation' THEN 3 WHEN 'won' THEN 4 WHEN 'lost' THEN 5 END";

const byStage = {
  entity: "opportunity",
  groupBy: [{ field: "stage" }],
  measures: [
    { id: "amount", aggregate: "sum", field: "amount" },
    { id: "deals", aggregate: "count" },
  ],
};

describe("the query model over HTTP equals hand-written SQL", () => {
  it("groups by stage with sum(amount) and count, for an administrator", async () => {
    const rows = await query("admin", byStage);
    const expected = sql(
      `SELECT stage, SUM(amount) AS amount, COUNT(*) AS deals FROM "${opportunities}" GROUP BY stage ORDER BY ${STAGE_ORDER}`,
    );
    expect(expected).toHaveLength(6);
    expect(rows).toEqual(expected);
    expect(rows.reduce((n, r) => n + Number(r.deals), 0)).toBe(300);
  });

  it("applies the row scope of manager.east (region east, or owned: the rep grant the manager inherits)", async () => {
    const rows = await query("manager.east", byStage);
    const expected = sql(
      `SELECT stage, SUM(amount) AS amount, COUNT(*) AS deals FROM "${opportunities}" WHERE region = 'east' OR owner = ? GROUP BY stage ORDER BY ${STAGE_ORDER}`,
      as("manager.east").userId,
    );
    expect(rows).toEqual(expected);
    const eastOnly = sql(`SELECT COUNT(*) AS n FROM "${opportunities}" WHERE region = 'east'`)[0]?.n;
    expect(rows.reduce((n, r) => n + Number(r.deals), 0)).toBe(eastOnly);
  });

  it("applies the row scope of finance (won only)", async () => {
    const rows = await query("finance", byStage);
    expect(rows).toEqual(
      sql(
        `SELECT stage, SUM(amount) AS amount, COUNT(*) AS deals FROM "${opportunities}" WHERE stage = 'won' GROUP BY stage`,
      ),
    );
  });

  it("buckets dates by month (with a filter), and by quarter and year", async () => {
    const months = await query("manager.east", {
      entity: "opportunity",
      filter: "stage = 'won'",
      groupBy: [{ field: "close_date", bucket: "month" }],
      measures: [{ id: "amount", aggregate: "sum", field: "amount" }],
    });
    const expected = sql(
      `SELECT substr(close_date, 1, 7) AS close_date, SUM(amount) AS amount FROM "${opportunities}"
       WHERE (region = 'east' OR owner = ?) AND stage = 'won' GROUP BY 1 ORDER BY 1`,
      as("manager.east").userId,
    );
    expect(expected.length).toBeGreaterThan(6);
    expect(months).toEqual(expected);
    for (const row of months) expect(row.close_date).toMatch(/^2026-\d{2}$/);

    const quarters = await query("admin", {
      entity: "opportunity",
      groupBy: [{ field: "close_date", bucket: "quarter" }],
      measures: [{ id: "n", aggregate: "count" }],
    });
    expect(quarters).toEqual(
      sql(
        `SELECT substr(close_date, 1, 4) || '-Q' || ((CAST(substr(close_date, 6, 2) AS INTEGER) + 2) / 3) AS close_date, COUNT(*) AS n FROM "${opportunities}" GROUP BY 1 ORDER BY 1`,
      ),
    );
    expect(quarters.map((r) => r.close_date)).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    const years = await query("admin", {
      entity: "opportunity",
      groupBy: [{ field: "close_date", bucket: "year" }],
      measures: [{ id: "n", aggregate: "count" }],
    });
    expect(years).toEqual([{ close_date: "2026", n: 300 }]);
  });

  it("groups through a relation, with filtered and distinct measures, sorted by a measure", async () => {
    const rows = await query("admin", {
      entity: "opportunity",
      groupBy: [{ field: "account.industry" }],
      measures: [
        { id: "won", aggregate: "sum", field: "amount", filter: "stage = 'won'" },
        { id: "accounts", aggregate: "countDistinct", field: "account" },
        { id: "largest", aggregate: "max", field: "amount" },
      ],
      sort: [{ by: "won", direction: "desc" }],
      limit: 2,
    });
    const expected = sql(
      `SELECT a.industry AS "account.industry",
              COALESCE(SUM(CASE WHEN o.stage = 'won' THEN o.amount END), 0) AS won,
              COUNT(DISTINCT o.account) AS accounts, MAX(o.amount) AS largest
       FROM "${opportunities}" o JOIN "${accounts}" a ON a.id = o.account
       GROUP BY 1 ORDER BY won DESC LIMIT 2`,
    );
    expect(rows).toEqual(expected);
  });
});

describe("refusals", () => {
  it("refuses a hidden field in measures, groupings and filters (403)", async () => {
    for (const [body, path] of [
      [{ entity: "opportunity", measures: [{ id: "n", aggregate: "count", field: "notes" }] }, "/measures/0/field"],
      [
        { entity: "opportunity", measures: [{ id: "n", aggregate: "count", filter: "NOT ISBLANK(notes)" }] },
        "/measures/0/filter",
      ],
      [{ entity: "opportunity", groupBy: [{ field: "notes" }] }, "/groupBy/0/field"],
      [{ entity: "opportunity", filter: "notes = 'x'" }, "/filter"],
    ] as const) {
      const error = expectError(await as("finance").request("POST", QUERY, { body }), 403, "http.forbidden");
      expect(error.path).toBe(path);
    }
    expect(
      (
        await as("manager.east").request("POST", QUERY, {
          body: { entity: "opportunity", measures: [{ id: "n", aggregate: "count", field: "notes" }] },
        })
      ).statusCode,
    ).toBe(200);
  });

  it("refuses a role without read (403), an unknown entity (404) and bad formulas (400)", async () => {
    expectError(await as("auditor").request("POST", QUERY, { body: byStage }), 403, "http.forbidden");
    expectError(
      await as("admin").request("POST", QUERY, { body: { ...byStage, entity: "nothing" } }),
      404,
      "http.notFound",
    );
    const broken = expectError(
      await as("admin").request("POST", QUERY, { body: { ...byStage, filter: "amount >" } }),
      400,
    );
    expect(broken.code).toMatch(/^formula\./);
    expect(broken.path).toBe("/filter");
    const noSql = expectError(
      await as("admin").request("POST", QUERY, { body: { ...byStage, filter: "TEXT(amount) = '1'" } }),
      400,
    );
    expect(noSql.code).toMatch(/^formula\./);
    expectError(
      await as("admin").request("POST", QUERY, { body: { ...byStage, sort: [{ by: "region" }] } }),
      400,
      "http.badRequest",
    );
  });
});

describe("default order of select groupings", () => {
  it("groups by a select field in the order of its options, not of their stored values", async () => {
    const rows = await query("admin", {
      entity: "opportunity",
      groupBy: [{ field: "stage" }],
      measures: [{ id: "deals", aggregate: "count" }],
    });
    // Alphabetically these would be lost, negotiation, proposal, prospecting, qualification, won.
    expect(rows.map((r) => r.stage)).toEqual([
      "prospecting",
      "qualification",
      "proposal",
      "negotiation",
      "won",
      "lost",
    ]);
  });

  it("orders through a relation, and an explicit sort still wins", async () => {
    const byRegion = await query("admin", {
      entity: "opportunity",
      groupBy: [{ field: "account.region" }, { field: "stage" }],
      measures: [{ id: "deals", aggregate: "count" }],
    });
    const regions = [...new Set(byRegion.map((r) => r["account.region"]))];
    expect(regions).toEqual(["east", "north", "south", "west"].filter((r) => regions.includes(r)));
    expect(regions.length).toBeGreaterThan(1);
    expect(byRegion.filter((r) => r["account.region"] === "east").map((r) => r.stage)).toEqual([
      "prospecting",
      "qualification",
      "proposal",
      "negotiation",
      "won",
      "lost",
    ]);
    const sorted = await query("admin", {
      entity: "opportunity",
      groupBy: [{ field: "stage" }],
      measures: [{ id: "deals", aggregate: "count" }],
      sort: [{ by: "stage", direction: "asc" }],
    });
    expect(sorted.map((r) => r.stage)).toEqual([
      "lost",
      "negotiation",
      "proposal",
      "prospecting",
      "qualification",
      "won",
    ]);
  });
});
