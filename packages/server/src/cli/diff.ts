import {
  type AppChange,
  type ChangeClass,
  diffApps,
  getDefaultRuntime,
  type Runtime,
  worstClass,
} from "@plinth/runtime";
import { commonOptions, wantsHelp } from "./args.js";
import { startCommand } from "./command.js";
import { type DataImpact, describeStep, type HttpFetch, rowsAffected, serverImpact } from "./diffImpact.js";
import { type CliIo, ExitCode } from "./io.js";
import { type LoadedApp, loadAppFile } from "./loadApp.js";
import { cliIssue } from "./messages.js";
import { type CliLocale, formatIssue, formatIssues, formatJson } from "./output.js";

/** Usage of `plinth diff`, printed by `plinth help`. */
export const diffUsage =
  "plinth diff <old.json> <new.json> [--server URL --token T [--app id]] [--json] [--lang en|zh-CN]";

/** `plinth diff --help`. */
export const diffHelp = `Usage / 用法: ${diffUsage}

Compare two versions of an app and say what changed, in words, each change with its JSON
pointer and a class: compatible, needs-migration (stored data is converted or must be completed)
or breaking (data is lost, or an action, role or permission people rely on is gone or narrower).
With --server, ask that server what publishing the new version would do to its data (read-only).
比较应用的两个版本，逐条说明变更（含 JSON 指针）及其类别：compatible（兼容）、needs-migration（需迁移：
存储数据需转换或补齐）或 breaking（破坏性：数据会丢失，或依赖的操作、角色、权限被删除或收窄）。
指定 --server 时向该服务器查询发布新版本对其数据的影响（只读）。

Options / 选项:
  --server URL      A running Plinth server. 正在运行的 Plinth 服务器。
  --token T         An administrator's API token (with --server). 管理员的 API 令牌（配合 --server）。
  --app id          The app on the server (default: the new app's id). 服务器上的应用（默认新应用的 id）。
  --json            One JSON document: { class, counts, changes, impact? }. 输出一个 JSON 文档。
  --lang en|zh-CN   Language of the messages. 消息语言。

Exit codes / 退出码: 0 no changes or compatible only 无变更或仅兼容 · 1 needs migration 需迁移 ·
3 breaking 破坏性 · 2 usage, unreadable or invalid file, server error 用法错误、文件无法读取或无效、服务器错误
`;

const diffOptions = {
  ...commonOptions,
  server: { type: "string" },
  token: { type: "string" },
  app: { type: "string" },
} as const;

/** Options of {@link runDiff} beyond the command line. */
export interface DiffRunOptions {
  readonly runtime?: Runtime;
  /** How `--server` is reached (default: the global fetch). */
  readonly fetch?: HttpFetch;
}

const classLabel: Readonly<Record<ChangeClass, Readonly<Record<CliLocale, string>>>> = {
  compatible: { en: "compatible", "zh-CN": "兼容" },
  "needs-migration": { en: "needs migration", "zh-CN": "需迁移" },
  breaking: { en: "breaking", "zh-CN": "破坏性" },
};

/** How many changes of each class. */
export function countChanges(changes: readonly AppChange[]): Record<ChangeClass, number> {
  const counts: Record<ChangeClass, number> = { compatible: 0, "needs-migration": 0, breaking: 0 };
  for (const change of changes) counts[change.class]++;
  return counts;
}

/** The exit code for CI: 0 none or compatible, 1 needs migration, 3 breaking. */
export function diffExitCode(changes: readonly AppChange[]): ExitCode {
  const worst = worstClass(changes);
  return worst === "breaking" ? ExitCode.breaking : worst === "needs-migration" ? ExitCode.invalid : ExitCode.ok;
}

/** The text report: one line per change, then a summary (and the data impact, if asked). */
export function formatChanges(
  changes: readonly AppChange[],
  files: { readonly old: string; readonly new: string },
  lang: CliLocale,
): string {
  const width = Math.max(...changes.map((c) => classLabel[c.class][lang].length), 0);
  const lines = changes.map((c) => `${classLabel[c.class][lang].padEnd(width)}  ${c.path}  ${c.message[lang]}\n`);
  const counts = countChanges(changes);
  const summary =
    lang === "zh-CN"
      ? changes.length === 0
        ? `${files.old} → ${files.new}：无变更。\n`
        : `${files.old} → ${files.new}：${changes.length} 项变更（${counts.compatible} 项兼容，${counts["needs-migration"]} 项需迁移，${counts.breaking} 项破坏性）。\n`
      : changes.length === 0
        ? `${files.old} → ${files.new}: no changes.\n`
        : `${files.old} → ${files.new}: ${changes.length} change${changes.length === 1 ? "" : "s"} (${counts.compatible} compatible, ${counts["needs-migration"]} needing migration, ${counts.breaking} breaking).\n`;
  return `${lines.join("")}${summary}`;
}

