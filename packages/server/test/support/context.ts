import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRuntime } from "@plinth/runtime";
import type { Clock, ServerContext } from "../../src/http/context.js";
import { createWriteHooks, newId } from "../../src/http/context.js";
import { createSqliteStorage } from "../../src/storage/sqlite/index.js";

/** A clock tests can move. */
export function testClock(start = "2026-06-01T09:00:00.000Z"): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

/** A server context over a real SQLite file in a fresh temporary folder. */
export function testContext(options: { clock?: Clock; durability?: "full" | "normal" } = {}): ServerContext & {
  readonly dir: string;
  readonly file: string;
  cleanup(): Promise<void>;
} {
  const dir = mkdtempSync(join(tmpdir(), "plinth-test-"));
  const file = join(dir, "plinth.sqlite");
  const runtime = createRuntime();
  const storage = createSqliteStorage({
    file,
    durability: options.durability ?? "normal",
    functions: runtime.functions,
  });
  return {
    dir,
    file,
    storage,
    runtime,
    clock: options.clock ?? testClock(),
    newId,
    secureCookies: false,
    hooks: createWriteHooks(),
    async cleanup() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
