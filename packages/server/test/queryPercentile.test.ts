import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, type Server, testServer } from "./support/server.js";

/** Median and percentile measures: computed by SQLite, interpolated as PERCENTILE.INC. */

type Row = Record<string, unknown>;
let server: Server;
let admin: Client;

beforeAll(async () => {
  server = await testServer();
  admin = await server.login("admin");
});
afterAll(() => server.close());

/** PERCENTILE.INC over the numbers. */
function inc(xs: number[], p: number): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.ceil(h)] as number;
  return a + (b - a) * (h - lo);
}

describe("median and percentile measures", () => {
  it("match PERCENTILE.INC over the rows of each group, blanks left out, filters applied", async () => {
    const res = await admin.request("POST", "/api/apps/starter/query", {
      body: {
        entity: "opportunity",
        groupBy: [{ field: "region" }],
        measures: [
          { id: "median", aggregate: "median", field: "amount" },
          { id: "p90", aggregate: "percentile", field: "amount", p: 90 },
          { id: "won_p25", aggregate: "percentile", field: "amount", p: 25, filter: "stage = 'won'" },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json<{ rows: Row[] }>().rows;
    expect(rows.length).toBeGreaterThan(1);
    const all: Row[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.request(
        "GET",
        `/api/apps/starter/data/opportunity?limit=500&fields=region,amount,stage${cursor ? `&cursor=${cursor}` : ""}`,
      );
      const body = page.json<{ records: Row[]; next?: string }>();
      all.push(...body.records);
      cursor = body.next;
    } while (cursor);
    for (const row of rows) {
      const mine = all.filter((r) => r.region === row.region && typeof r.amount === "number");
      const amounts = mine.map((r) => r.amount as number);
      const won = mine.filter((r) => r.stage === "won").map((r) => r.amount as number);
      expect(row.median).toBeCloseTo(inc(amounts, 50) as number, 6);
      expect(row.p90).toBeCloseTo(inc(amounts, 90) as number, 6);
      if (won.length === 0) expect(row.won_p25).toBeNull();
      else expect(row.won_p25).toBeCloseTo(inc(won, 25) as number, 6);
    }
  });

  it("refuses a p outside 0–100", async () => {
    const res = await admin.request("POST", "/api/apps/starter/query", {
      body: { entity: "opportunity", measures: [{ id: "p", aggregate: "percentile", field: "amount", p: 101 }] },
    });
    expect(res.statusCode).toBe(400);
  });
});
