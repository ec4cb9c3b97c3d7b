import { getDefaultRuntime, type Issue, type Runtime, type Scenario } from "@plinth/runtime";
import { checkScenarios, runScenarios } from "../scenarios/run.js";
import type { ScenarioInput, ScenarioResult, StepResult } from "../scenarios/types.js";
import { commonOptions } from "./args.js";
import { startCommand } from "./command.js";
import { type CliIo, ExitCode } from "./io.js";
import { loadAppFile } from "./loadApp.js";
import { cliIssue } from "./messages.js";
import { type CliLocale, formatIssue, formatIssues, formatJson } from "./output.js";

/** Usage of `plinth test`, printed by `plinth help`. */
export const testUsage = "plinth test <app.json> [scenario.json ...] [--json] [--lang en|zh-CN]";

/** `plinth test --help`. */
export const testHelp = `Usage / 用法: ${testUsage}

Run app-level scenario tests on a temporary server (the real engine over a fresh SQLite file per
scenario): the app is published, the scenario's users created with their roles and attributes,
its 'given' records inserted, then each step runs as its user through the HTTP API and its
'expect' is checked. Without scenario files the app's own 'tests' run; with files, only theirs
(each file holds one scenario or an array of them).
在临时服务器上运行应用级场景测试（每个场景使用全新的 SQLite 文件和真实引擎）：发布应用，创建场景中的
用户及其角色和属性，插入 given 记录，然后以各步骤的用户身份通过 HTTP API 执行步骤并检查 expect。
未指定场景文件时运行应用自带的 tests；指定文件时只运行文件中的场景（每个文件含一个场景或场景数组）。

Options / 选项:
  --json            One JSON document on stdout: { ok, counts, scenarios, issues }. 在标准输出打印一个 JSON 文档。
  --lang en|zh-CN   Language of the report. 报告语言。
  -h, --help        Show this help. 显示本帮助。

Exit codes / 退出码: 0 every scenario passed 全部通过 · 1 a scenario failed, or the app or a scenario is
invalid 有场景失败，或应用、场景无效 · 2 usage, unreadable file or no scenario 用法错误、文件无法读取或没有场景
`;

/** A scenario problem found before running: the issue, and the file it is in (none for the app file's own tests). */
type FileIssue = Issue & { readonly file?: string };

/** Read scenario files: one scenario or an array of them per file. */
async function readScenarioFiles(
  files: readonly string[],
  io: CliIo,
): Promise<{ inputs: ScenarioInput[]; unreadable: FileIssue[]; invalid: FileIssue[] }> {
  const inputs: ScenarioInput[] = [];
  const unreadable: FileIssue[] = [];
  const invalid: FileIssue[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      unreadable.push(cliIssue("cli.fileUnreadable", { file, reason: { en: reason, "zh-CN": reason } }));
      continue;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      invalid.push({ ...cliIssue("cli.scenarioNotJson", { file, reason }), file });
      continue;
    }
    // Structure is checked by the core (checkScenarios); here only "one or many".
    if (Array.isArray(doc))
      doc.forEach((s, i) => inputs.push({ scenario: s as Scenario, source: file, path: `/${i}` }));
    else inputs.push({ scenario: doc as Scenario, source: file, path: "" });
  }
  return { inputs, unreadable, invalid };
}

const words = {
  en: { pass: "PASS", fail: "FAIL", steps: "steps", expected: "expected", actual: "actual  ", skipped: "skipped" },
  "zh-CN": { pass: "通过", fail: "失败", steps: "个步骤", expected: "预期", actual: "实际", skipped: "个步骤未运行" },
} as const;

function stepLine(step: StepResult): string {
  return `${step.as ?? "admin"} ${step.do}`;
}

/** One scenario's report: a PASS/FAIL line, and for a failure its issues with expected and actual. */
export function formatScenarioResult(result: ScenarioResult, lang: CliLocale, source = result.source): string {
  const w = words[lang];
  const text = typeof result.label === "string" ? result.label : (result.label?.[lang] ?? result.label?.en);
  const label = text ? ` — ${text}` : "";
  const where = source === undefined ? "" : `${source} `;
  const count = result.steps.length;
  const steps = lang === "en" && count === 1 ? "step" : w.steps;
  const head = `${result.passed ? w.pass : w.fail} ${where}${result.id}${label} (${count} ${steps})\n`;
  if (result.passed) return head;
  const lines = [head];
  for (const issue of result.issues) lines.push(`  ${formatIssue(issue, lang)}\n`);
  for (const step of result.steps.filter((s) => s.status === "failed")) {
    lines.push(`  ✗ ${step.path} ${stepLine(step)}\n`);
    for (const issue of step.issues) lines.push(`      ${formatIssue(issue, lang)}\n`);
    lines.push(`      ${w.expected}: ${JSON.stringify(step.expected)}\n`);
    if (step.actual) lines.push(`      ${w.actual}: ${JSON.stringify(step.actual)}\n`);
  }
  const skipped = result.steps.filter((s) => s.status === "skipped").length;
  if (skipped > 0)
    lines.push(
      lang === "zh-CN"
        ? `  ${skipped} ${w.skipped}\n`
        : `  ${skipped} ${skipped === 1 ? "step" : "steps"} ${w.skipped}\n`,
    );
  return lines.join("");
}

