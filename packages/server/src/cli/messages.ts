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
