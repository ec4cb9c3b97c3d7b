import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, type Server, testServer } from "./support/server.js";

describe("CSV import and export", () => {
  let server: Server;
  let admin: Client;
  let accountId: string;

  beforeAll(async () => {
    server = await testServer();
    admin = await server.login("admin");
    const res = await admin.request("GET", "/api/apps/starter/data/account?limit=1&filter=region%20%3D%20'east'");
    accountId = (res.json() as { records: Array<{ id: string }> }).records[0]?.id as string;
  });
  afterAll(() => server.close());

  const csvRequest = (client: Client, url: string, body: string) =>
    client.request("POST", url, { body, headers: { "content-type": "text/csv" } });

  const count = async (filter: string) => {
    const res = await admin.request("POST", "/api/apps/starter/query", {
      body: { entity: "opportunity", filter, measures: [{ id: "n", aggregate: "count" }] },
    });
    return (res.json() as { rows: Array<{ n: number }> }).rows[0]?.n;
  };

  it("exports only the rows and columns the role may see", async () => {
    const finance = await server.login("finance");
    const res = await finance.request("GET", "/api/apps/starter/data/opportunity/export.csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    const header = (lines[0] ?? "").split(",");
    expect(header).toContain("amount");
    expect(header).not.toContain("notes");
    const stageColumn = header.indexOf("stage");
    const stages = new Set(lines.slice(1).map((l) => l.split(",")[stageColumn]));
    expect([...stages]).toEqual(["won"]);
    expect(lines.length - 1).toBe(await count("stage = 'won'"));
  });

  it("refuses export to a role without the export action", async () => {
    // Finance may read accounts but not export them.
    const finance = await server.login("finance");
    expect((await finance.request("GET", "/api/apps/starter/data/account?limit=1")).statusCode).toBe(200);
    const res = await finance.request("GET", "/api/apps/starter/data/account/export.csv");
    expect(res.statusCode).toBe(403);
  });

  it("all-or-nothing: one invalid row imports nothing and reports row numbers and reasons", async () => {
    const before = await count("CONTAINS(name, 'Imported A')");
    const csv = [
      "name,account,region,amount,stage,close_date",
      `Imported A1,${accountId},east,1000,prospecting,2026-12-01`,
      `Imported A2,${accountId},east,lots,prospecting,2026-12-01`,
      `Imported A3,${accountId},mars,3000,prospecting,2026-12-01`,
      `Imported A4,${accountId},east,4000,prospecting,2026-12-01`,
    ].join("\n");
    const res = await csvRequest(admin, "/api/apps/starter/data/opportunity/import?mode=all&wait=1", csv);
    expect(res.statusCode).toBe(422);
    const job = res.json() as {
      status: string;
      imported: number;
      processed: number;
      errors: Array<{ row: number; issues: Array<{ code: string; path: string }> }>;
    };
    expect(job.status).toBe("failed");
    expect(job.processed).toBe(4);
    expect(job.imported).toBe(0);
    expect(job.errors.map((e) => [e.row, e.issues[0]?.code, e.issues[0]?.path])).toEqual([
      [3, "record.type", "/amount"],
      [4, "record.notAnOption", "/region"],
    ]);
    expect(await count("CONTAINS(name, 'Imported A')")).toBe(before);
  });

  it("skip mode keeps the valid rows and reports the others", async () => {
    const csv = [
      "name,account,region,amount,stage,close_date,lost_reason",
      `Imported B1,${accountId},east,1000,prospecting,2026-12-01,`,
      `Imported B2,${accountId},east,2000,lost,2026-12-01,`,
      `Imported B3,${accountId},east,"3,000",won,2026-12-01,`,
    ].join("\n");
    const res = await csvRequest(admin, "/api/apps/starter/data/opportunity/import?mode=skip&wait=1", csv);
    expect(res.statusCode).toBe(200);
    const job = res.json() as { imported: number; errors: Array<{ row: number; issues: Array<{ code: string }> }> };
    expect(job.imported).toBe(2);
    expect(job.errors.map((e) => [e.row, e.issues[0]?.code])).toEqual([[3, "record.rule"]]);
    expect(await count("CONTAINS(name, 'Imported B')")).toBe(2);
  });

  it("runs as a job whose progress can be watched", async () => {
    const rows = Array.from(
      { length: 1200 },
      (_, i) => `Imported C${i},${accountId},east,${1000 + i},prospecting,2026-12-01`,
    );
    const res = await csvRequest(
      admin,
      "/api/apps/starter/data/opportunity/import?mode=skip",
      ["name,account,region,amount,stage,close_date", ...rows].join("\n"),
    );
    expect(res.statusCode).toBe(202);
    const location = String(res.headers.location);
    const seen: number[] = [];
    let status = "running";
    while (status === "running") {
      const poll = await admin.request("GET", location);
      const job = poll.json() as { status: string; processed: number };
      seen.push(job.processed);
      status = job.status;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(status).toBe("done");
    expect(seen.at(-1)).toBe(1200);
    expect(await count("CONTAINS(name, 'Imported C')")).toBe(1200);
    expect(seen.length).toBeGreaterThan(1);
  });

  it("refuses other content types and oversized uploads", async () => {
    const json = await admin.request("POST", "/api/apps/starter/data/opportunity/import", { body: { a: 1 } });
    expect(json.statusCode).toBe(415);
    const big = await admin.request("POST", "/api/apps/starter/data/opportunity/import", {
      body: "x",
      headers: { "content-type": "text/csv", "content-length": String(200 * 1024 * 1024) },
    });
    expect(big.statusCode).toBe(413);
  });
});
