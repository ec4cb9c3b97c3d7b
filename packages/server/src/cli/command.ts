import type { ParseArgsConfig } from "node:util";
import { parseCommandArgs, readLocale, wantsHelp } from "./args.js";
import { type CliIo, ExitCode } from "./io.js";
import { cliIssue } from "./messages.js";
import { type CliLocale, formatIssue } from "./output.js";

type Options = NonNullable<ParseArgsConfig["options"]> & { readonly lang: { readonly type: "string" } };
type Parsed<O extends Options> = Extract<ReturnType<typeof parseCommandArgs<O>>, { ok: true }>["value"];

/** A command's arguments read, or the exit code it ends with (help printed, or a usage problem reported). */
export type Started<O extends Options> =
  | {
      readonly ok: true;
      readonly values: Parsed<O>["values"];
      readonly positionals: string[];
      readonly lang: CliLocale;
    }
  | { readonly ok: false; readonly code: ExitCode };

/**
 * The start every command shares: `--help`/`-h` prints `help` (exit 0); unknown options, missing
 * values or an unknown `--lang` are reported on stderr (exit 2); otherwise the parsed values,
 * the positionals and the language.
 *
 * @example
 * const started = startCommand(args, io, openapiOptions, openapiHelp);
 * if (!started.ok) return started.code;
 */
export function startCommand<const O extends Options>(
  args: readonly string[],
  io: CliIo,
  options: O,
  help?: string,
): Started<O> {
  if (help !== undefined && wantsHelp(args)) {
    io.stdout(help);
    return { ok: false, code: ExitCode.ok };
  }
  const parsed = parseCommandArgs(args, options);
  if (!parsed.ok) {
    io.stderr(`${formatIssue(parsed.issue, "en")}\n`);
    return { ok: false, code: ExitCode.usage };
  }
  const { values, positionals } = parsed.value;
  const locale = readLocale((values as { lang?: string }).lang);
  if (!locale.ok) {
    io.stderr(`${formatIssue(locale.issue, "en")}\n`);
    return { ok: false, code: ExitCode.usage };
  }
  return { ok: true, values, positionals, lang: locale.value };
}

/**
 * The one positional argument a command takes (`argument` names it in the message, e.g. "the app
 * file (plinth lint <app.json>)"); undefined, with the problem on stderr, when it is missing or
 * followed by another.
 */
export function onePositional(
  positionals: readonly string[],
  argument: string,
  lang: CliLocale,
  io: CliIo,
): string | undefined {
  const [value, ...extra] = positionals;
  if (value !== undefined && extra.length === 0) return value;
  const issue =
    value === undefined
      ? cliIssue("cli.missingArgument", { argument })
      : cliIssue("cli.invalidArguments", { reason: `Unexpected argument '${extra[0]}'.` });
  io.stderr(`${formatIssue(issue, lang)}\n`);
  return undefined;
}
