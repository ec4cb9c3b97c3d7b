import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createRuntime } from "@plinth/runtime";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureAdmin } from "../src/auth/bootstrap.js";
import { runAudit } from "../src/cli/audit.js";
import { installDemo } from "../src/demo/seed.js";
import { createWriteHooks, newId, type ServerContext } from "../src/http/context.js";
import { createServer } from "../src/http/createServer.js";
import { createPostgresStorage } from "../src/storage/postgres/index.js";
import { createTestIo } from "./support/cliIo.js";
import { testClock, testDatabase } from "./support/context.js";
import { type Client, DEMO_PASSWORD, login } from "./support/server.js";

/**
 * Backup and restore on PostgreSQL with the database's own tools, as docs/deployment.md says:
 * `pg_dump -Fc` of a database a server is using (records, audit chain and uploads, which live in
 * the database), `createdb` + `pg_restore` into a fresh database, the source dropped, and a new
 * server over the restored one: same rows, the upload's bytes, and `plinth audit verify
 * --database` intact. Runs only with PLINTH_TEST_DATABASE=postgres; there it fails (rather
 * than skips) when the client tools are missing.
 */
const run = promisify(execFile);
const adminUrl = process.env.PLINTH_TEST_PG_URL ?? "";

const testIo = () => createTestIo(new Date("2026-06-01T10:00:00.000Z"));

/** The URL of another database on the same server. */
function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The folder of pg_dump, pg_restore and createdb of the server's major version (pg_dump refuses
 * a newer server): Debian's /usr/lib/postgresql/<major>/bin, else `pg_config --bindir` when it
 * is that version. Throws, saying what to install, when there is none.
 */
async function clientTools(): Promise<string> {
  const major = await admin(async (c) => {
    const r = await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    return Math.floor(Number(r.rows[0]?.v) / 10000);
  });
  const candidates = [`/usr/lib/postgresql/${major}/bin`];
  try {
    const { stdout } = await run("pg_config", ["--bindir"]);
    candidates.push(stdout.trim());
  } catch {
    // No pg_config on PATH: Debian's folder is the only candidate.
  }
  for (const dir of candidates) {
    if (!["pg_dump", "pg_restore", "createdb"].every((tool) => existsSync(join(dir, tool)))) continue;
    const { stdout } = await run(join(dir, "pg_dump"), ["--version"]);
    const found = Number(/(\d+)(\.\d+)?/.exec(stdout.replace(/^[^\d]*/, ""))?.[1]);
    if (found >= major) return dir;
  }
  throw new Error(
    `No pg_dump/pg_restore/createdb for PostgreSQL ${major} in ${candidates.join(" or ")}. ` +
      `Install the client tools of the server's version (Debian: apt-get install postgresql-client-${major}).`,
  );
}

