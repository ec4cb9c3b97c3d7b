import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { templates } from "@plinth/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTest } from "../src/cli/test.js";
import { starterApp } from "../src/demo/starterApp.js";
import { createTestIo } from "./support/cliIo.js";

/** `plinth test`, in-process: text and --json reports, both languages, exit codes, --help. */

const fixtures = fileURLToPath(new URL("./fixtures/scenarios/", import.meta.url));
const shipped = fileURLToPath(new URL("../../templates/scenarios/", import.meta.url));

let dir = "";
const file = (name: string) => join(dir, name);
const pipelineApp = templates.find((t) => t.app.id === "pipeline")?.app;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "plinth-cli-test-"));
  await writeFile(file("pipeline.json"), JSON.stringify(pipelineApp));
  await writeFile(file("starter.json"), JSON.stringify(starterApp));
  const withTests = {
    ...starterApp,
    tests: [
      {
        id: "discount_needs_a_manager",
        label: { en: "A discount waits for the region's manager", "zh-CN": "折扣等待本区域经理审批" },
        today: "2026-06-15",
        users: [
          { id: "rep", roles: ["rep"], region: "east" },
          { id: "boss", roles: ["manager"], region: "east" },
          { id: "other", roles: ["manager"], region: "north" },
        ],
        given: [{ entity: "account", ref: "acme", values: { name: "Acme", region: "east" } }],
        steps: [
          {
            as: "rep",
            do: "create",
            entity: "opportunity",
            ref: "deal",
            values: {
              name: "Acme",
              account: "acme",
              region: "east",
              amount: 1000,
              close_date: "2026-07-01",
              discount: 10,
            },
            expect: { values: { stage: "prospecting", probability: 10, account: "acme", owner: "rep" } },
          },
          {
            as: "rep",
            do: "submit",
            entity: "opportunity",
            ref: "deal",
            expect: { values: { discount_status: "pending" } },
          },
          { as: "other", do: "approve", entity: "opportunity", ref: "deal", expect: { ok: false } },
          {
            as: "boss",
            do: "approve",
            entity: "opportunity",
            ref: "deal",
            expect: { values: { discount_status: "approved" } },
          },
          {
            as: "rep",
            do: "transition",
            entity: "opportunity",
            ref: "deal",
            transition: "qualify",
            expect: { values: { stage: "qualification", probability: 20 } },
          },
          { as: "rep", do: "delete", entity: "opportunity", ref: "deal", expect: { code: "http.forbidden" } },
          { as: "other", do: "delete", entity: "opportunity", ref: "deal", expect: { code: "http.notFound" } },
          { as: "boss", do: "delete", entity: "opportunity", ref: "deal" },
          { as: "rep", do: "read", entity: "opportunity", ref: "deal", expect: { code: "http.notFound" } },
        ],
      },
    ],
  };
  await writeFile(file("starterWithTests.json"), JSON.stringify(withTests));
  await writeFile(file("notJson.json"), '{ "id": "x", ');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("plinth test", () => {
  it("--help and -h print the usage in English and Chinese and exit 0", async () => {
    for (const flag of ["--help", "-h"]) {
      const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
      expect(await runTest([flag], t.io)).toBe(0);
      expect(t.out()).toContain("plinth test <app.json> [scenario.json ...]");
      expect(t.out()).toContain("场景测试");
      expect(t.out()).toContain("Exit codes / 退出码");
    }
  });

  it("exits 2 without an app file, on an unknown option and on an unreadable scenario file", async () => {
    const none = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runTest([], none.io)).toBe(2);
    expect(none.err()).toContain("cli.missingArgument");
    const option = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runTest([file("pipeline.json"), "--fast"], option.io)).toBe(2);
    expect(option.err()).toContain("cli.invalidArguments");
    const missing = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runTest([file("pipeline.json"), file("nope.json")], missing.io)).toBe(2);
    expect(missing.err()).toContain("cli.fileUnreadable");
  });

  it("exits 2 when there is nothing to run: no tests in the app and no files", async () => {
    const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runTest([file("starter.json")], t.io)).toBe(2);
    expect(t.err()).toContain("cli.noScenarios");
  });

  it("runs the app's own tests when no file is given", async () => {
    const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runTest([file("starterWithTests.json")], t.io), t.out()).toBe(0);
    expect(t.out()).toContain(`PASS ${file("starterWithTests.json")} discount_needs_a_manager`);
    expect(t.out()).toContain("1 scenario: 1 passed, 0 failed.");
  });

  it("runs scenario files of a shipped template and exits 0 when all pass", async () => {
    const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    const files = [join(shipped, "pipeline/commit-too-early.json"), join(shipped, "pipeline/ownership.json")];
    expect(await runTest([file("pipeline.json"), ...files], t.io), t.out()).toBe(0);
    expect(t.out()).toContain("PASS");
    expect(t.out()).toContain("commit_too_early");
    expect(t.out()).toContain("2 scenarios: 2 passed, 0 failed.");
  });

  it("reports each failing step with its pointer, expected and actual, and exits 1", async () => {
    const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    const failing = join(fixtures, "pipeline-failing.json");
    expect(await runTest([file("pipeline.json"), failing], t.io)).toBe(1);
    const out = t.out();
    expect(out).toContain(`FAIL ${failing} wrong_probability`);
    expect(out).toContain("  ✗ /0/steps/4 rep01 transition\n");
    expect(out).toContain(
      "error scenario.valueMismatch /0/steps/4/expect/values/probability: Field 'probability': expected 30, got 20.",
    );
    expect(out).toContain('expected: {"ok":true,"values":{"stage":"qualification","probability":30}}');
    expect(out).toContain('actual  : {"ok":true,"status":200,"values":{"stage":"qualification","probability":20}}');
    expect(out).toContain("1 step skipped");
    expect(out).toContain("error scenario.unexpectedSuccess /1/steps/2/expect:");
    expect(out).toContain(
      "error scenario.wrongCode /2/steps/2/expect/code: Expected 'rep01: update opportunity deal' to be refused with http.forbidden, but it was refused with record.rule",
    );
    expect(out).toContain("error scenario.unexpectedError /3/steps/1:");
    expect(out).toContain("close_date");
    expect(out).toContain("error scenario.unknownRef /4/steps/0/ref: There is no record 'ghost' yet.");
    expect(out).toContain("error scenario.givenFailed /5/given/0:");
    expect(out).toContain("6 scenarios: 0 passed, 6 failed.");
  });

  it("--lang zh-CN reports in Chinese", async () => {
    const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    const failing = join(fixtures, "pipeline-failing.json");
    expect(await runTest([file("pipeline.json"), failing, "--lang", "zh-CN"], t.io)).toBe(1);
    expect(t.out()).toContain(`失败 ${failing} wrong_probability — 故意写错`);
    expect(t.out()).toContain("字段“probability”：预期 30，实际 20。");
    expect(t.out()).toContain("6 个场景：0 个通过，6 个失败。");
  });

  it("--json prints one document: ok, counts and every step's expected and actual", async () => {
    const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    const failing = join(fixtures, "pipeline-failing.json");
    expect(await runTest([file("pipeline.json"), failing, "--json"], t.io)).toBe(1);
    const doc = JSON.parse(t.out()) as {
      ok: boolean;
      counts: { scenarios: number; passed: number; failed: number };
      scenarios: Array<{
        id: string;
        passed: boolean;
        steps: Array<{ path: string; status: string; issues: Array<{ code: string; path: string; params: unknown }> }>;
      }>;
    };
    expect(doc.ok).toBe(false);
    expect(doc.counts).toEqual({ scenarios: 6, passed: 0, failed: 6 });
    const first = doc.scenarios[0];
    expect(first?.steps.map((s) => s.status)).toEqual(["passed", "passed", "passed", "passed", "failed", "skipped"]);
    expect(first?.steps[4]?.issues[0]).toMatchObject({
      code: "scenario.valueMismatch",
      path: "/0/steps/4/expect/values/probability",
      params: { field: "probability", expected: 30, actual: 20 },
    });
  });

  it("checks scenario files with the core before running: a misspelt entity or field is an error with its path", async () => {
    const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    const invalid = join(fixtures, "pipeline-invalid.json");
    expect(await runTest([file("pipeline.json"), invalid], t.io)).toBe(1);
    expect(t.err()).toContain(`${invalid}: error schema.unknownReference /steps/0/entity:`);
    expect(t.err()).toContain(`${invalid}: error schema.unknownReference /given/0/values/nmae:`);
    expect(t.out()).toBe("");
  });

  it("a scenario file that is not JSON exits 1 with the file named", async () => {
    const t = createTestIo(new Date("2026-06-15T09:00:00.000Z"));
    expect(await runTest([file("pipeline.json"), file("notJson.json")], t.io)).toBe(1);
    expect(t.err()).toContain("cli.scenarioNotJson");
  });
});
