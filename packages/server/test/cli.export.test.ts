import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canonicalAppJson } from "@plinth/runtime";
import { templates } from "@plinth/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runExport } from "../src/cli/export.js";
import { runImport } from "../src/cli/import.js";
import { starterApp } from "../src/demo/starterApp.js";
import { exportApp } from "../src/transfer/exportApp.js";
import { createTestIo } from "./support/cliIo.js";
import { ADMIN_PASSWORD, type Client, type Server, testServer } from "./support/server.js";

/**
 * `plinth export` / `plinth import` against real servers listening on ports: the demo app and its
 * data exported from one server, imported into a second one (which has the same people) and
 * compared record by record; the canonical form of a file; CSV through the server's import jobs.
 */

type Row = Record<string, unknown>;

async function listen(server: Server): Promise<string> {
  await server.app.listen({ port: 0, host: "127.0.0.1" });
  const address = server.app.server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

async function tokenOf(admin: Client): Promise<string> {
  const res = await admin.request("POST", "/api/auth/tokens", { body: { name: "cli test" } });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { token: string }).token;
}

let source: Server;
let target: Server;
let sourceUrl = "";
let targetUrl = "";
let sourceToken = "";
let targetToken = "";
let sourceAdmin: Client;
let targetAdmin: Client;
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "plinth-export-"));
  source = await testServer();
  target = await testServer({ demo: false });
  sourceUrl = await listen(source);
  targetUrl = await listen(target);
  sourceAdmin = await source.login("admin");
  targetAdmin = await target.login("admin", ADMIN_PASSWORD);
  sourceToken = await tokenOf(sourceAdmin);
  targetToken = await tokenOf(targetAdmin);
  // The second server has the same people (by user name), not yet any role in the app.
  const users = (await sourceAdmin.request("GET", "/api/users")).json() as { users: Row[] };
  for (const user of users.users.filter((u) => u.username !== "admin")) {
    const res = await targetAdmin.request("POST", "/api/users", {
      body: {
        username: user.username,
        displayName: user.displayName,
        password: "password-123",
        attributes: user.attributes,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await source?.close();
  await target?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Every record of an entity, its relations shown by the target's title and users by user name. */
async function snapshot(admin: Client, entity: string): Promise<Row[]> {
  const users = new Map(
    ((await admin.request("GET", "/api/users")).json() as { users: Row[] }).users.map((u) => [u.id, u.username]),
  );
  const definition = starterApp.entities.find((e) => e.id === entity);
  const all: Row[] = [];
  let cursor: string | undefined;
  do {
    const res = await admin.request(
      "GET",
      `/api/apps/starter/data/${entity}?limit=500&sort=createdAt${cursor ? `&cursor=${cursor}` : ""}`,
    );
    const page = res.json() as { records: Row[]; next?: string };
    all.push(...page.records);
    cursor = page.next;
  } while (cursor);
  const titles = new Map<string, unknown>();
  for (const field of definition?.fields ?? []) {
    if (field.kind !== "relation") continue;
    const res = await admin.request("GET", `/api/apps/starter/data/${field.target}?limit=500`);
    for (const r of (res.json() as { records: Row[] }).records) titles.set(String(r.id), r.name);
  }
  // Records created in the same instant come in id order, which differs between servers: sort by content.
  const rows = all.map((record) => {
    const out: Row = {};
    for (const field of definition?.fields ?? []) {
      const value = record[field.id];
      if (field.kind === "attachment") continue;
      out[field.id] =
        field.kind === "relation"
          ? titles.get(String(value))
          : field.kind === "user"
            ? users.get(String(value))
            : value;
    }
    return out;
  });
  return rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe("plinth export / plinth import", () => {
  it("--help of both commands prints the usage in English and Chinese and exits 0", async () => {
    for (const [run, text] of [
      [runExport, "plinth export --server URL --token T --app ID"],
      [runImport, "plinth import --server URL --token T [dir]"],
    ] as const) {
      for (const flag of ["--help", "-h"]) {
        const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
        expect(await run([flag], t.io)).toBe(0);
        expect(t.out()).toContain(text);
        expect(t.out()).toContain("退出码");
      }
    }
  });

  it("export <app.json> prints the canonical form; -o writes it; an invalid file exits 1", async () => {
    const file = join(dir, "starter.json");
    await import("node:fs/promises").then((fs) =>
      fs.writeFile(file, JSON.stringify({ ...starterApp, version: starterApp.version })),
    );
    const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runExport([file], t.io)).toBe(0);
    expect(t.out()).toBe(canonicalAppJson(starterApp));
    const out = join(dir, "canonical", "starter.app.json");
    const written = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runExport([file, "-o", out], written.io)).toBe(0);
    expect(await readFile(out, "utf8")).toBe(canonicalAppJson(starterApp));
    const json = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runExport([file, "--json"], json.io)).toBe(0);
    expect(JSON.parse(json.out())).toMatchObject({ ok: true, app: { id: "starter" } });
    const bad = join(dir, "bad.json");
    await import("node:fs/promises").then((fs) => fs.writeFile(bad, '{"schemaVersion": 1}'));
    const invalid = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runExport([bad], invalid.io)).toBe(1);
    expect(invalid.err()).toContain("error");
    const missing = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runExport([join(dir, "nope.json")], missing.io)).toBe(2);
  });

  it("round-trips the demo app and its data into a second server: same records, relations and owners", async () => {
    const out = join(dir, "starter-export");
    const exported = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(
      await runExport(["--server", sourceUrl, "--token", sourceToken, "--app", "starter", "-o", out], exported.io),
      exported.err(),
    ).toBe(0);
    expect(exported.out()).toMatch(/^Exported app 'starter' version 1 to .*: 2 entities, \d+ records\.\n$/);
    // Progress on standard error, every page: records done / total.
    expect(exported.err()).toMatch(/^account: \d+ \/ \d+$/m);
    expect(exported.err()).toMatch(/^opportunity: \d+ \/ \d+$/m);
    expect((await readdir(out)).sort()).toEqual(["app.json", "data", "users.json"]);
    expect((await readdir(join(out, "data"))).sort()).toEqual(["account.json", "opportunity.json"]);
    const app = await readFile(join(out, "app.json"), "utf8");
    expect(app).toBe(canonicalAppJson(JSON.parse(app)));
    const users = JSON.parse(await readFile(join(out, "users.json"), "utf8")) as Row[];
    expect(users.find((u) => u.username === "manager.east")?.roles).toEqual(["manager"]);

    const imported = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runImport(["--server", targetUrl, "--token", targetToken, out], imported.io), imported.out()).toBe(0);
    expect(imported.out()).toMatch(/^Imported app 'starter' \(version 1\): (\d+) \/ \1 records\.\n$/);
    expect(imported.err()).toMatch(/^opportunity: \d+ \/ \d+$/m);

    for (const entity of ["account", "opportunity"]) {
      const before = await snapshot(sourceAdmin, entity);
      const after = await snapshot(targetAdmin, entity);
      expect(before.length).toBeGreaterThan(0);
      expect(after).toEqual(before);
    }
    // The people have their roles in the imported app: a rep sees the same deals on both servers.
    const seen = async (client: Client) =>
      (
        (await client.request("GET", "/api/apps/starter/data/opportunity?limit=500")).json() as { records: Row[] }
      ).records
        .map((r) => r.name)
        .sort();
    const there = await seen(await target.login("rep.east", "password-123"));
    expect(there.length).toBeGreaterThan(0);
    expect(there).toEqual(await seen(await source.login("rep.east")));
  });

  it.each(templates.map((t) => [t.app.id, t.app] as const))(
    "export <app.json> of the shipped %s template is its canonical form, stable when exported again",
    async (id, app) => {
      const fs = await import("node:fs/promises");
      const file = join(dir, `${id}.json`);
      await fs.writeFile(file, JSON.stringify(app));
      const first = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
      expect(await runExport([file], first.io)).toBe(0);
      expect(first.out()).toBe(canonicalAppJson(app));
      const again = join(dir, `${id}.canonical.json`);
      await fs.writeFile(again, first.out());
      const second = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
      expect(await runExport([again], second.io)).toBe(0);
      expect(second.out()).toBe(first.out());
    },
  );

  it("the library reads every page with cursors and reports progress after each one", async () => {
    const progress: string[] = [];
    const result = await exportApp({
      server: { url: sourceUrl, token: sourceToken },
      app: "starter",
      dir: join(dir, "paged"),
      pageSize: 70,
      onProgress: (p) => progress.push(`${p.entity} ${p.done}/${p.total}`),
    });
    const opportunities = result.entities.find((e) => e.entity === "opportunity")?.records ?? 0;
    expect(opportunities).toBeGreaterThan(140);
    const pages = progress.filter((p) => p.startsWith("opportunity "));
    expect(pages).toHaveLength(Math.ceil(opportunities / 70));
    expect(pages[0]).toBe(`opportunity 70/${opportunities}`);
    expect(pages.at(-1)).toBe(`opportunity ${opportunities}/${opportunities}`);
    const written = JSON.parse(await readFile(join(dir, "paged", "data", "opportunity.json"), "utf8")) as Row[];
    expect(new Set(written.map((r) => r.id)).size).toBe(opportunities);
  });

  it("--format csv exports through the server's CSV export; import runs CSV files as import jobs", async () => {
    const out = join(dir, "starter-csv");
    const exported = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(
      await runExport(
        ["--server", sourceUrl, "--token", sourceToken, "--app", "starter", "-o", out, "--format", "csv", "--json"],
        exported.io,
      ),
    ).toBe(0);
    const doc = JSON.parse(exported.out()) as { ok: boolean; entities: Array<{ entity: string; records: number }> };
    expect(doc.ok).toBe(true);
    const accounts = doc.entities.find((e) => e.entity === "account")?.records ?? 0;
    expect(accounts).toBeGreaterThan(0);
    // A CSV folder of accounts only (relation columns hold the source's ids), into a fresh app id.
    await rm(join(out, "data", "opportunity.csv"));
    const app = JSON.parse(await readFile(join(out, "app.json"), "utf8")) as Row;
    await import("node:fs/promises").then((fs) =>
      fs.writeFile(join(out, "app.json"), JSON.stringify({ ...app, id: "starter_csv" })),
    );
    const imported = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runImport(["--server", targetUrl, "--token", targetToken, out, "--json"], imported.io)).toBe(0);
    const result = JSON.parse(imported.out()) as { ok: boolean; entities: Array<{ entity: string; imported: number }> };
    expect(result.ok).toBe(true);
    expect(result.entities).toEqual([{ entity: "account", imported: accounts, total: accounts }]);
    expect(imported.err()).toContain(`account: ${accounts} / ${accounts}`);
  });

  it("a second import of the same app is refused by the server (exit 1); refused records are listed", async () => {
    const out = join(dir, "starter-export");
    const again = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runImport(["--server", targetUrl, "--token", targetToken, out], again.io)).toBe(1);
    expect(again.err()).toContain("http.exists");
  });

  it("usage, unreachable servers, bad tokens and unknown apps have their exit codes and messages", async () => {
    const noToken = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runExport(["--server", sourceUrl, "--app", "starter"], noToken.io)).toBe(2);
    expect(noToken.err()).toContain("cli.missingArgument");
    const badFormat = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(
      await runExport(["--server", sourceUrl, "--token", "x", "--app", "starter", "--format", "xml"], badFormat.io),
    ).toBe(2);
    const down = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(
      await runExport(
        ["--server", "http://127.0.0.1:9", "--token", "x", "--app", "starter", "-o", join(dir, "x")],
        down.io,
      ),
    ).toBe(2);
    expect(down.err()).toContain("transfer.unreachable");
    const badToken = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(
      await runExport(
        ["--server", sourceUrl, "--token", "plt_nope", "--app", "starter", "-o", join(dir, "y"), "--lang", "zh-CN"],
        badToken.io,
      ),
    ).toBe(1);
    expect(badToken.err()).toContain("API 令牌无效");
    const unknown = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(
      await runExport(
        ["--server", sourceUrl, "--token", sourceToken, "--app", "nope", "-o", join(dir, "z")],
        unknown.io,
      ),
    ).toBe(1);
    expect(unknown.err()).toContain("http.notFound");
    const noDir = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runImport(["--server", targetUrl, "--token", targetToken, join(dir, "missing")], noDir.io)).toBe(2);
    expect(noDir.err()).toContain("cli.fileUnreadable");
  });
});
