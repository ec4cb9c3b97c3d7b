import {
  getDefaultRuntime,
  type Issue,
  type LintConfig,
  type LintFinding,
  type LintRule,
  type LintSeverity,
  lintApp,
  type Runtime,
  standardLintRules,
  validateLintConfig,
} from "@plinth/runtime";
import { commonOptions, wantsHelp } from "./args.js";
import { startCommand } from "./command.js";
import { type CliIo, ExitCode } from "./io.js";
import { loadAppFile } from "./loadApp.js";
import { cliIssue } from "./messages.js";
import { type CliLocale, formatIssue, formatIssues, formatJson } from "./output.js";

/** Usage of `plinth lint`, printed by `plinth help`. */
export const lintUsage = "plinth lint <app.json> [--config lint.json] [--max-warnings N] [--json] [--lang en|zh-CN]";

const lintOptions = {
  ...commonOptions,
  config: { type: "string" },
  "max-warnings": { type: "string" },
} as const;

/** `plinth lint --help`: usage, options, exit codes and the rules, in English and Chinese. */
export function lintHelp(rules: readonly LintRule[] = standardLintRules): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  const list = rules
    .map(
      (r) =>
        `  ${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.summary.en}\n  ${" ".repeat(width + 11)}${r.summary["zh-CN"]}\n`,
    )
    .join("");
  return `Usage / 用法:
  ${lintUsage}

Review an app document against security, quality and performance rules; each finding has a
rule id, a severity, a JSON Pointer into the app and a fix hint.
按安全、质量和性能规则检查应用文档；每条结果包含规则编号、严重级别、指向应用的 JSON Pointer 和修复提示。

Options / 选项:
  --config <lint.json>   Rule settings ("off" | "info" | "warning" | "error", or [setting, { options }]),
                         "allowHosts" for webhooks, "largeEntities". 规则设置、Webhook 允许的主机、大实体。
  --max-warnings <N>     Also fail when there are more than N warnings. 警告超过 N 条时也视为失败。
  --json                 Print one JSON document. 输出一个 JSON 文档。
  --lang en|zh-CN        Language of the messages. 消息语言。

Exit codes / 退出码: 0 no error finding 无错误级结果 · 1 error findings, invalid app or too many warnings
错误级结果、应用无效或警告过多 · 2 usage, unreadable file or invalid config 用法错误、文件无法读取或配置无效

Rules (default severity) / 规则（默认级别）:
${list}`;
}

/** Read and check the config file; undefined config means "no --config". */
async function loadConfig(
  file: string | undefined,
  io: Pick<CliIo, "readFile">,
): Promise<{ ok: true; config: LintConfig } | { ok: false; issues: readonly Issue[] }> {
  if (file === undefined) return { ok: true, config: {} };
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [cliIssue("cli.fileUnreadable", { file, reason: { en: reason, "zh-CN": reason } })] };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [cliIssue("cli.lintConfigNotJson", { file, reason })] };
  }
  const result = validateLintConfig(doc, standardLintRules);
  return result.ok ? { ok: true, config: result.config } : { ok: false, issues: result.issues };
}

const headings: Readonly<Record<LintSeverity, Readonly<Record<CliLocale, string>>>> = {
  error: { en: "Errors", "zh-CN": "错误" },
  warning: { en: "Warnings", "zh-CN": "警告" },
  info: { en: "Info", "zh-CN": "提示" },
};

/** How many findings of each severity. */
export function countFindings(findings: readonly LintFinding[]): Record<LintSeverity, number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/**
 * Findings grouped by severity (errors first): a heading per group, then per finding its rule
 * id and pointer, the message and the fix hint, in `locale`.
 */
export function formatFindings(findings: readonly LintFinding[], locale: CliLocale): string {
  const fix = locale === "zh-CN" ? "修复：" : "Fix: ";
  let out = "";
  for (const severity of ["error", "warning", "info"] as const) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out += `${headings[severity][locale]} (${group.length})\n`;
    for (const f of group) {
      const where = f.path === "" ? "" : ` ${f.path}`;
      out += `  ${f.severity} ${f.rule}${where}\n    ${f.message[locale]}\n    ${fix}${f.hint[locale]}\n`;
    }
    out += "\n";
  }
  return out;
}

