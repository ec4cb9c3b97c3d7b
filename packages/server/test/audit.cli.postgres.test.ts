import { randomBytes } from "node:crypto";
import { createRuntime } from "@plinth/runtime";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runAudit } from "../src/cli/audit.js";
import { createPostgresStorage } from "../src/storage/postgres/index.js";
import { createTestIo } from "./support/cliIo.js";
import { testDatabase } from "./support/context.js";

/**
 * `plinth audit verify --database` (and PLINTH_DATABASE_URL) on a database of its own, as the
 * servers use it (tables in the default schema). audit.cli.test.ts covers the SQLite folder.
 */
const adminUrl = process.env.PLINTH_TEST_PG_URL ?? "";

const testIo = () => createTestIo(new Date("2026-06-01T10:00:00.000Z"));

function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function query(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}

describe.skipIf(testDatabase !== "postgres")("plinth audit verify --database", () => {
  const suffix = randomBytes(4).toString("hex");
  const plinth = `plinth_audit_cli_${suffix}`;
  const empty = `plinth_audit_empty_${suffix}`;

  beforeAll(async () => {
    await query(adminUrl, `CREATE DATABASE ${plinth}`);
    await query(adminUrl, `CREATE DATABASE ${empty}`);
    const storage = createPostgresStorage({ url: databaseUrl(plinth), functions: createRuntime().functions });
    try {
      for (let i = 1; i <= 12; i++) {
        await storage.write((tx) =>
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
    } finally {
      await storage.close();
    }
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    for (const name of [plinth, empty]) await query(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it("exits 0 with the row count, from --database or PLINTH_DATABASE_URL", async () => {
    const t = testIo();
    expect(await runAudit(["verify", "--database", databaseUrl(plinth)], t.io)).toBe(0);
    expect(t.out()).toBe("OK The audit log is intact: 12 row(s) verified.\n");
    vi.stubEnv("PLINTH_DATABASE_URL", databaseUrl(plinth));
    const env = testIo();
    expect(await runAudit(["verify", "--json"], env.io)).toBe(0);
    expect(JSON.parse(env.out())).toEqual({ ok: true, rows: 12 });
  });

  it("refuses both --data and --database, and a URL that is not PostgreSQL's", async () => {
    const both = testIo();
    expect(await runAudit(["verify", "--data", "./data", "--database", databaseUrl(plinth)], both.io)).toBe(2);
    expect(both.err()).toContain("not both");
    const mysql = testIo();
    expect(await runAudit(["verify", "--database", "mysql://root:pw@db/x", "--lang", "zh-CN"], mysql.io)).toBe(2);
    expect(mysql.err()).toContain("cli.invalidDatabaseUrl");
    expect(mysql.err()).toContain("不是 PostgreSQL 连接地址");
    expect(mysql.err()).not.toContain(":pw@");
  });

  it("says when a database is not Plinth's, and changes nothing in it", async () => {
    const t = testIo();
    expect(await runAudit(["verify", "--database", databaseUrl(empty)], t.io)).toBe(2);
    expect(t.err()).toContain("error audit.notPlinthDatabase");
    const tables = await query(
      databaseUrl(empty),
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables).toEqual([]);
  });

  it("says when the server cannot be reached, without printing the password", async () => {
    const t = testIo();
    expect(
      await runAudit(["verify", "--database", "postgres://plinth:s3cret@127.0.0.1:1/plinth", "--json"], t.io),
    ).toBe(2);
    const printed = JSON.parse(t.out()) as { ok: boolean; issues: Array<{ code: string; params: unknown }> };
    expect(printed.issues[0]?.code).toBe("audit.databaseUnreachable");
    expect(t.out()).not.toContain("s3cret");
    expect(t.out()).toContain("plinth:***@127.0.0.1:1");
  });

  it("exits 1 at the first modified row once someone with the rights bypassed the trigger", async () => {
    await query(databaseUrl(plinth), "ALTER TABLE audit DISABLE TRIGGER audit_no_update");
    await query(databaseUrl(plinth), "UPDATE audit SET diff = $1 WHERE seq = 5", [JSON.stringify({ name: "x" })]);
    const en = testIo();
    expect(await runAudit(["verify", "--database", databaseUrl(plinth)], en.io)).toBe(1);
    expect(en.out()).toContain("TAMPERED row 5 (modified)");
    const zh = testIo();
    expect(await runAudit(["verify", "--database", databaseUrl(plinth), "--lang", "zh-CN"], zh.io)).toBe(1);
    expect(zh.out()).toContain("审计日志第 5 行在写入后被修改");
  });
});
