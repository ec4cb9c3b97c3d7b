import { type ParseArgsConfig, parseArgs } from "node:util";
import type { Issue } from "@plinth/runtime";
import { cliIssue } from "./messages.js";
import { type CliLocale, isCliLocale } from "./output.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The result of reading a command's arguments: the values, or the issue that stops the command. */
export type ParsedArgs<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issue: Issue };

/** Options every command accepts. */
export const commonOptions = {
  json: { type: "boolean", default: false },
  lang: { type: "string", default: "en" },
} as const satisfies Options;

/**
 * Strict `util.parseArgs` that reports unknown options and missing values as an issue
 * instead of throwing.
 */
export function parseCommandArgs<const O extends Options>(
  args: readonly string[],
  options: O,
): ParsedArgs<ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>> {
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { ok: true as const, value: parsed };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false as const,
      issue: cliIssue("cli.invalidArguments", { reason: reason.endsWith(".") ? reason : `${reason}.` }),
    };
  }
}

/** Read `--lang`, refusing anything but the shipped locales. */
export function readLocale(value: string | undefined): ParsedArgs<CliLocale> {
  const lang = value ?? "en";
  return isCliLocale(lang)
    ? { ok: true, value: lang }
    : { ok: false, issue: cliIssue("cli.unknownLocale", { value: lang }) };
}

/**
 * Does the command line ask for the command's help (`--help` or `-h`, before any `--`)?
 * Commands answer it with their usage in English and Chinese and exit 0.
 *
 * @example
 * if (wantsHelp(args)) { io.stdout(testHelp); return ExitCode.ok; }
 */
export function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === "--") return false;
    if (arg === "--help" || arg === "-h") return true;
  }
  return false;
}