function formatCounts(counts: { scenarios: number; passed: number; failed: number }, lang: CliLocale): string {
  if (lang === "zh-CN") return `${counts.scenarios} 个场景：${counts.passed} 个通过，${counts.failed} 个失败。\n`;
  return `${counts.scenarios} scenario${counts.scenarios === 1 ? "" : "s"}: ${counts.passed} passed, ${counts.failed} failed.\n`;
}

function formatFileIssues(issues: readonly FileIssue[], lang: CliLocale): string {
  return issues.map((i) => `${i.file === undefined ? "" : `${i.file}: `}${formatIssue(i, lang)}\n`).join("");
}

/**
 * `plinth test <app.json> [scenario.json ...]`: run the app's scenario tests (its `tests`, or the
 * scenarios in the files) on temporary servers and report each scenario and failing step.
 * Returns 0 when every scenario passed, 1 when one failed or the app or a scenario is invalid,
 * 2 on a usage problem, an unreadable file or nothing to run.
 *
 * @example
 * const code = await runTest(["crm.app.json", "scenarios/discount.json", "--json"], createProcessIo());
 */
export async function runTest(
  args: readonly string[],
  io: CliIo,
  runtime: Runtime = getDefaultRuntime(),
): Promise<ExitCode> {
  const started = startCommand(args, io, commonOptions, testHelp);
  if (!started.ok) return started.code;
  const { values, positionals, lang } = started;
  const [file, ...scenarioFiles] = positionals;
  if (file === undefined) {
    io.stderr(
      `${formatIssue(cliIssue("cli.missingArgument", { argument: "the app file (plinth test <app.json>)" }), lang)}\n`,
    );
    return ExitCode.usage;
  }
  const fail = (issues: readonly FileIssue[], code: ExitCode): ExitCode => {
    if (values.json)
      io.stdout(formatJson({ ok: false, issues, counts: { scenarios: 0, passed: 0, failed: 0 }, scenarios: [] }));
    else io.stderr(formatFileIssues(issues, lang));
    return code;
  };

  const loaded = await loadAppFile(file, io, runtime);
  if (loaded.status === "unreadable") return fail(loaded.issues, ExitCode.usage);
  if (loaded.status === "invalid") {
    const errors = loaded.issues.map((i) => ({ ...i, file }));
    if (values.json) return fail(errors, ExitCode.invalid);
    io.stdout(formatIssues(loaded.issues, lang));
    return ExitCode.invalid;
  }
  const app = loaded.app;
  const files = await readScenarioFiles(scenarioFiles, io);
  if (files.unreadable.length > 0) return fail(files.unreadable, ExitCode.usage);
  if (files.invalid.length > 0) return fail(files.invalid, ExitCode.invalid);
  const inputs =
    scenarioFiles.length > 0
      ? files.inputs
      : (app.tests ?? []).map((scenario, i) => ({ scenario, path: `/tests/${i}` }));
  if (inputs.length === 0) return fail([cliIssue("cli.noScenarios", { file })], ExitCode.usage);
  // The app file's own tests were validated with it; files are checked by the core against the app.
  const invalid = checkScenarios(app, inputs, runtime).flatMap(({ input, issues }) =>
    issues.map((i) => ({ ...i, file: input.source ?? file })),
  );
  if (invalid.length > 0) return fail(invalid, ExitCode.invalid);

  const run = await runScenarios(app, inputs, {
    now: io.now(),
    onScenario: values.json
      ? undefined
      : (result) => io.stdout(formatScenarioResult(result, lang, result.source ?? file)),
  });
  if (values.json) io.stdout(formatJson({ ok: run.passed, issues: [], counts: run.counts, scenarios: run.scenarios }));
  else io.stdout(formatCounts(run.counts, lang));
  return run.passed ? ExitCode.ok : ExitCode.invalid;
}
