import { importApp } from "../transfer/importApp.js";
import { commonOptions } from "./args.js";
import { startCommand } from "./command.js";
import { type CliIo, ExitCode } from "./io.js";
import { cliIssue } from "./messages.js";
import { formatIssue, formatJson } from "./output.js";
import { formatProgress, RemoteError, remoteExit, remoteIssue } from "./transferIo.js";

/** Usage of `plinth import`, printed by `plinth help`. */
export const importUsage = "plinth import --server URL --token T [dir] [--json] [--lang en|zh-CN]";

/** `plinth import --help`. */
export const importHelp = `Usage / 用法: ${importUsage}

Import a folder written by plinth export into a running server (default folder: the current one):
create the app from app.json and publish it, then every entity's data, targets of relations first.
JSON records go through the records API, their relations and user fields rewritten to the new ids
(users matched by user name); CSV files go through the server's import jobs (polled for progress;
their relation columns must hold ids valid on that server). Progress goes to standard error.
The token's user must be an administrator.
将 plinth export 导出的目录导入运行中的服务器（默认当前目录）：根据 app.json 创建并发布应用，然后按
“被关联的实体优先”的顺序导入各实体数据。JSON 记录逐条通过记录 API 写入，关联字段和用户字段改写为新的 id
（用户按用户名匹配）；CSV 文件通过服务器的导入任务写入（轮询进度；其中的关联列须为该服务器上有效的 id）。
进度输出到标准错误。令牌所属用户必须是管理员。

Options / 选项:
  --server URL      The server, e.g. http://127.0.0.1:3000. 服务器地址。
  --token T         An administrator's API token, sent as Bearer. 管理员的 API 令牌（以 Bearer 方式发送）。
  --json            One JSON document on stdout. 在标准输出打印一个 JSON 文档。
  --lang en|zh-CN   Language of messages. 消息语言。
  -h, --help        Show this help. 显示本帮助。

Exit codes / 退出码: 0 everything imported 全部导入 · 1 the server refused the app or some records
(each listed) 服务器拒绝了应用或部分记录（逐条列出）· 2 usage, unreadable folder or unreachable server
用法错误、目录无法读取或服务器无法连接
`;

const options = { ...commonOptions, server: { type: "string" }, token: { type: "string" } } as const;

/**
 * `plinth import --server URL --token T [dir]`: an exported app and its data into a running server.
 * Returns 0 when all was imported, 1 when the server refused the app or any record, 2 for usage
 * problems, an unreadable folder or an unreachable server.
 *
 * @example
 * await runImport(["--server", "http://127.0.0.1:3001", "--token", token, "crm"], io);
 */
export async function runImport(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const started = startCommand(args, io, options, importHelp);
  if (!started.ok) return started.code;
  const { values, positionals, lang } = started;
  const usage = (issue: ReturnType<typeof cliIssue>): ExitCode => {
    io.stderr(`${formatIssue(issue, lang)}\n`);
    return ExitCode.usage;
  };
  const [dir = ".", ...extra] = positionals;
  if (extra.length > 0)
    return usage(cliIssue("cli.invalidArguments", { reason: `Unexpected argument '${extra[0]}'.` }));
  if (values.server === undefined)
    return usage(cliIssue("cli.missingArgument", { argument: "--server (the server's URL)" }));
  if (values.token === undefined)
    return usage(cliIssue("cli.missingArgument", { argument: "--token (an administrator's API token)" }));

  let appText: string;
  try {
    appText = await io.readFile(`${dir}/app.json`);
    JSON.parse(appText);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return usage(cliIssue("cli.fileUnreadable", { file: `${dir}/app.json`, reason: { en: reason, "zh-CN": reason } }));
  }
  try {
    const result = await importApp({
      server: { url: values.server, token: values.token },
      dir,
      onProgress: (p) => io.stderr(formatProgress(p)),
    });
    const issues = result.rejected.map((r) => ({
      code: r.code,
      path: "",
      params: { entity: r.entity, source: r.source, issues: r.issues },
      message: {
        en: `${r.entity} ${r.source}: ${r.issues.map((i) => `${i.path} ${i.message.en}`.trim()).join("; ") || r.message.en}`,
        "zh-CN": `${r.entity} ${r.source}：${r.issues.map((i) => `${i.path} ${i.message["zh-CN"]}`.trim()).join("；") || r.message["zh-CN"]}`,
      },
      severity: "error" as const,
    }));
    const ok = issues.length === 0;
    if (values.json) io.stdout(formatJson({ ok, issues, ...result }));
    else {
      for (const issue of issues) io.stdout(`${formatIssue(issue, lang)}\n`);
      const records = result.entities.reduce((n, e) => n + e.imported, 0);
      const total = result.entities.reduce((n, e) => n + e.total, 0);
      io.stdout(
        lang === "zh-CN"
          ? `已导入应用“${result.app}”（版本 ${result.version}）：${records} / ${total} 条记录。\n`
          : `Imported app '${result.app}' (version ${result.version}): ${records} / ${total} records.\n`,
      );
    }
    return ok ? ExitCode.ok : ExitCode.invalid;
  } catch (error) {
    if (!(error instanceof RemoteError)) throw error;
    const issue = remoteIssue(error);
    if (values.json) io.stdout(formatJson({ ok: false, issues: [issue] }));
    else io.stderr(`${formatIssue(issue, lang)}\n`);
    return remoteExit(error);
  }
}
