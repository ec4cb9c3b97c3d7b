import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, runEval, runValidate } from "../src/index.js";
import { createTestIo } from "./support/cliIo.js";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

let dir = "";
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "plinth-cli-"));
  const sales = await readFile(join(fixtures, "sales.app.json"), "utf8");
  await writeFile(file("sales.json"), sales);
  const bad = JSON.parse(sales) as { entities: Array<{ fields: Array<Record<string, unknown>> }> };
  const accountField = bad.entities[1]?.fields[1];
  if (accountField === undefined)
    throw new Error("fixture changed: opportunity.account expected at /entities/1/fields/1");
  accountField.target = "acount";
  await writeFile(file("badTarget.json"), JSON.stringify(bad, null, 2));
  await writeFile(file("notJson.json"), '{\n  "schemaVersion": 1,\n  "id": "sales",\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("plinth validate", () => {
  it("exits 0 on a valid app and says so", async () => {
    const t = createTestIo();
    expect(await runValidate([file("sales.json")], t.io)).toBe(0);
    expect(t.out()).toContain("valid (0 errors, 0 warnings)");
    expect(t.err()).toBe("");
  });

  it("exits 1 on an unknown relation target, with the path and message", async () => {
    const t = createTestIo();
    expect(await runValidate([file("badTarget.json")], t.io)).toBe(1);
    expect(t.out()).toContain(
      "error schema.unknownReference /entities/1/fields/1/target: There is no entity 'acount'. Did you mean 'account'?",
    );
    expect(t.out()).toContain("invalid (1 error, 0 warnings)");
  });

  it("prints the Chinese messages with --lang zh-CN", async () => {
    const t = createTestIo();
    expect(await runValidate([file("badTarget.json"), "--lang", "zh-CN"], t.io)).toBe(1);
    expect(t.out()).toContain("/entities/1/fields/1/target: 不存在实体“acount”");
    expect(t.out()).toContain("无效（1 个错误，0 个警告）");
  });

  it("prints { ok, issues } as JSON with --json", async () => {
    const t = createTestIo();
    expect(await runValidate([file("badTarget.json"), "--json"], t.io)).toBe(1);
    const result = JSON.parse(t.out()) as { ok: boolean; issues: Array<{ code: string; path: string }> };
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ["schema.unknownReference", "/entities/1/fields/1/target"],
    ]);
  });

  it("treats text that is not JSON as invalid (exit 1, schema.notJson)", async () => {
    const t = createTestIo();
    expect(await runValidate([file("notJson.json")], t.io)).toBe(1);
    expect(t.out()).toMatch(/^error schema\.notJson: The document is not valid JSON/);
  });

  it("exits 2 when the file cannot be read, in either language", async () => {
    const en = createTestIo();
    expect(await runValidate([file("missing.json")], en.io)).toBe(2);
    expect(en.err()).toContain("error cli.fileUnreadable: Cannot read");
    expect(en.err()).toContain("no such file");
    expect(en.out()).toBe("");
    const zh = createTestIo();
    expect(await runValidate([file("missing.json"), "--lang", "zh-CN"], zh.io)).toBe(2);
    expect(zh.err()).toContain("文件不存在");
  });

  it("exits 2 on bad arguments", async () => {
    const t = createTestIo();
    expect(await runValidate([], t.io)).toBe(2);
    expect(await runValidate([file("sales.json"), "--lang", "fr"], t.io)).toBe(2);
    expect(await runValidate([file("sales.json"), "--strict"], t.io)).toBe(2);
    expect(t.err()).toContain("cli.missingArgument");
    expect(t.err()).toContain("cli.unknownLocale");
    expect(t.err()).toContain("cli.invalidArguments");
  });
});

