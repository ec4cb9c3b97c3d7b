import { join } from "node:path";
import { type Issue, renderMessage } from "@plinth/runtime";
import { auditMessages } from "../audit/messages.js";
import {
  type AuditFileVerification,
  type AuditVerification,
  verifyAuditDatabase,
  verifyAuditFile,
} from "../audit/verify.js";
import { commonOptions } from "./args.js";
import { startCommand } from "./command.js";
import { isPostgresUrl, redactedUrl } from "./databaseUrl.js";
import { type CliIo, ExitCode } from "./io.js";
import { cliIssue } from "./messages.js";
import { type CliLocale, formatIssue, formatJson } from "./output.js";

/** Usage of `plinth audit`, printed by `plinth help`. */
export const auditUsage = "plinth audit verify [--data <dir> | --database postgres://…] [--json] [--lang en|zh-CN]";

/** The database file inside a data folder. */
export const DATABASE_FILE = "plinth.sqlite";

const auditOptions = { ...commonOptions, data: { type: "string" }, database: { type: "string" } } as const;

/** Which database to verify: `--database`, `--data`, else `PLINTH_DATABASE_URL`, else `PLINTH_DATA` or `./data` (as `plinth serve`). */
type AuditTarget =
  | { readonly kind: "sqlite"; readonly file: string }
  | { readonly kind: "postgres"; readonly url: string };

function auditTarget(data: string | undefined, database: string | undefined): AuditTarget | Issue {
  if (data !== undefined && database !== undefined) {
    return cliIssue("cli.invalidArguments", {
      reason: "Pass either --data <dir> (SQLite) or --database postgres://… (PostgreSQL), not both.",
    });
  }
  const url = (database ?? (data === undefined ? process.env.PLINTH_DATABASE_URL : undefined) ?? "").trim();
  if (url === "") return { kind: "sqlite", file: join(data ?? process.env.PLINTH_DATA ?? "./data", DATABASE_FILE) };
  if (!isPostgresUrl(url)) return cliIssue("cli.invalidDatabaseUrl", { value: redactedUrl(url) });
  return { kind: "postgres", url };
}

/** The result line of a verification, in one language. */
function formatVerification(result: AuditVerification, lang: CliLocale): string {
  if (result.firstBad === undefined) {
    return `OK ${renderMessage(auditMessages["audit.intact"], { rows: result.rows })[lang]}\n`;
  }
  const { seq, problem, message } = result.firstBad;
  const head = lang === "zh-CN" ? `篡改 第 ${seq} 行（${problem}）` : `TAMPERED row ${seq} (${problem})`;
  return `${head}: ${message[lang]}\n`;
}

/**
 * `plinth audit verify [--data <dir> | --database postgres://…]`: verify the hash chain of the
 * audit log in `<dir>/plinth.sqlite` (default `./data`) or, with `--database` (or
 * `PLINTH_DATABASE_URL` when no `--data` is given), in PostgreSQL, read-only. Exit 0 when
 * intact, 1 at the first modified, deleted or re-linked row (printed with its seq), 2 on wrong
 * arguments or an unreadable database.
 *
 * @example
 * const code = await runAudit(["verify", "--data", "/srv/plinth"], createProcessIo());
 * const pg = await runAudit(["verify", "--database", "postgres://plinth@db/plinth"], createProcessIo());
 */
export async function runAudit(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const started = startCommand(args, io, auditOptions);
  if (!started.ok) return started.code;
  const { values, positionals, lang } = started;
  const [subcommand, ...extra] = positionals;
  if (subcommand !== "verify" || extra.length > 0) {
    const issue =
      subcommand === undefined
        ? cliIssue("cli.missingArgument", { argument: "the audit command (plinth audit verify)" })
        : cliIssue("cli.invalidArguments", {
            reason: `Unexpected argument '${subcommand === "verify" ? extra[0] : subcommand}'.`,
          });
    io.stderr(`${formatIssue(issue, lang)}\n`);
    return ExitCode.usage;
  }

  const target = auditTarget(values.data, values.database);
  if ("code" in target) {
    io.stderr(`${formatIssue(target, lang)}\n`);
    return ExitCode.usage;
  }
  let result: AuditFileVerification;
  let params: Record<string, unknown>;
  if (target.kind === "sqlite") {
    result = await verifyAuditFile(target.file);
    params = { file: target.file };
  } else {
    const database = redactedUrl(target.url);
    result = await verifyAuditDatabase({ url: target.url }, database);
    params = { database };
  }
  if (result.status === "unreadable") {
    const issue: Issue = { code: result.code, path: "", params, message: result.message, severity: "error" };
    if (values.json) io.stdout(formatJson({ ok: false, issues: [issue] }));
    else io.stderr(`${formatIssue(issue, lang)}\n`);
    return ExitCode.usage;
  }
  const verification = result.verification;
  io.stdout(values.json ? formatJson(verification) : formatVerification(verification, lang));
  return verification.ok ? ExitCode.ok : ExitCode.invalid;
}