/** A full server over a PostgreSQL database, as `plinth serve --database <url>` opens it. */
async function serverOver(url: string, options: { demo: boolean }) {
  const runtime = createRuntime();
  const ctx: ServerContext = {
    storage: createPostgresStorage({ url, functions: runtime.functions, maxConnections: 4 }),
    runtime,
    clock: testClock(),
    newId,
    secureCookies: false,
    hooks: createWriteHooks(),
  };
  if (options.demo) {
    await ensureAdmin(ctx, { password: "admin-password-1" });
    await installDemo(ctx, DEMO_PASSWORD, { templates: [], scale: "test" });
  }
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

/** Rows of every table of the database's public schema. */
async function tableCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
      counts[name] = Number(r.rows[0]?.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

describe.skipIf(testDatabase !== "postgres")("pg_dump and pg_restore of a Plinth database", () => {
  const suffix = randomBytes(4).toString("hex");
  const source = `plinth_backup_src_${suffix}`;
  const restored = `plinth_backup_dst_${suffix}`;
  const work = mkdtempSync(join(tmpdir(), "plinth-pgdump-"));
  const dump = join(work, "plinth.dump");
  // Over three parts of file_blob_parts.
  const bytes = randomBytes(2 * 1024 * 1024 + 777);
  let bin: string;

  beforeAll(async () => {
    bin = await clientTools();
    await admin((c) => c.query(`CREATE DATABASE ${source}`));
  });
  afterAll(async () => {
    await admin(async (c) => {
      for (const name of [source, restored]) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
    rmSync(work, { recursive: true, force: true });
  });

  it("restores records, the upload's bytes and the audit chain into a fresh database", async () => {
    const live = await serverOver(databaseUrl(source), { demo: true });
    let rep: Client;
    let dealId: string;
    let fileId: string;
    let before: Record<string, number>;
    try {
      rep = await live.login("rep.east");
      const accounts = await rep.request("GET", "/api/apps/starter/data/account?filter=region%20%3D%20'east'&limit=1");
      const account = (accounts.json() as { records: Array<{ id: string }> }).records[0]?.id;
      const upload = await rep.request("POST", "/api/apps/starter/files/opportunity/files?name=q3.pdf", {
        body: bytes,
        headers: { "content-type": "application/pdf" },
      });
      expect(upload.statusCode, upload.body).toBe(201);
      const file = upload.json() as { id: string };
      fileId = file.id;
      const deal = await rep.request("POST", "/api/apps/starter/data/opportunity", {
        body: {
          name: "With the Q3 file",
          account,
          region: "east",
          close_date: "2026-09-01",
          owner: rep.userId,
          files: [file],
        },
      });
      expect(deal.statusCode, deal.body).toBe(201);
      dealId = (deal.json() as { id: string }).id;

      // Online: the server is still open while pg_dump takes its snapshot.
      await run(join(bin, "pg_dump"), ["-Fc", "-f", dump, databaseUrl(source)]);
      before = await tableCounts(databaseUrl(source));
      expect(before.file_blobs).toBe(1);
      expect(before.file_blob_parts).toBe(3);
    } finally {
      await live.close();
    }
    // Nothing of the source is needed any more: restore from the dump alone.
    await admin((c) => c.query(`DROP DATABASE ${source} WITH (FORCE)`));

    await run(join(bin, "createdb"), [`--maintenance-db=${adminUrl}`, restored]);
    await run(join(bin, "pg_restore"), [
      "--no-owner",
      "--exit-on-error",
      "--single-transaction",
      "-d",
      databaseUrl(restored),
      dump,
    ]);
    expect(await tableCounts(databaseUrl(restored))).toEqual(before);

    const audit = testIo();
    expect(await runAudit(["verify", "--database", databaseUrl(restored)], audit.io)).toBe(0);
    expect(audit.out()).toBe(`OK The audit log is intact: ${before.audit} row(s) verified.\n`);

    const back = await serverOver(databaseUrl(restored), { demo: false });
    try {
      const me = await back.login("rep.east");
      const deal = await me.request("GET", `/api/apps/starter/data/opportunity/${dealId}`);
      expect(deal.statusCode).toBe(200);
      expect((deal.json() as { files: Array<{ id: string }> }).files.map((f) => f.id)).toEqual([fileId]);
      const download = await me.request("GET", `/api/apps/starter/data/opportunity/${dealId}/files/files/${fileId}`);
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(bytes)).toBe(true);
      // The restored database takes writes; their audit rows chain on to the restored ones.
      const res = await me.request("PATCH", `/api/apps/starter/data/opportunity/${dealId}`, {
        body: { name: "Renamed after restore" },
        headers: { "if-match": `"${(deal.json() as { version: number }).version}"` },
      });
      expect(res.statusCode, res.body).toBe(200);
    } finally {
      await back.close();
    }
    const after = testIo();
    expect(await runAudit(["verify", "--database", databaseUrl(restored), "--json"], after.io)).toBe(0);
    expect(JSON.parse(after.out())).toEqual({ ok: true, rows: expect.any(Number) });
    expect((JSON.parse(after.out()) as { rows: number }).rows).toBeGreaterThan(before.audit ?? 0);
    expect(readdirSync(work)).toEqual(["plinth.dump"]);
  });
});
