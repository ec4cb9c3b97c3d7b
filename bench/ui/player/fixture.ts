/**
 * The database behind the table and dashboard UI benchmarks: the demo installed through Plinth's
 * own code (bench/server/fixture.ts), the bench app (benchApp.ts) published over it as the starter
 * app's next version, and the opportunity table bulk-loaded to `rows` rows.
 */
import { createRuntime } from "../../../packages/runtime/src/index.js";
import { publishApp } from "../../../packages/server/src/apps/publish.js";
import { starterApp } from "../../../packages/server/src/demo/starterApp.js";
import { createWriteHooks, newId, systemClock } from "../../../packages/server/src/http/context.js";
import { createSqliteStorage } from "../../../packages/server/src/storage/sqlite/index.js";
import { bulkLoadOpportunities, DEMO_PASSWORD, type DemoFile, installDemoFile } from "../../server/fixture.js";
import { BENCH_APP_ID, benchApp } from "./benchApp.js";

export { DEMO_PASSWORD };

export interface PlayerFixture {
  readonly demo: DemoFile;
  /** Opportunity rows in the table after the load. */
  readonly rows: number;
  /** How long installing, publishing and loading took (not part of any figure). */
  readonly loadMs: number;
}

/** Publish the bench app as the starter app's next version (additive: two pages, no table change). */
async function publishBenchApp(file: string, adminId: string): Promise<void> {
  const runtime = createRuntime();
  const storage = createSqliteStorage({ file, durability: "normal", functions: runtime.functions });
  const ctx = { storage, runtime, clock: systemClock, newId, secureCookies: false, hooks: createWriteHooks() };
  try {
    await storage.write((tx) =>
      publishApp(ctx, tx, {
        appId: BENCH_APP_ID,
        schema: benchApp(starterApp),
        actor: adminId,
        requestId: null,
        action: "app.publish",
      }),
    );
  } finally {
    await storage.close();
  }
}

/** Install the demo into `file`, publish the bench pages and fill the opportunity table to `rows`. */
export async function createPlayerFixture(file: string, rows: number): Promise<PlayerFixture> {
  const started = performance.now();
  const demo = await installDemoFile(file, "normal");
  await publishBenchApp(file, demo.users.admin);
  bulkLoadOpportunities(demo, rows);
  return { demo, rows, loadMs: performance.now() - started };
}
