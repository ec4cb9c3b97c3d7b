import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CURRENT_SCHEMA_VERSION, canonicalAppJson, type Migration } from "@plinth/runtime";
import { templates } from "@plinth/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrate } from "../src/cli/migrate.js";
import { createTestIo } from "./support/cliIo.js";

/** `plinth migrate`, in-process: the shipped templates are up to date; upgrades with a test migration. */

let dir = "";
const file = (name: string) => join(dir, name);
const small = {
  schemaVersion: 1,
  id: "crm",
  version: "1.0.0",
  label: { en: "CRM", "zh-CN": "客户" },
  entities: [
    {
      id: "contact",
      label: { en: "Contact", "zh-CN": "联系人" },
      fields: [{ id: "name", kind: "text", label: { en: "Name", "zh-CN": "姓名" } }],
    },
  ],
};
/** A pretend v1 → v2 upgrade: renames `title` to `label` at the top. */
const toV2: Migration = {
  from: 1,
  describe: "rename the app's 'title' to 'label'",
  migrate: ({ title, ...rest }) => ({ ...rest, label: title }),
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "plinth-migrate-"));
  for (const t of templates) await writeFile(file(`${t.app.id}.json`), JSON.stringify(t.app));
  const { label, ...old } = small;
  await writeFile(file("v1.json"), JSON.stringify({ ...old, title: label }));
  await writeFile(file("future.json"), JSON.stringify({ ...small, schemaVersion: CURRENT_SCHEMA_VERSION + 1 }));
  await writeFile(file("notJson.json"), "{ nope");
  await writeFile(file("invalid.json"), JSON.stringify({ schemaVersion: 1, id: "x" }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("plinth migrate", () => {
  it("--help and -h print the usage in English and Chinese and exit 0", async () => {
    for (const flag of ["--help", "-h"]) {
      const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
      expect(await runMigrate([flag], t.io)).toBe(0);
      expect(t.out()).toContain(`Usage / 用法: plinth migrate <app.json>`);
      expect(t.out()).toContain("--check");
      expect(t.out()).toContain("退出码");
    }
  });

  it.each(templates.map((t) => t.app.id))("the shipped %s template is up to date: --check exits 0", async (id) => {
    const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runMigrate([file(`${id}.json`), "--check"], t.io)).toBe(0);
    expect(t.out()).toBe(`${file(`${id}.json`)}: up to date (schema version ${CURRENT_SCHEMA_VERSION}).\n`);
  });

  it("without -o prints the document in canonical form on stdout and the summary on stderr", async () => {
    const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runMigrate([file("pipeline.json")], t.io)).toBe(0);
    const pipeline = templates.find((x) => x.app.id === "pipeline")?.app;
    expect(t.out()).toBe(canonicalAppJson(pipeline));
    expect(t.err()).toContain("up to date");
  });

  it("--check exits 1 when an upgrade is needed and writes nothing; the upgrade writes -o and exits 0", async () => {
    const config = { migrations: [toV2], target: 2 };
    const check = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    const out = file("v2.json");
    expect(await runMigrate([file("v1.json"), "--check", "-o", out], check.io, config)).toBe(1);
    expect(check.out()).toBe(
      `${file("v1.json")}: needs an upgrade from schema version 1 to 2:\n  - rename the app's 'title' to 'label'\n`,
    );
    await expect(readFile(out, "utf8")).rejects.toThrow();
    const zh = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runMigrate([file("v1.json"), "--check", "--lang", "zh-CN"], zh.io, config)).toBe(1);
    expect(zh.out()).toContain("需要从模式版本 1 升级到 2");

    const run = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runMigrate([file("v1.json"), "-o", out], run.io, config)).toBe(0);
    expect(run.out()).toContain("upgraded from schema version 1 to 2");
    const written = JSON.parse(await readFile(out, "utf8")) as Record<string, unknown>;
    expect(written).toMatchObject({ schemaVersion: 2, label: small.label });
    expect(written.title).toBeUndefined();
    const again = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runMigrate([out, "--check"], again.io, config)).toBe(0);
  });

  it("--json reports from, to, the steps applied and the document when no file is written", async () => {
    const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runMigrate([file("v1.json"), "--json"], t.io, { migrations: [toV2], target: 2 })).toBe(0);
    const doc = JSON.parse(t.out()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      ok: true,
      upToDate: false,
      from: 1,
      to: 2,
      applied: ["rename the app's 'title' to 'label'"],
      app: { schemaVersion: 2, label: small.label },
    });
    const check = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runMigrate([file("crm.json"), "--json", "--check"], check.io)).toBe(2);
  });

  it("a newer or unknown schema version, a file that is not JSON or is missing exit 2 with the reason", async () => {
    const future = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runMigrate([file("future.json")], future.io)).toBe(2);
    expect(future.err()).toContain("schema.unsupportedVersion /schemaVersion");
    const notJson = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runMigrate([file("notJson.json")], notJson.io)).toBe(2);
    expect(notJson.err()).toContain("schema.notJson");
    const missing = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runMigrate([file("missing.json")], missing.io)).toBe(2);
    expect(missing.err()).toContain("cli.fileUnreadable");
    const none = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runMigrate([], none.io)).toBe(2);
  });

  it("an up-to-date but invalid app exits 1 with its issues", async () => {
    const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runMigrate([file("invalid.json")], t.io)).toBe(1);
    expect(t.err()).toContain("error");
    expect(t.out()).toBe("");
  });
});
