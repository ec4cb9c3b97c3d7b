import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "./support/http.js";
import { type Client, type Server, testServer } from "./support/server.js";

/** Data lines of an export as objects by header. */
function rowsOf(body: string): Array<Record<string, string>> {
  const [header = "", ...lines] = body
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\n");
  const columns = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [columns[i] ?? "", v])));
}

describe("CSV export in the table's order", () => {
  let server: Server;
  let admin: Client;

  beforeAll(async () => {
    server = await testServer();
    admin = await server.login("admin");
    // More than one export page (1,000 rows), with many equal amounts so ties cross page boundaries.
    const account = await admin.request("GET", "/api/apps/starter/data/account?limit=1");
    const accountId = (account.json() as { records: Array<{ id: string }> }).records[0]?.id;
    const lines = ["name,account,region,amount,stage,close_date"];
    for (let i = 0; i < 900; i++) lines.push(`Sorted ${i},${accountId},east,${(i % 7) * 1000},prospecting,2026-12-01`);
    const imported = await admin.request("POST", "/api/apps/starter/data/opportunity/import?wait=1", {
      body: lines.join("\n"),
      headers: { "content-type": "text/csv" },
    });
    expect(imported.statusCode, imported.body).toBe(200);
  });
  afterAll(() => server.close());

  it("sorts by the list API's keys across pages, every row once", async () => {
    const res = await admin.request("GET", "/api/apps/starter/data/opportunity/export.csv?sort=-amount,name");
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const rows = rowsOf(res.body);
    expect(rows.length).toBe(1200);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1200);
    const keys = rows.map((r) => [Number(r.amount || Number.NEGATIVE_INFINITY), r.name ?? ""] as const);
    for (let i = 1; i < keys.length; i++) {
      const [a, an] = keys[i - 1] as readonly [number, string];
      const [b, bn] = keys[i] as readonly [number, string];
      expect(a > b || (a === b && an <= bn), `${i}: ${a} ${an} / ${b} ${bn}`).toBe(true);
    }
  });

  it("combines the sort with a filter, and refuses a sort the list API refuses", async () => {
    const res = await admin.request(
      "GET",
      `/api/apps/starter/data/opportunity/export.csv?sort=name&filter=${encodeURIComponent("STARTSWITH(name, 'Sorted 1')")}`,
    );
    const names = rowsOf(res.body).map((r) => r.name);
    expect(names.length).toBe(111);
    expect(names).toEqual([...names].sort());
    expectError(await admin.request("GET", "/api/apps/starter/data/opportunity/export.csv?sort=files"), 400);
    expectError(await admin.request("GET", "/api/apps/starter/data/opportunity/export.csv?sort=nope"), 400);
  });
});
