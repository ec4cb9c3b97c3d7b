import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import {
  CURRENT_SCHEMA_VERSION,
  canonicalAppJson,
  getDefaultRuntime,
  type Issue,
  type Migration,
  migrateApp,
  parseAppJson,
  type Runtime,
  standardMigrations,
} from "@plinth/runtime";
import { commonOptions } from "./args.js";
import { onePositional, startCommand } from "./command.js";
import { type CliIo, ExitCode } from "./io.js";
import { cliIssue } from "./messages.js";
import { type CliLocale, formatIssues, formatJson } from "./output.js";

/** Usage of `plinth migrate`, printed by `plinth help`. */
export const migrateUsage = "plinth migrate <app.json> [-o file] [--check] [--json] [--lang en|zh-CN]";

/** `plinth migrate --help`. */
export const migrateHelp = `Usage / 用法: ${migrateUsage}

Upgrade an app document to the current schema format (schemaVersion ${CURRENT_SCHEMA_VERSION}) with the runtime's
migrations (migrateApp), and write it in canonical form: to the file given with -o, otherwise to
standard output (the summary then goes to standard error). With --check nothing is written: the
exit code says whether the document is up to date, for CI.
用运行时的迁移（migrateApp）把应用文档升级到当前的模式格式（schemaVersion ${CURRENT_SCHEMA_VERSION}），并以规范形式写出：
有 -o 时写入该文件，否则写到标准输出（摘要写到标准错误）。使用 --check 时不写任何内容，
仅用退出码表示文档是否已是最新，便于 CI 使用。

Options / 选项:
  -o, --out FILE    Write the upgraded document here. 将升级后的文档写入此文件。
  --check           Write nothing; exit 1 when the document needs an upgrade. 不写入；需要升级时退出码为 1。
  --json            One JSON document on stdout: { ok, upToDate, from, to, applied, issues }. 在标准输出打印一个 JSON 文档。
  --lang en|zh-CN   Language of messages. 消息语言。
  -h, --help        Show this help. 显示本帮助。

Exit codes / 退出码: 0 up to date, or upgraded and written 已是最新，或已升级并写出 · 1 with --check: needs
an upgrade; otherwise the upgraded document is not a valid app 使用 --check 时表示需要升级；否则表示升级后的文档无效 ·
2 usage, unreadable file, not JSON, or a schema version this Plinth cannot upgrade (newer or unknown)
用法错误、文件无法读取、不是 JSON，或本版本 Plinth 无法升级的模式版本（更新或未知）
`;

/** Options of {@link runMigrate}: the upgrades and the target version (the runtime's by default). */
export interface MigrateCommandOptions {
  readonly runtime?: Runtime;
  readonly migrations?: readonly Migration[];
  readonly target?: number;
}

const options = {
  ...commonOptions,
  out: { type: "string", short: "o" },
  check: { type: "boolean", default: false },
} as const;

function summary(
  file: string,
  from: unknown,
  to: number,
  applied: readonly string[],
  lang: CliLocale,
  check: boolean,
): string {
  if (applied.length === 0)
    return lang === "zh-CN"
      ? `${file}：已是最新（模式版本 ${to}）。\n`
      : `${file}: up to date (schema version ${to}).\n`;
  const steps = applied.map((a) => `  - ${a}\n`).join("");
  if (lang === "zh-CN") return `${file}：${check ? "需要" : "已"}从模式版本 ${String(from)} 升级到 ${to}：\n${steps}`;
  return `${file}: ${check ? "needs an upgrade" : "upgraded"} from schema version ${String(from)} to ${to}:\n${steps}`;
}

/**
 * `plinth migrate <app.json>`: upgrade an app document's schema format. Returns 0 when it is up
 * to date or was upgraded and written, 1 with `--check` when it needs an upgrade (or when the
 * upgraded document is invalid), 2 for usage problems, unreadable or non-JSON files and versions
 * that cannot be upgraded.
 *
 * @example
 * const code = await runMigrate(["crm.app.json", "--check"], createProcessIo()); // CI: 1 = run plinth migrate
 */
export async function runMigrate(
  args: readonly string[],
  io: CliIo,
  config: MigrateCommandOptions = {},
): Promise<ExitCode> {
  const started = startCommand(args, io, options, migrateHelp);
  if (!started.ok) return started.code;
  const { values, positionals, lang } = started;
  const file = onePositional(positionals, "the app file (plinth migrate <app.json>)", lang, io);
  if (file === undefined) return ExitCode.usage;
  const fail = (issues: readonly Issue[], code: ExitCode): ExitCode => {
    if (values.json) io.stdout(formatJson({ ok: false, issues }));
    else io.stderr(formatIssues(issues, lang));
    return code;
  };

  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail([cliIssue("cli.fileUnreadable", { file, reason: { en: reason, "zh-CN": reason } })], ExitCode.usage);
  }
  const json = parseAppJson(text);
  if (!json.ok) return fail(json.issues, ExitCode.usage);
  const doc =
    json.value !== null && typeof json.value === "object" && !Array.isArray(json.value)
      ? (json.value as Record<string, unknown>)
      : {};
  const target = config.target ?? CURRENT_SCHEMA_VERSION;
  const result = migrateApp(doc, config.migrations ?? standardMigrations, target);
  if (!result.ok) return fail(result.issues, ExitCode.usage);

  const upToDate = result.applied.length === 0;
  // The meta-schema describes the current version only: validate what is meant to be current.
  const issues =
    target === CURRENT_SCHEMA_VERSION ? (config.runtime ?? getDefaultRuntime()).validateApp(result.doc).issues : [];
  const invalid = issues.some((i) => i.severity === "error");
  const output = canonicalAppJson(result.doc);
  const written = !values.check && !invalid && values.out !== undefined;
  if (written && values.out !== undefined) {
    await mkdir(dirname(values.out), { recursive: true });
    await writeFile(values.out, output);
  }
  const report = { from: doc.schemaVersion, to: target, applied: result.applied };
  if (values.json) {
    io.stdout(
      formatJson({
        ok: !invalid && (upToDate || !values.check),
        upToDate,
        ...report,
        issues,
        ...(written ? { written: values.out } : {}),
        // Without -o the document itself is the answer.
        ...(!values.check && !invalid && values.out === undefined ? { app: JSON.parse(output) as unknown } : {}),
      }),
    );
  } else {
    const line = summary(file, report.from, target, result.applied, lang, values.check);
    if (invalid) io.stderr(formatIssues(issues, lang));
    if (values.check || values.out !== undefined) io.stdout(line);
    else {
      io.stderr(line);
      if (!invalid) io.stdout(output);
    }
  }
  if (invalid) return ExitCode.invalid;
  if (values.check && !upToDate) return ExitCode.invalid;
  return ExitCode.ok;
}