describe("plinth eval", () => {
  const onOpportunity = (formula: string, ...more: string[]) => [
    formula,
    "--app",
    file("sales.json"),
    "--entity",
    "opportunity",
    ...more,
  ];

  it("evaluates a formula on a record and prints the value as JSON", async () => {
    const t = createTestIo();
    const args = onOpportunity(
      "ROUND(amount * probability / 100, 2)",
      "--record",
      '{"amount": 12345.67, "probability": 35}',
    );
    expect(await runEval(args, t.io)).toBe(0);
    expect(t.out()).toBe("4320.98\n");
  });

  it("prints the value and its type with --json", async () => {
    const t = createTestIo();
    expect(await runEval(onOpportunity("stage = 'won'", "--record", '{"stage": "won"}', "--json"), t.io)).toBe(0);
    expect(JSON.parse(t.out())).toEqual({ ok: true, value: true, type: "boolean" });
  });

  it("reads today from --today, else from the CLI's clock", async () => {
    const fixed = createTestIo();
    expect(await runEval(onOpportunity("$today", "--today", "2026-12-31"), fixed.io)).toBe(0);
    expect(fixed.out()).toBe('"2026-12-31"\n');
    const clock = createTestIo();
    expect(await runEval(onOpportunity("YEAR($today)"), clock.io)).toBe(0);
    expect(clock.out()).toBe("2026\n");
  });

  it("shows a typo'd field with a caret under its column (exit 1)", async () => {
    const t = createTestIo();
    const formula = "ROUND(amont * probability / 100, 2)";
    expect(await runEval(onOpportunity(formula), t.io)).toBe(1);
    const lines = t.out().split("\n");
    const formulaLine = lines.find((line) => line.endsWith(formula)) ?? "";
    const caretLine = lines[lines.indexOf(formulaLine) + 1] ?? "";
    expect(caretLine.indexOf("^")).toBe(formulaLine.indexOf("amont"));
    expect(caretLine.trimEnd().endsWith("^^^^^")).toBe(true);
    expect(t.out()).toContain("error formula.unknownField");
    expect(t.out()).toContain("Did you mean 'amount'?");
  });

  it("reports an option a select field does not have", async () => {
    const t = createTestIo();
    expect(await runEval(onOpportunity("stage = 'wonn'"), t.io)).toBe(1);
    expect(t.out()).toContain("error formula.unknownOption");
    expect(t.out()).toContain("'won'");
  });

  it("refuses to evaluate on an invalid app (exit 1) or an unknown entity (exit 2)", async () => {
    const invalid = createTestIo();
    expect(await runEval(["1 + 1", "--app", file("badTarget.json"), "--entity", "opportunity"], invalid.io)).toBe(1);
    expect(invalid.out()).toContain("schema.unknownReference");
    const unknown = createTestIo();
    expect(await runEval(["1 + 1", "--app", file("sales.json"), "--entity", "deal"], unknown.io)).toBe(2);
    expect(unknown.err()).toContain("cli.unknownEntity");
  });

  it("reports a record value of the wrong type as an evaluation issue (exit 1)", async () => {
    const t = createTestIo();
    expect(await runEval(onOpportunity("amount * 2", "--record", '{"amount": "lots"}'), t.io)).toBe(1);
    expect(t.out()).toContain("formula.unexpectedValue");
  });

  it("refuses a --record that is not a JSON object (exit 2)", async () => {
    const t = createTestIo();
    expect(await runEval(onOpportunity("amount", "--record", "[1]"), t.io)).toBe(2);
    expect(t.err()).toContain("cli.invalidJsonOption");
  });
});

describe("plinth", () => {
  it("prints help, the version, and usage for an unknown command (exit 2)", async () => {
    const t = createTestIo();
    expect(await runCli(["help"], t.io)).toBe(0);
    expect(t.out()).toContain("plinth validate <app.json>");
    expect(await runCli(["--version"], t.io)).toBe(0);
    expect(t.out()).toMatch(/\d+\.\d+\.\d+\n$/);
    expect(await runCli(["frobnicate"], t.io)).toBe(2);
    expect(t.err()).toContain("Unknown command 'frobnicate'");
  });

  it("runs as a real process with the documented exit codes", () => {
    const run = (...args: string[]) => spawnSync(process.execPath, args, { cwd: repoRoot, encoding: "utf8" });
    const source = ["--import", "tsx/esm", "--conditions=source", "packages/server/src/cli/main.ts"];
    // Through the launcher (dist when built, else tsx on the sources), then the sources directly.
    expect(run("packages/server/bin/plinth.js", "validate", file("sales.json")).status).toBe(0);
    const invalid = run(...source, "validate", file("badTarget.json"));
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toContain("schema.unknownReference");
    expect(run(...source, "validate", file("missing.json")).status).toBe(2);
  });
});
