import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRuntime } from "@plinth/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAudit } from "../src/cli/audit.js";
import { runBackup } from "../src/cli/backup.js";
import { createWriteHooks, newId, type ServerContext } from "../src/http/context.js";
import { createServer } from "../src/http/createServer.js";
import { createSqliteStorage } from "../src/storage/sqlite/index.js";
import { createTestIo } from "./support/cliIo.js";
import { testClock, testDatabase } from "./support/context.js";
import { type Client, DEMO_PASSWORD, login, type Server, testServer } from "./support/server.js";
import { inspect } from "./support/sqlite.js";

/**
 * `plinth backup` on a running SQLite server (the demo starter app and an uploaded file), and
 * restore: a new server over the copy serves the same records and the same bytes, and
 * `plinth audit verify` finds the chain intact. PostgreSQL: backup.postgres.test.ts.
 */

const testIo = () => createTestIo(new Date("2026-06-01T10:00:00.000Z"));

/** A full server over an existing data folder (a restored backup), as `plinth serve --data` opens it. */
async function serverOver(data: string) {
  const runtime = createRuntime();
  const ctx: ServerContext = {
    storage: createSqliteStorage({
      file: join(data, "plinth.sqlite"),
      durability: "normal",
      functions: runtime.functions,
    }),
    runtime,
    clock: testClock("2026-06-02T09:00:00.000Z"),
    newId,
    secureCookies: false,
    hooks: createWriteHooks(),
  };
  const app = await createServer(ctx);
  return {
    ctx,
    login: (username: string) => login(app, username, DEMO_PASSWORD),
    async close() {
      await app.close();
      await ctx.storage.close();
    },
  };
}