/** The data impact in words. */
export function formatImpact(impact: DataImpact, lang: CliLocale): string {
  const source = {
    dryRun: { en: "the server's publish dry run of its draft", "zh-CN": "服务器对其草稿的发布预演" },
    published: {
      en: `planned from published version ${impact.publishedVersion}, counted on the server`,
      "zh-CN": `基于已发布的第 ${impact.publishedVersion} 版规划，在服务器上计数`,
    },
    firstPublish: { en: "first publish: no stored data yet", "zh-CN": "首次发布：尚无存储数据" },
  }[impact.source][lang];
  const rows = rowsAffected(impact.plan);
  const head =
    lang === "zh-CN"
      ? `数据影响（${impact.server}，应用 ${impact.app}；${source}）：受影响的行/值 ${rows} 个。\n`
      : `Data impact on ${impact.server} (app ${impact.app}; ${source}): ${rows} rows/values affected.\n`;
  const steps = impact.plan.steps.map((s) => `  ${describeStep(s)[lang]}\n`);
  return head + (steps.length > 0 ? steps.join("") : lang === "zh-CN" ? "  无存储变更。\n" : "  no storage changes.\n");
}

async function loadValid(file: string, io: CliIo, runtime: Runtime, lang: CliLocale): Promise<LoadedApp | undefined> {
  const loaded = await loadAppFile(file, io, runtime);
  if (loaded.status === "valid") return loaded;
  io.stderr(formatIssues(loaded.issues, lang));
  if (loaded.status === "invalid") io.stderr(`${formatIssue(cliIssue("cli.invalidApp", { file }), lang)}\n`);
  return undefined;
}

/**
 * `plinth diff <old.json> <new.json>`: the semantic difference between two versions of an app
 * (`diffApps` of the runtime), and with `--server` what publishing it would do to that server's data.
 * Exit code for CI: 0 no changes or compatible only, 1 needs migration, 3 breaking, 2 usage,
 * unreadable or invalid files, or a server that cannot answer.
 *
 * @example
 * const code = await runDiff(["v1.json", "v2.json", "--json"], createProcessIo());
 */
export async function runDiff(args: readonly string[], io: CliIo, options: DiffRunOptions = {}): Promise<ExitCode> {
  if (wantsHelp(args)) {
    io.stdout(diffHelp);
    return ExitCode.ok;
  }
  const runtime = options.runtime ?? getDefaultRuntime();
  const started = startCommand(args, io, diffOptions);
  if (!started.ok) return started.code;
  const { values, positionals, lang } = started;
  const [oldFile, newFile, ...extra] = positionals;
  const usageIssue =
    oldFile === undefined || newFile === undefined
      ? cliIssue("cli.missingArgument", { argument: "the two app files (plinth diff <old.json> <new.json>)" })
      : extra.length > 0
        ? cliIssue("cli.invalidArguments", { reason: `Unexpected argument '${extra[0]}'.` })
        : values.server !== undefined && values.token === undefined
          ? cliIssue("cli.missingArgument", {
              argument: "--token (an administrator's API token, needed with --server)",
            })
          : values.server === undefined && (values.token !== undefined || values.app !== undefined)
            ? cliIssue("cli.invalidArguments", { reason: "--token and --app go with --server." })
            : undefined;
  if (usageIssue || oldFile === undefined || newFile === undefined) {
    if (usageIssue) io.stderr(`${formatIssue(usageIssue, lang)}\n`);
    return ExitCode.usage;
  }

  const before = await loadValid(oldFile, io, runtime, lang);
  const after = await loadValid(newFile, io, runtime, lang);
  if (before?.status !== "valid" || after?.status !== "valid") return ExitCode.usage;
  const changes = diffApps(before.app, after.app);

  let impact: DataImpact | undefined;
  if (values.server !== undefined && values.token !== undefined) {
    const result = await serverImpact(
      { url: values.server, token: values.token, app: values.app ?? after.app.id },
      after.app,
      runtime,
      options.fetch ?? globalThis.fetch,
    );
    if (!result.ok) {
      io.stderr(`${formatIssue(result.issue, lang)}\n`);
      return ExitCode.usage;
    }
    impact = result.impact;
  }

  if (values.json) {
    io.stdout(
      formatJson({
        class: worstClass(changes) ?? null,
        counts: countChanges(changes),
        changes,
        ...(impact ? { impact: { ...impact, rowsAffected: rowsAffected(impact.plan) } } : {}),
      }),
    );
  } else {
    io.stdout(formatChanges(changes, { old: oldFile, new: newFile }, lang));
    if (impact) io.stdout(formatImpact(impact, lang));
  }
  return diffExitCode(changes);
}
