import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { starterApp } from "../src/demo/starterApp.js";
import { type Client, type Server, testServer } from "./support/server.js";

type Row = Record<string, unknown>;
const QUERY = "/api/apps/starter/query";

const won = { id: "won", aggregate: "count", filter: "stage = 'won'" };
const closed = { id: "closed", aggregate: "count", filter: "stage IN ('won', 'lost')" };
const winRate = { id: "win_rate", aggregate: "count", filter: "stage = 'won'", divideBy: "closed", percent: true };

describe("ratio measures (divideBy): one aggregate over another, computed by the server", () => {
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

  it("divides per group, times 100 with percent, and sorts by the ratio", async () => {
    const rows = await query({
      entity: "opportunity",
      groupBy: [{ field: "region" }],
      measures: [won, closed, winRate, { id: "avg_won", aggregate: "sum", field: "amount", divideBy: "won" }],
      sort: [{ by: "win_rate", direction: "desc" }],
    });
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      const n = Number(row.closed);
      expect(row.win_rate).toBe(n === 0 ? null : (Number(row.won) * 100) / n);
    }
    const rates = rows.map((r) => r.win_rate as number | null).filter((r) => r !== null);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
  });

  it("subtracts a plain measure (minus) and divides by the difference", async () => {
    const [row] = await query({
      entity: "opportunity",
      measures: [
        { id: "all", aggregate: "sum", field: "amount" },
        { id: "won_amount", aggregate: "sum", field: "amount", filter: "stage = 'won'" },
        { id: "rest", aggregate: "sum", field: "amount", minus: "won_amount" },
        {
          id: "open_share",
          aggregate: "sum",
          field: "amount",
          filter: "NOT(stage IN ('won', 'lost'))",
          divideBy: "rest",
        },
      ],
    });
    const rest = Number(row?.all) - Number(row?.won_amount);
    expect(row?.rest).toBe(rest);
    const [open] = await query({
      entity: "opportunity",
      filter: "NOT(stage IN ('won', 'lost'))",
      measures: [{ id: "amount", aggregate: "sum", field: "amount" }],
    });
    expect(row?.open_share).toBe(rest === 0 ? null : Number(open?.amount) / rest);
  });

  it("gives blank when the divisor is 0 (no rows)", async () => {
    const [row] = await query({ entity: "opportunity", filter: "amount < 0", measures: [closed, winRate] });
    expect(row).toEqual({ closed: 0, win_rate: null });
  });

  it("validateApp refuses a divideBy that names no plain measure of the query", () => {
    const app = structuredClone(starterApp) as unknown as {
      pages: Array<{ id: string; widgets?: Array<{ query: { measures?: unknown[] } }> }>;
    };
    const widgets = app.pages.find((p) => p.id === "forecast")?.widgets ?? [];
    const page = app.pages.findIndex((p) => p.id === "forecast");
    (widgets[0] as { query: { measures?: unknown[] } }).query.measures = [closed, { ...winRate, divideBy: "win_rate" }];
    const paths = server.ctx.runtime.validateApp(app).issues.map((i) => i.path);
    expect(paths).toContain(`/pages/${page}/widgets/0/query/measures/1/divideBy`);
    (widgets[0] as { query: { measures?: unknown[] } }).query.measures = [
      closed,
      { ...winRate, minus: "closed", divideBy: undefined },
      { id: "bad", aggregate: "count", minus: "win_rate" },
    ];
    expect(server.ctx.runtime.validateApp(app).issues.map((i) => i.path)).toEqual([
      `/pages/${page}/widgets/0/query/measures/2/minus`,
    ]);
    (widgets[0] as { query: { measures?: unknown[] } }).query.measures = [closed, winRate];
    expect(server.ctx.runtime.validateApp(app).issues).toEqual([]);
  });
});
