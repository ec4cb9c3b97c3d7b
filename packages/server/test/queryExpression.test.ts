import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { starterApp } from "../src/demo/starterApp.js";
import { type Client, type Server, testServer } from "./support/server.js";

type Row = Record<string, unknown>;
const QUERY = "/api/apps/starter/query";

const won = { id: "won", aggregate: "count", filter: "stage = 'won'" };
const closed = { id: "closed", aggregate: "count", filter: "stage IN ('won', 'lost')" };
const winRate = { id: "win_rate", aggregate: "count", filter: "stage = 'won'", divideBy: "closed" };
const wonAmount = { id: "won_amount", aggregate: "sum", field: "amount", filter: "stage = 'won'" };
const avgProbability = { id: "avg_p", aggregate: "avg", field: "probability" };
const open = { id: "open", aggregate: "count", filter: "NOT(stage IN ('won', 'lost'))" };

describe("expression measures: a number formula over the query's other measures, computed in SQL", () => {
  let server: Server;
  let admin: Client;
  beforeAll(async () => {
    server = await testServer();
    admin = await server.login("admin");
  });
  afterAll(() => server.close());

  async function query(body: Row): Promise<Row[]> {
    const res = await admin.request("POST", QUERY, { body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ rows: Row[] }>().rows;
  }

  it("computes per group over plain, ratio and average measures, and sorts by the result", async () => {
    const rows = await query({
      entity: "opportunity",
      groupBy: [{ field: "region" }],
      measures: [
        { id: "velocity", expression: "open * win_rate * won_amount / avg_p" },
        open,
        won,
        closed,
        winRate,
        wonAmount,
        avgProbability,
      ],
      sort: [{ by: "velocity", direction: "desc" }],
    });
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      const n = Number(row.closed);
      expect(row.win_rate).toBe(n === 0 ? null : Number(row.won) / n);
      // The same doubles in the same order as the SQL: exact, not close.
      const expected =
        row.win_rate === null || row.avg_p === null || Number(row.avg_p) === 0
          ? null
          : (Number(row.open) * Number(row.win_rate) * Number(row.won_amount)) / Number(row.avg_p);
      expect(row.velocity).toBe(expected);
    }
    const values = rows.map((r) => r.velocity as number | null);
    const known = values.filter((v) => v !== null);
    expect(known.length).toBeGreaterThan(0);
    expect(values.slice(0, known.length)).toEqual([...known].sort((a, b) => b - a));
  });

  it("gives blank over a blank operand and for a division by 0, and takes functions and literals", async () => {
    const [row] = await query({
      entity: "opportunity",
      filter: "amount < 0",
      measures: [
        closed,
        winRate,
        { id: "rate_per_deal", expression: "win_rate / closed" },
        { id: "per_closed", expression: "100 / closed" },
        { id: "fallback", expression: "IF(ISBLANK(win_rate), 0, win_rate) + 1" },
      ],
    });
    expect(row).toEqual({ closed: 0, win_rate: null, rate_per_deal: null, per_closed: null, fallback: 1 });
    const [all] = await query({
      entity: "opportunity",
      measures: [closed, won, { id: "share", expression: "ROUND(won * 100 / closed, 1)" }],
    });
    const share = Math.round((Number(all?.won) * 1000) / Number(all?.closed)) / 10;
    expect(Number(all?.closed)).toBeGreaterThan(0);
    expect(all?.share).toBe(share);
  });

  it("refuses an expression that names no number measure of the query (400, with the issue's path)", async () => {
    for (const measures of [
      [closed, { id: "x", expression: "closd * 2" }],
      [closed, { id: "x", expression: "closed * 2" }, { id: "y", expression: "x + 1" }],
      [
        { id: "first", aggregate: "min", field: "name" },
        { id: "x", expression: "first + 1" },
      ],
    ]) {
      const res = await admin.request("POST", QUERY, { body: { entity: "opportunity", measures } });
      expect(res.statusCode, res.body).toBe(400);
      const body = res.json<{ error: { code: string; path: string } }>().error;
      expect(body.code).toBe("formula.unknownField");
      expect(body.path).toBe(`/measures/${measures.length - 1}/expression`);
    }
    const res = await admin.request("POST", QUERY, {
      body: { entity: "opportunity", measures: [closed, { id: "x", expression: "closed & 'deals'" }] },
    });
    expect(res.statusCode, res.body).toBe(400);
  });

  it("validateApp: a measure is an aggregate or an expression over the others, a number that runs in SQL", () => {
    const app = structuredClone(starterApp) as unknown as {
      pages: Array<{ id: string; widgets?: Array<{ query: { measures?: unknown[] } }> }>;
    };
    const page = app.pages.findIndex((p) => p.id === "forecast");
    const widget = app.pages[page]?.widgets?.[0] as { query: { measures?: unknown[] } };
    const at = `/pages/${page}/widgets/0/query/measures`;
    const issues = () => server.ctx.runtime.validateApp(app).issues.map((i) => ({ code: i.code, path: i.path }));

    widget.query.measures = [closed, won, { id: "rate", expression: "won / closed" }];
    expect(issues()).toEqual([]);

    widget.query.measures = [
      closed,
      { id: "none" },
      { id: "both", aggregate: "sum", field: "amount", expression: "closed * 2" },
      { id: "text", expression: "'closed'" },
      { id: "ratio_of_expression", aggregate: "count", divideBy: "both" },
      { id: "minus_expression", aggregate: "count", minus: "text" },
    ];
    expect(issues()).toEqual([
      { code: "schema.required", path: `${at}/1` },
      { code: "schema.unknownProperty", path: `${at}/2/aggregate` },
      { code: "schema.unknownProperty", path: `${at}/2/field` },
      { code: "formula.expectedType", path: `${at}/3/expression` },
      { code: "schema.unknownReference", path: `${at}/4/divideBy` },
      { code: "schema.unknownReference", path: `${at}/5/minus` },
    ]);
  });
});