function summary(file: string, counts: Record<LintSeverity, number>, locale: CliLocale): string {
  if (locale === "zh-CN") return `${file}：${counts.error} 个错误，${counts.warning} 个警告，${counts.info} 条提示。\n`;
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  return `${file}: ${n(counts.error, "error", "errors")}, ${n(counts.warning, "warning", "warnings")}, ${counts.info} info.\n`;
}

/**
 * `plinth lint <app.json> [--config lint.json]`: validate the app, then run the lint rules and
 * print the findings grouped by severity with rule ids and fix hints (or one JSON document).
 * Returns the exit code: 0 no error-severity finding (warnings allowed, up to --max-warnings),
 * 1 error findings, an invalid app or too many warnings, 2 wrong arguments, an unreadable file
 * or an invalid config.
 *
 * @example
 * const code = await runLint(["crm.app.json", "--config", "lint.json"], createProcessIo());
 */
export async function runLint(
  args: readonly string[],
  io: CliIo,
  runtime: Runtime = getDefaultRuntime(),
): Promise<ExitCode> {
  if (wantsHelp(args)) {
    io.stdout(lintHelp());
    return ExitCode.ok;
  }
  const started = startCommand(args, io, lintOptions);
  if (!started.ok) return started.code;
  const { values, positionals, lang } = started;
  const usageProblem = (issue: Issue) => {
    io.stderr(`${formatIssue(issue, lang)}\n`);
    return ExitCode.usage;
  };
  const [file, ...extra] = positionals;
  if (file === undefined)
    return usageProblem(cliIssue("cli.missingArgument", { argument: "the app file (plinth lint <app.json>)" }));
  if (extra.length > 0)
    return usageProblem(cliIssue("cli.invalidArguments", { reason: `Unexpected argument '${extra[0]}'.` }));
  const maxText = values["max-warnings"];
  const maxWarnings = maxText === undefined ? undefined : Number(maxText);
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0))
    return usageProblem(
      cliIssue("cli.invalidArguments", { reason: `--max-warnings '${maxText}' must be a whole number, 0 or more.` }),
    );

  const config = await loadConfig(values.config, io);
  if (!config.ok) {
    if (values.json) io.stdout(formatJson({ ok: false, config: values.config, issues: config.issues, findings: [] }));
    else io.stderr(`${values.config}:\n${formatIssues(config.issues, lang)}`);
    return ExitCode.usage;
  }
  const loaded = await loadAppFile(file, io, runtime);
  if (loaded.status !== "valid") {
    if (values.json) io.stdout(formatJson({ ok: false, issues: loaded.issues, findings: [] }));
    else (loaded.status === "unreadable" ? io.stderr : io.stdout)(formatIssues(loaded.issues, lang));
    return loaded.status === "unreadable" ? ExitCode.usage : ExitCode.invalid;
  }

  const findings = lintApp(loaded.app, config.config, { functions: runtime.functions });
  const counts = countFindings(findings);
  const tooManyWarnings = maxWarnings !== undefined && counts.warning > maxWarnings;
  const ok = counts.error === 0 && !tooManyWarnings;
  if (values.json) {
    io.stdout(
      formatJson({
        ok,
        counts,
        ...(maxWarnings === undefined ? {} : { maxWarnings }),
        findings,
        issues: loaded.issues,
      }),
    );
  } else {
    io.stdout(formatFindings(findings, lang));
    io.stdout(summary(file, counts, lang));
    if (tooManyWarnings)
      io.stdout(
        lang === "zh-CN"
          ? `警告过多：${counts.warning} 条，上限 ${maxWarnings} 条（--max-warnings）。\n`
          : `Too many warnings: ${counts.warning}, at most ${maxWarnings} allowed (--max-warnings).\n`,
      );
  }
  return ok ? ExitCode.ok : ExitCode.invalid;
}
