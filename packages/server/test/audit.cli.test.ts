import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAudit } from "../src/cli/audit.js";
import { createTestIo } from "./support/cliIo.js";
import { testContext, testDatabase } from "./support/context.js";

type Ctx = ReturnType<typeof testContext>;
let ctx: Ctx;

beforeEach(async () => {
  ctx = testContext();
  for (let i = 1; i <= 50; i++) {
    await ctx.storage.write((tx) =>
      tx.platform.appendAudit({
        at: new Date(Date.UTC(2026, 5, 1, 9, 0, i)).toISOString(),
        userId: "u1",
        requestId: null,
        action: "record.create",
        appId: "sales",
        entity: "opportunity",
        recordId: `r${i}`,
        diff: { name: `Deal ${i}` },
      }),
    );
  }
});

afterEach(async () => {
  await ctx.cleanup();
});

function deleteRow(seq: number): void {
  const db = new Database(ctx.file);
  db.exec("DROP TRIGGER audit_no_delete");
  db.prepare("DELETE FROM audit WHERE seq = ?").run(seq);
  db.close();
}

// `plinth audit verify` reads a SQLite data folder.
describe.skipIf(testDatabase === "postgres")("plinth audit verify", () => {
  it("exits 0 and prints OK with the row count", async () => {
    const t = createTestIo(new Date("2026-06-01T10:00:00.000Z"));
    expect(await runAudit(["verify", "--data", ctx.dir], t.io)).toBe(0);
    expect(t.out()).toBe("OK The audit log is intact: 50 row(s) verified.\n");
    expect(t.err()).toBe("");
  });

  it("exits 1 with the first bad row, in English or Chinese", async () => {
    deleteRow(20);
    const en = createTestIo(new Date("2026-06-01T10:00:00.000Z"));
    expect(await runAudit(["verify", "--data", ctx.dir], en.io)).toBe(1);
    expect(en.out()).toContain("TAMPERED row 20 (deleted): Audit row 20 is missing");
    const zh = createTestIo(new Date("2026-06-01T10:00:00.000Z"));
    expect(await runAudit(["verify", "--data", ctx.dir, "--lang", "zh-CN"], zh.io)).toBe(1);
    expect(zh.out()).toContain("第 20 行（deleted）");
    expect(zh.out()).toContain("审计日志缺少第 20 行");
  });

  it("prints the verification as JSON with --json", async () => {
    deleteRow(3);
    const t = createTestIo(new Date("2026-06-01T10:00:00.000Z"));
    expect(await runAudit(["verify", "--data", ctx.dir, "--json"], t.io)).toBe(1);
    expect(JSON.parse(t.out())).toMatchObject({ ok: false, rows: 2, firstBad: { seq: 3, problem: "deleted" } });
  });

  it("exits 2 when the database file is missing or unreadable", async () => {
    const t = createTestIo(new Date("2026-06-01T10:00:00.000Z"));
    expect(await runAudit(["verify", "--data", join(ctx.dir, "elsewhere")], t.io)).toBe(2);
    expect(t.err()).toContain("audit.fileMissing");
    expect(t.err()).toContain(join(ctx.dir, "elsewhere", "plinth.sqlite"));
    const json = createTestIo(new Date("2026-06-01T10:00:00.000Z"));
    expect(await runAudit(["verify", "--data", join(ctx.dir, "elsewhere"), "--json"], json.io)).toBe(2);
    expect(JSON.parse(json.out())).toMatchObject({ ok: false, issues: [{ code: "audit.fileMissing" }] });
  });

  it("exits 2 on wrong arguments", async () => {
    for (const args of [[], ["check"], ["verify", "extra"], ["verify", "--nope"], ["verify", "--lang", "fr"]]) {
      const t = createTestIo(new Date("2026-06-01T10:00:00.000Z"));
      expect(await runAudit(args, t.io), args.join(" ")).toBe(2);
      expect(t.err()).not.toBe("");
    }
  });
});
