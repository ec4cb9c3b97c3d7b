import { getDefaultRuntime, type Runtime, typegenApp } from "@plinth/runtime";
import { commonOptions } from "./args.js";
import { onePositional, startCommand } from "./command.js";
import { writeOutput } from "./emit.js";
import { type CliIo, ExitCode } from "./io.js";
import { loadAppFile } from "./loadApp.js";
import { cliIssue } from "./messages.js";
import { formatIssue, formatIssues, formatJson } from "./output.js";

/** Usage of `plinth typegen`, printed by `plinth help`. */
export const typegenUsage = "plinth typegen <app.json> [-o <file.ts>] [--json] [--lang en|zh-CN]";

/** `plinth typegen --help`. */
export const typegenHelp = `Usage / 用法: ${typegenUsage}

Generate TypeScript types for an app's records and REST API: per entity the record as the API
returns it, <Entity>Create and <Entity>Update bodies and its workflow actions; the app's paths,
list parameters, pages and query body. Without -o the module is printed.
为应用的记录和 REST API 生成 TypeScript 类型：每个实体的记录类型（与 API 返回一致）、<Entity>Create 和
<Entity>Update 请求体及其流程操作；以及应用的路径、列表参数、分页和查询请求体。未指定 -o 时直接打印。

Options / 选项:
  -o, --out FILE    Write the module to FILE. 写入文件。
  --json            With -o: print { ok, out, entities } instead of a sentence. 配合 -o 输出 JSON 摘要。
  --lang en|zh-CN   Language of the messages. 消息语言。

Exit codes / 退出码: 0 ok 成功 · 1 invalid app 应用无效 · 2 usage, unreadable file or unwritable output 用法错误、文件无法读取或输出无法写入
`;

const typegenOptions = { ...commonOptions, out: { type: "string", short: "o" } } as const;

/**
 * `plinth typegen <app.json> -o <file.ts>`: TypeScript types for the app (`typegenApp` of the runtime).
 *
 * @example
 * const code = await runTypegen(["crm.app.json", "-o", "src/crm.types.ts"], createProcessIo());
 */
export async function runTypegen(
  args: readonly string[],
  io: CliIo,
  runtime: Runtime = getDefaultRuntime(),
): Promise<ExitCode> {
  const started = startCommand(args, io, typegenOptions, typegenHelp);
  if (!started.ok) return started.code;
  const { values, positionals, lang } = started;
  const file = onePositional(positionals, "the app file (plinth typegen <app.json> -o <file.ts>)", lang, io);
  if (file === undefined) return ExitCode.usage;
  const loaded = await loadAppFile(file, io, runtime);
  if (loaded.status !== "valid") {
    io.stderr(formatIssues(loaded.issues, lang));
    if (loaded.status === "invalid") io.stderr(`${formatIssue(cliIssue("cli.invalidApp", { file }), lang)}\n`);
    return loaded.status === "unreadable" ? ExitCode.usage : ExitCode.invalid;
  }
  const source = typegenApp(loaded.app);
  if (values.out === undefined) {
    io.stdout(source);
    return ExitCode.ok;
  }
  const failed = await writeOutput(values.out, source);
  if (failed) {
    io.stderr(`${formatIssue(failed, lang)}\n`);
    return ExitCode.usage;
  }
  const entities = (loaded.app.entities ?? []).map((e) => e.id);
  if (values.json) io.stdout(formatJson({ ok: true, out: values.out, entities }));
  else
    io.stdout(
      lang === "zh-CN"
        ? `已将 ${entities.length} 个实体的类型写入 ${values.out}。\n`
        : `Wrote the types of ${entities.length} entities to ${values.out}.\n`,
    );
  return ExitCode.ok;
}