describe.skipIf(testDatabase === "postgres")("plinth backup and restore (SQLite)", () => {
  let server: Server;
  let rep: Client;
  let work: string;
  let account: string;
  const bytes = randomBytes(200_000);
  let fileId: string;
  let dealId: string;

  const createDeal = async (client: Client, name: string, files: unknown[] = []) => {
    const res = await client.request("POST", "/api/apps/starter/data/opportunity", {
      body: { name, account, region: "east", close_date: "2026-09-01", owner: client.userId, files },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number; files: unknown[] };
  };

  beforeAll(async () => {
    server = await testServer();
    work = mkdtempSync(join(tmpdir(), "plinth-backup-"));
    rep = await server.login("rep.east");
    const accounts = await rep.request("GET", "/api/apps/starter/data/account?filter=region%20%3D%20'east'&limit=1");
    account = (accounts.json() as { records: Array<{ id: string }> }).records[0]?.id as string;
    const upload = await rep.request("POST", "/api/apps/starter/files/opportunity/files?name=q3.pdf", {
      body: bytes,
      headers: { "content-type": "application/pdf" },
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const file = upload.json() as { id: string };
    fileId = file.id;
    dealId = (await createDeal(rep, "With the Q3 file", [file])).id;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("backs up while the server writes; the copy is a data folder that restores records, bytes and the audit chain", async () => {
    const out = join(work, "during");
    const t = testIo();
    // Writers keep going while the backup runs: the copy is one consistent snapshot of them.
    const [code] = await Promise.all([
      runBackup(["--data", server.ctx.dir, "--out", out], t.io),
      (async () => {
        for (let i = 0; i < 20; i++) await createDeal(rep, `During backup ${i}`);
      })(),
    ]);
    expect(t.err()).toBe("");
    expect(code).toBe(0);
    expect(t.out()).toMatch(/^Backed up .+ to .+during: database \d+ bytes, 1 uploaded file\(s\) \(200000 bytes\)\./);
    expect(readdirSync(out).sort()).toEqual(["files", "plinth.sqlite"]);
    expect(readFileSync(join(out, "files", fileId)).equals(bytes)).toBe(true);
    expect(readdirSync(work)).toEqual(["during"]);

    const copy = inspect(join(out, "plinth.sqlite"));
    try {
      expect(copy.integrity()).toBe("ok");
      // Some prefix of the 20 writes, each whole: a snapshot, not a torn copy.
      const table = copy.table("starter", "opportunity");
      const during = copy.db.prepare(`SELECT name FROM "${table}" WHERE name LIKE 'During backup %'`).all() as Array<{
        name: string;
      }>;
      const expected = Array.from({ length: during.length }, (_, i) => `During backup ${i}`);
      expect(during.map((r) => r.name).sort()).toEqual(expected.sort());
    } finally {
      copy.close();
    }
    const audit = testIo();
    expect(await runAudit(["verify", "--data", out], audit.io)).toBe(0);
    expect(audit.out()).toMatch(/^OK The audit log is intact: \d+ row\(s\) verified\.\n$/);

    const restored = await serverOver(out);
    try {
      const me = await restored.login("rep.east");
      const deal = await me.request("GET", `/api/apps/starter/data/opportunity/${dealId}`);
      expect(deal.statusCode).toBe(200);
      expect((deal.json() as { files: Array<{ id: string }> }).files.map((f) => f.id)).toEqual([fileId]);
      const download = await me.request("GET", `/api/apps/starter/data/opportunity/${dealId}/files/files/${fileId}`);
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(bytes)).toBe(true);
      // The restored server takes writes (its own audit rows chain on to the copied ones).
      await createDeal(me, "After restore");
    } finally {
      await restored.close();
    }
    expect(await runAudit(["verify", "--data", out], testIo().io)).toBe(0);
  });

  it("a backup after a write holds that write, and every table as the server has it", async () => {
    const written = await createDeal(rep, "Written before the second backup");
    const out = join(work, "after");
    expect(await runBackup(["--data", server.ctx.dir, "--out", out], testIo().io)).toBe(0);
    const live = inspect(server.ctx.file);
    const copy = inspect(join(out, "plinth.sqlite"));
    try {
      expect(copy.counts()).toEqual(live.counts());
      const table = copy.table("starter", "opportunity");
      expect(copy.db.prepare(`SELECT name FROM "${table}" WHERE id = ?`).get(written.id)).toEqual({
        name: "Written before the second backup",
      });
      const head = (db: typeof live) => db.db.prepare("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").get();
      expect(head(copy)).toEqual(head(live));
    } finally {
      live.close();
      copy.close();
    }
  });

  it("prints the summary as JSON and in Chinese", async () => {
    const json = testIo();
    expect(await runBackup(["--data", server.ctx.dir, "--out", join(work, "json"), "--json"], json.io)).toBe(0);
    expect(JSON.parse(json.out())).toMatchObject({ ok: true, out: join(work, "json"), files: 1, fileBytes: 200_000 });
    const zh = testIo();
    expect(await runBackup(["--data", server.ctx.dir, "--out", join(work, "zh"), "--lang", "zh-CN"], zh.io)).toBe(0);
    expect(zh.out()).toContain("上传文件 1 个（200000 字节）");
  });

  it("refuses, with exit 2 and what to do, an existing folder, a folder inside the data, no database, no --out and --database", async () => {
    const full = join(work, "full");
    mkdirSync(full);
    writeFileSync(join(full, "keep.txt"), "mine");
    const refused = async (args: string[], code: string, lang = "en") => {
      const t = testIo();
      expect(await runBackup([...args, "--lang", lang], t.io)).toBe(2);
      expect(t.err()).toContain(code);
      return t.err();
    };
    expect(await refused(["--data", server.ctx.dir, "--out", full], "cli.backupExists")).toContain(
      "a backup never overwrites",
    );
    expect(readFileSync(join(full, "keep.txt"), "utf8")).toBe("mine");
    expect(await refused(["--data", server.ctx.dir, "--out", full], "cli.backupExists", "zh-CN")).toContain(
      "备份从不覆盖",
    );
    await refused(["--data", server.ctx.dir, "--out", join(server.ctx.dir, "backup")], "cli.backupInsideData");
    await refused(["--data", join(work, "nothing"), "--out", join(work, "x")], "cli.backupNoDatabase");
    await refused(["--data", server.ctx.dir], "cli.missingArgument");
    expect(await refused(["--database", "postgres://h/db", "--out", join(work, "y")], "cli.backupPostgres")).toContain(
      "pg_dump -Fc",
    );
    expect(readdirSync(work).sort()).toEqual(["after", "during", "full", "json", "zh"]);
  });
});
