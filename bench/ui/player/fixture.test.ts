import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, createRuntime } from "@plinth/runtime";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { starterApp } from "../../../packages/server/src/demo/starterApp.js";
import { createSqliteStorage } from "../../../packages/server/src/storage/sqlite/index.js";
import {
  BENCH_APP_ID,
  BENCH_DASHBOARD_PAGE,
  BENCH_TABLE_COLUMNS,
  BENCH_TABLE_PAGE,
  BENCH_TABLE_PAGE_SIZE,
  BENCH_TABLE_SORT,
  benchApp,
} from "./benchApp.js";
import { createPlayerFixture } from "./fixture.js";

// The table and dashboard UI benchmarks are only worth their figures if the fixture is what
// they print: these tests pin it (no timing here; the figures come from `pnpm bench`).

const runtime = createRuntime();
const app = benchApp(starterApp);
const dir = mkdtempSync(join(tmpdir(), "plinth-player-fixture-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the bench app", () => {
  it("validates with the core's validateApp", () => {
    const result = runtime.validateApp(app);
    expect(result.issues).toEqual([]);
    expect(result.app).toBeDefined();
  });

  it("has a dashboard of six widgets, one of each kind the issue names, over opportunities", () => {
    const page = app.pages?.find((p) => p.id === BENCH_DASHBOARD_PAGE);
    expect(page?.kind).toBe("dashboard");
    const widgets = page?.kind === "dashboard" ? page.widgets : [];
    expect(widgets).toHaveLength(6);
    expect(widgets.map((w) => w.type).sort()).toEqual(["bar", "funnel", "kpi", "line", "pie", "table"]);
    expect(new Set(widgets.map((w) => w.query.entity))).toEqual(new Set(["opportunity"]));
  });

  it("has the table page the hand-written list copies (columns, sort, page size)", () => {
    const page = app.pages?.find((p) => p.id === BENCH_TABLE_PAGE);
    expect(page?.kind).toBe("table");
    if (page?.kind !== "table") return;
    expect(page.entity).toBe("opportunity");
    expect(page.columns.map((c) => c.field)).toEqual([...BENCH_TABLE_COLUMNS]);
    expect(page.sort).toEqual([{ by: BENCH_TABLE_SORT.field, direction: BENCH_TABLE_SORT.direction }]);
    expect(page.pageSize).toBe(BENCH_TABLE_PAGE_SIZE);
  });

  it("keeps the starter app's own pages", () => {
    for (const page of starterApp.pages) expect(app.pages?.map((p) => p.id)).toContain(page.id);
  });
});

describe("createPlayerFixture", () => {
  it("publishes the bench app over the demo and fills the opportunity table to the row count", async () => {
    const file = join(dir, "fixture.sqlite");
    const fixture = await createPlayerFixture(file, 2500);
    expect(fixture.rows).toBe(2500);

    const db = new Database(file, { readonly: true });
    try {
      const count = db.prepare(`SELECT COUNT(*) AS n FROM "${fixture.demo.table}"`).get() as { n: number };
      expect(count.n).toBe(2500);
    } finally {
      db.close();
    }

    const storage = createSqliteStorage({ file, durability: "normal", functions: runtime.functions });
    try {
      const published = await storage.read(async (tx) => {
        const row = await tx.platform.app(BENCH_APP_ID);
        return row?.publishedVersion ? tx.platform.appVersion(BENCH_APP_ID, row.publishedVersion) : undefined;
      });
      const pages = (published?.schema as App | undefined)?.pages?.map((p) => p.id) ?? [];
      expect(pages).toContain(BENCH_TABLE_PAGE);
      expect(pages).toContain(BENCH_DASHBOARD_PAGE);
    } finally {
      await storage.close();
    }
  });
});
