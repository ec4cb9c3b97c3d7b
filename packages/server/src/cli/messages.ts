import type { Issue, LocalizedMessage } from "@plinth/runtime";

/**
 * The CLI's own issue catalogue: problems running a command, as opposed to problems found in
 * an app or a formula (those come from the runtime's catalogues). Same shape as every Plinth
 * issue, so `--json` output never mixes two formats.
 */
const cliMessages = {
  "cli.fileUnreadable": (p: { file: string; reason: LocalizedMessage }): LocalizedMessage => ({
    en: `Cannot read '${p.file}': ${p.reason.en}. Check the path and that the file is readable.`,
    "zh-CN": `无法读取“${p.file}”：${p.reason["zh-CN"]}。请检查路径是否正确、文件是否可读。`,
  }),
  "cli.invalidArguments": (p: { reason: string }): LocalizedMessage => ({
    en: `${p.reason} Run 'plinth help' for usage.`,
    "zh-CN": `${p.reason} 运行“plinth help”查看用法。`,
  }),
  "cli.missingArgument": (p: { argument: string }): LocalizedMessage => ({
    en: `Missing ${p.argument}. Run 'plinth help' for usage.`,
    "zh-CN": `缺少 ${p.argument}。运行“plinth help”查看用法。`,
  }),
  "cli.invalidJsonOption": (p: { option: string; reason: string }): LocalizedMessage => ({
    en: `--${p.option} must be a JSON object, for example --${p.option} '{"amount": 100}': ${p.reason}.`,
    "zh-CN": `--${p.option} 必须是 JSON 对象，例如 --${p.option} '{"amount": 100}'：${p.reason}。`,
  }),
  "cli.invalidDate": (p: { option: string; value: string }): LocalizedMessage => ({
    en: `--${p.option} '${p.value}' is not a date. Write it as YYYY-MM-DD, for example 2026-03-31.`,
    "zh-CN": `--${p.option} “${p.value}”不是日期。请写成 YYYY-MM-DD，例如 2026-03-31。`,
  }),
  "cli.unknownEntity": (p: { entity: string; available: string }): LocalizedMessage => ({
    en: `The app has no entity '${p.entity}'. Use one of: ${p.available}.`,
    "zh-CN": `应用中没有实体“${p.entity}”。请使用以下之一：${p.available}。`,
  }),
  "cli.invalidDatabaseUrl": (p: { value: string }): LocalizedMessage => ({
    en: `--database '${p.value}' is not a PostgreSQL URL. Write it as postgres://user:password@host:port/database.`,
    "zh-CN": `--database “${p.value}”不是 PostgreSQL 连接地址。请写成 postgres://用户:密码@主机:端口/数据库。`,
  }),
  "cli.backupNoDatabase": (p: { file: string; reason: string }): LocalizedMessage => ({
    en: `There is no Plinth database to back up at '${p.file}' (${p.reason}). Pass the server's data folder with --data <dir>.`,
    "zh-CN": `“${p.file}”处没有可备份的 Plinth 数据库（${p.reason}）。请用 --data <目录> 指定服务器的数据目录。`,
  }),
  "cli.backupExists": (p: { out: string }): LocalizedMessage => ({
    en: `'${p.out}' already exists and is not empty; a backup never overwrites. Pass a new folder with --out, for example one named after today's date.`,
    "zh-CN": `“${p.out}”已存在且不为空；备份从不覆盖已有内容。请用 --out 指定一个新目录，例如以今天日期命名的目录。`,
  }),
  "cli.backupInsideData": (p: { out: string; data: string }): LocalizedMessage => ({
    en: `The backup folder '${p.out}' is inside the data folder '${p.data}'. Put backups elsewhere, ideally on another disk.`,
    "zh-CN": `备份目录“${p.out}”位于数据目录“${p.data}”之内。请把备份放在别处，最好是另一块磁盘。`,
  }),
  "cli.backupFailed": (p: { out: string; reason: string }): LocalizedMessage => ({
    en: `The backup to '${p.out}' failed and was removed: ${p.reason}. Check free space and permissions, then run it again.`,
    "zh-CN": `备份到“${p.out}”失败，已删除不完整的备份：${p.reason}。请检查磁盘空间和权限后重试。`,
  }),
  "cli.backupPostgres": (_p: Record<string, never>): LocalizedMessage => ({
    en: "plinth backup copies a SQLite data folder. On PostgreSQL use the database's own tools: pg_dump -Fc -f plinth.dump <url> (uploads are in the database, so the dump is complete) and pg_restore to restore; see docs/deployment.md.",
    "zh-CN":
      "plinth backup 用于备份 SQLite 数据目录。PostgreSQL 请使用数据库自带工具：pg_dump -Fc -f plinth.dump <连接地址>（上传文件也在数据库中，转储即完整），恢复用 pg_restore；详见 docs/deployment.zh-CN.md。",
  }),
  "cli.fileUnwritable": (p: { file: string; reason: string }): LocalizedMessage => ({
    en: `Cannot write '${p.file}': ${p.reason}. Check that its folder exists and is writable.`,
    "zh-CN": `无法写入“${p.file}”：${p.reason}。请检查其所在目录是否存在且可写。`,
  }),
  "cli.invalidApp": (p: { file: string }): LocalizedMessage => ({
    en: `'${p.file}' is not a valid app (the issues above say why). Fix it, check it with plinth validate, then run the command again.`,
    "zh-CN": `“${p.file}”不是有效的应用（原因见上方问题）。请修正并用 plinth validate 检查后重新运行。`,
  }),
  "cli.serverUnreachable": (p: { url: string; reason: string }): LocalizedMessage => ({
    en: `Cannot reach the server at '${p.url}': ${p.reason}. Check --server and that the server is running.`,
    "zh-CN": `无法连接服务器“${p.url}”：${p.reason}。请检查 --server 以及服务器是否在运行。`,
  }),
  "cli.serverRefused": (p: { request: string; status: number; reason: string }): LocalizedMessage => ({
    en: `The server answered ${p.status} to ${p.request}: ${p.reason} Check --token (an administrator's API token) and --app.`,
    "zh-CN": `服务器对 ${p.request} 返回 ${p.status}：${p.reason} 请检查 --token（管理员的 API 令牌）和 --app。`,
  }),
  "cli.lintConfigNotJson": (p: { file: string; reason: string }): LocalizedMessage => ({
    en: `The lint config '${p.file}' is not JSON: ${p.reason}. It holds one object, e.g. { "rules": { "quality/unused-field": "off" } }.`,
    "zh-CN": `lint 配置“${p.file}”不是 JSON：${p.reason}。它应是一个对象，例如 { "rules": { "quality/unused-field": "off" } }。`,
  }),
  "cli.noScenarios": (p: { file: string }): LocalizedMessage => ({
    en: `'${p.file}' has no scenario tests ('tests') and no scenario file was given. Add scenarios to the app's 'tests' or pass files: plinth test <app.json> <scenario.json>.`,
    "zh-CN": `“${p.file}”中没有场景测试（tests），也未指定场景文件。请在应用的 tests 中添加场景，或传入文件：plinth test <app.json> <scenario.json>。`,
  }),
  "cli.scenarioNotJson": (p: { file: string; reason: string }): LocalizedMessage => ({
    en: `'${p.file}' is not JSON: ${p.reason}. A scenario file holds one scenario object or an array of them.`,
    "zh-CN": `“${p.file}”不是 JSON：${p.reason}。场景文件应包含一个场景对象或场景数组。`,
  }),
  "cli.unknownLocale": (p: { value: string }): LocalizedMessage => ({
    en: `--lang '${p.value}' is not supported. Use en or zh-CN.`,
    "zh-CN": `不支持 --lang “${p.value}”。请使用 en 或 zh-CN。`,
  }),
} as const;

/** A code of the CLI catalogue. */
export type CliIssueCode = keyof typeof cliMessages;
type ParamsOf<C extends CliIssueCode> = Parameters<(typeof cliMessages)[C]>[0];

/** Create a CLI issue (path "": it is about the command line, not a document). */
export function cliIssue<C extends CliIssueCode>(code: C, params: ParamsOf<C>): Issue {
  const render = cliMessages[code] as (p: ParamsOf<C>) => LocalizedMessage;
  return { code, path: "", params, message: render(params), severity: "error" };
}
