import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { canonicalAppJson, getDefaultRuntime, type Runtime } from "@plinth/runtime";
import { exportApp } from "../transfer/exportApp.js";
import { commonOptions } from "./args.js";
import { startCommand } from "./command.js";
import { type CliIo, ExitCode } from "./io.js";
import { loadAppFile } from "./loadApp.js";
import { cliIssue } from "./messages.js";
import { formatIssue, formatIssues, formatJson } from "./output.js";
import { formatProgress, RemoteError, remoteExit, remoteIssue } from "./transferIo.js";

/** Usage of `plinth export`, printed by `plinth help`. */
export const exportUsage =
  "plinth export <app.json> [-o file] | plinth export --server URL --token T --app ID [-o dir] [--format json|csv] [--json] [--lang en|zh-CN]";

/** `plinth export --help`. */
export const exportHelp = `Usage / 用法:
  plinth export <app.json> [-o file]
      Print (or write) the app in canonical form: keys in the meta-schema's order, two-space indent,
      so that exports diff cleanly in version control. 输出（或写入）应用的规范形式：键按元模式顺序、两空格缩进，
      便于在版本控制中比较差异。
  plinth export --server URL --token T --app ID [-o dir] [--format json|csv]
      Export a published app from a running server into a folder (default: the app's id):
      app.json (canonical), users.json (id and user name, for administrators) and data/<entity>.json
      (every record, page by page) or data/<entity>.csv (the server's CSV export). Progress goes to
      standard error. 从运行中的服务器导出已发布的应用到目录（默认为应用 id）：app.json（规范形式）、
      users.json（管理员可见的用户 id 与用户名）以及 data/<实体>.json（逐页读取全部记录）或
      data/<实体>.csv（服务器的 CSV 导出）。进度输出到标准错误。

Options / 选项:
  --server URL      The server, e.g. http://127.0.0.1:3000. 服务器地址。
  --token T         An API token (POST /api/auth/tokens), sent as Bearer. API 令牌（以 Bearer 方式发送）。
  --app ID          The app to export. 要导出的应用。
  -o, --out PATH    The output file (canonical form) or folder (server export). 输出文件或目录。
  --format json|csv Data as JSON (default; plinth import restores relations from it) or CSV.
                    数据格式：JSON（默认；plinth import 可据此恢复关联）或 CSV。
  --json            One JSON document on stdout. 在标准输出打印一个 JSON 文档。
  --lang en|zh-CN   Language of messages. 消息语言。
  -h, --help        Show this help. 显示本帮助。

Exit codes / 退出码: 0 exported 导出成功 · 1 invalid app, or the server refused (not found, not allowed)
应用无效或服务器拒绝（不存在、无权限）· 2 usage, unreadable file or unreachable server 用法错误、文件无法读取或服务器无法连接
`;

const options = {
  ...commonOptions,
  server: { type: "string" },
  token: { type: "string" },
  app: { type: "string" },
  out: { type: "string", short: "o" },
  format: { type: "string", default: "json" },
} as const;

/**
 * `plinth export`: the canonical form of an app file, or an app and its data from a running
 * server into a folder. Returns 0 on success, 1 for an invalid app or a refusal of the server,
 * 2 for usage problems, unreadable files and unreachable servers.
 *
 * @example
 * await runExport(["--server", "http://127.0.0.1:3000", "--token", token, "--app", "crm", "-o", "crm"], io);
 */
export async function runExport(
  args: readonly string[],
  io: CliIo,
  runtime: Runtime = getDefaultRuntime(),
): Promise<ExitCode> {
  const started = startCommand(args, io, options, exportHelp);
  if (!started.ok) return started.code;
  const { values, positionals, lang } = started;
  const usage = (issue: ReturnType<typeof cliIssue>): ExitCode => {
    io.stderr(`${formatIssue(issue, lang)}\n`);
    return ExitCode.usage;
  };

  if (values.server === undefined) {
    const [file, ...extra] = positionals;
    if (file === undefined)
      return usage(
        cliIssue("cli.missingArgument", { argument: "the app file or --server (plinth export <app.json>)" }),
      );
    if (extra.length > 0)
      return usage(cliIssue("cli.invalidArguments", { reason: `Unexpected argument '${extra[0]}'.` }));
    const loaded = await loadAppFile(file, io, runtime);
    if (loaded.status !== "valid") {
      if (values.json) io.stdout(formatJson({ ok: false, issues: loaded.issues }));
      else io.stderr(formatIssues(loaded.issues, lang));
      return loaded.status === "unreadable" ? ExitCode.usage : ExitCode.invalid;
    }
    const text = canonicalAppJson(loaded.app);
    if (values.out !== undefined) {
      await mkdir(dirname(values.out), { recursive: true });
      await writeFile(values.out, text);
    }
    if (values.json) io.stdout(formatJson({ ok: true, issues: loaded.issues, app: JSON.parse(text) as unknown }));
    else if (values.out === undefined) io.stdout(text);
    return ExitCode.ok;
  }

  if (positionals.length > 0)
    return usage(cliIssue("cli.invalidArguments", { reason: `Unexpected argument '${positionals[0]}'.` }));
  if (values.token === undefined)
    return usage(cliIssue("cli.missingArgument", { argument: "--token (an API token from POST /api/auth/tokens)" }));
  if (values.app === undefined) return usage(cliIssue("cli.missingArgument", { argument: "--app (the app's id)" }));
  if (values.format !== "json" && values.format !== "csv")
    return usage(cliIssue("cli.invalidArguments", { reason: `--format '${values.format}' is not json or csv.` }));
  const dir = values.out ?? values.app;
  try {
    const result = await exportApp({
      server: { url: values.server, token: values.token },
      app: values.app,
      dir,
      format: values.format,
      onProgress: (p) => io.stderr(formatProgress(p)),
    });
    const records = result.entities.reduce((n, e) => n + e.records, 0);
    if (values.json) io.stdout(formatJson({ ok: true, issues: [], dir, ...result }));
    else if (lang === "zh-CN")
      io.stdout(
        `已将应用“${result.app}”版本 ${result.version} 导出到 ${dir}：${result.entities.length} 个实体，${records} 条记录。\n`,
      );
    else
      io.stdout(
        `Exported app '${result.app}' version ${result.version} to ${dir}: ${result.entities.length} entities, ${records} records.\n`,
      );
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof RemoteError)) throw error;
    const issue = remoteIssue(error);
    if (values.json) io.stdout(formatJson({ ok: false, issues: [issue] }));
    else io.stderr(`${formatIssue(issue, lang)}\n`);
    return remoteExit(error);
  }
}
