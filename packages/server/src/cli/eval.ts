import { type FormulaType, getDefaultRuntime, type Issue, type Runtime, renderExcerpt } from "@plinth/runtime";
import { commonOptions, parseCommandArgs, readLocale } from "./args.js";
import { buildEvalInputs } from "./evalEnv.js";
import { evaluateOnApp } from "./evalFormula.js";
import { type CliIo, ExitCode } from "./io.js";
import { loadAppFile } from "./loadApp.js";
import { cliIssue } from "./messages.js";
import { type CliLocale, formatIssue, formatIssues, formatJson } from "./output.js";

/** Usage of `plinth eval`, printed by `plinth help`. */
export const evalUsage =
  "plinth eval '<formula>' --app <app.json> --entity <id> [--record '<json>'] [--user '<json>'] [--today YYYY-MM-DD] [--json] [--lang en|zh-CN]";

const evalOptions = {
  ...commonOptions,
  app: { type: "string" },
  entity: { type: "string" },
  record: { type: "string" },
  user: { type: "string" },
  today: { type: "string" },
} as const;

/** A formula issue under the formula text: the line, a caret line under the span, the message. */
export function formatFormulaIssue(formula: string, issue: Issue, locale: CliLocale): string {
  const { start, end } = issue.params;
  const excerpt =
    typeof start === "number" && typeof end === "number" ? `${renderExcerpt(formula, { start, end })}\n` : "";
  return `${excerpt}${formatIssue(issue, locale)}\n`;
}

/**
 * `plinth eval '<formula>' --app <app.json> --entity <id>`: validate the app, type-check the
 * formula on the entity, compile it and evaluate it on `--record`, printing the value as JSON.
 * Returns the exit code: 0 evaluated, 1 invalid app or formula (or it failed on this record),
 * 2 wrong arguments or unreadable app file.
 *
 * @example
 * await runEval(["ROUND(amount * probability / 100, 2)", "--app", "sales.json", "--entity", "opportunity",
 *   "--record", '{"amount": 1000, "probability": 25}'], io); // prints 250
 */
export async function runEval(
  args: readonly string[],
  io: CliIo,
  runtime: Runtime = getDefaultRuntime(),
): Promise<ExitCode> {
  const parsed = parseCommandArgs(args, evalOptions);
  if (!parsed.ok) return usageError(io, parsed.issue, "en");
  const { values, positionals } = parsed.value;
  const locale = readLocale(values.lang);
  if (!locale.ok) return usageError(io, locale.issue, "en");
  const lang = locale.value;
  const [formula, ...extra] = positionals;
  if (formula === undefined) return usageError(io, cliIssue("cli.missingArgument", { argument: "the formula" }), lang);
  if (extra.length > 0) {
    const reason = `Unexpected argument '${extra[0]}'. Quote the formula as one argument.`;
    return usageError(io, cliIssue("cli.invalidArguments", { reason }), lang);
  }
  if (values.app === undefined)
    return usageError(io, cliIssue("cli.missingArgument", { argument: "--app <app.json>" }), lang);
  if (values.entity === undefined)
    return usageError(io, cliIssue("cli.missingArgument", { argument: "--entity <id>" }), lang);
  const inputs = buildEvalInputs(values, io.now());
  if (!inputs.ok) return usageError(io, inputs.issue, lang);

  const loaded = await loadAppFile(values.app, io, runtime);
  if (loaded.status !== "valid") {
    if (values.json) io.stdout(formatJson({ ok: false, issues: loaded.issues }));
    else if (loaded.status === "unreadable") io.stderr(formatIssues(loaded.issues, lang));
    else io.stdout(formatIssues(loaded.issues, lang));
    return loaded.status === "unreadable" ? ExitCode.usage : ExitCode.invalid;
  }

  const request = { app: loaded.app, entity: values.entity, formula, record: inputs.record, env: inputs.env };
  const outcome = evaluateOnApp(runtime, request);
  if (values.json) {
    const ok = outcome.status === "value";
    io.stdout(
      formatJson(ok ? { ok, value: outcome.value, type: typeName(outcome.type) } : { ok, issues: outcome.issues }),
    );
  } else if (outcome.status === "value") {
    io.stdout(`${JSON.stringify(outcome.value)}\n`);
  } else if (outcome.status === "formulaError") {
    io.stdout(outcome.issues.map((issue) => formatFormulaIssue(formula, issue, lang)).join(""));
  } else {
    io.stderr(formatIssues(outcome.issues, lang));
  }
  if (outcome.status === "value") return ExitCode.ok;
  return outcome.status === "formulaError" ? ExitCode.invalid : ExitCode.usage;
}

/** The name of a formula type as messages spell it ("number", "text", "blank"...). */
function typeName(type: FormulaType): string {
  return type.kind === "null" ? "blank" : type.kind;
}

function usageError(io: CliIo, issue: Issue, locale: CliLocale): ExitCode {
  io.stderr(`${formatIssue(issue, locale)}\n`);
  return ExitCode.usage;
}
