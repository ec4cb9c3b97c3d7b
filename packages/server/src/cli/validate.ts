import { getDefaultRuntime, type Runtime } from "@plinth/runtime";
import { commonOptions } from "./args.js";
import { onePositional, startCommand } from "./command.js";
import { type CliIo, ExitCode } from "./io.js";
import { loadAppFile } from "./loadApp.js";
import { formatIssues, formatJson, formatSummary } from "./output.js";

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
  const started = startCommand(args, io, commonOptions);
  if (!started.ok) return started.code;
  const { values, positionals, lang } = started;
  const file = onePositional(positionals, "the app file (plinth validate <app.json>)", lang, io);
  if (file === undefined) return ExitCode.usage;

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
