import { getDefaultRuntime, type Runtime } from "@plinth/runtime";
import { commonOptions, parseCommandArgs, readLocale } from "./args.js";
import { type CliIo, ExitCode } from "./io.js";
import { loadAppFile } from "./loadApp.js";
import { cliIssue } from "./messages.js";
import { formatIssue, formatIssues, formatJson, formatSummary } from "./output.js";

/** Usage of `plinth validate`, printed by `plinth help`. */
export const validateUsage = "plinth validate <app.json> [--json] [--lang en|zh-CN]";

/**
 * `plinth validate <app.json>`: read, parse and validate an app document and print every issue.
 * Returns the exit code: 0 valid (warnings allowed), 1 invalid (including not JSON),
 * 2 when the file cannot be read or the arguments are wrong.
 *
 * @example
 * const code = await runValidate(["crm.app.json", "--lang", "zh-CN"], createProcessIo());
 */
export async function runValidate(
  args: readonly string[],
  io: CliIo,
  runtime: Runtime = getDefaultRuntime(),
): Promise<ExitCode> {
  const parsed = parseCommandArgs(args, commonOptions);
  if (!parsed.ok) {
    io.stderr(`${formatIssue(parsed.issue, "en")}\n`);
    return ExitCode.usage;
  }
  const { values, positionals } = parsed.value;
  const locale = readLocale(values.lang);
  if (!locale.ok) {
    io.stderr(`${formatIssue(locale.issue, "en")}\n`);
    return ExitCode.usage;
  }
  const lang = locale.value;
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    const issue =
      file === undefined
        ? cliIssue("cli.missingArgument", { argument: "the app file (plinth validate <app.json>)" })
        : cliIssue("cli.invalidArguments", { reason: `Unexpected argument '${extra[0]}'.` });
    io.stderr(`${formatIssue(issue, lang)}\n`);
    return ExitCode.usage;
  }

  const loaded = await loadAppFile(file, io, runtime);
  const ok = loaded.status === "valid";
  if (values.json) {
    io.stdout(formatJson({ ok, issues: loaded.issues }));
  } else if (loaded.status === "unreadable") {
    io.stderr(formatIssues(loaded.issues, lang));
  } else {
    io.stdout(formatIssues(loaded.issues, lang));
    io.stdout(formatSummary(file, loaded.issues, ok, lang));
  }
  if (loaded.status === "unreadable") return ExitCode.usage;
  return ok ? ExitCode.ok : ExitCode.invalid;
}
