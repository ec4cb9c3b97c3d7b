import type { EvalEnv, EvalUser, Issue } from "@plinth/runtime";
import type { ParsedArgs } from "./args.js";
import type { FormulaRecord } from "./evalFormula.js";
import { cliIssue } from "./messages.js";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is `text` a real calendar date written `YYYY-MM-DD`? */
export function isIsoDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The local calendar date of an instant as `YYYY-MM-DD` (the user's "today"). */
export function localDate(instant: Date): string {
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(instant.getFullYear(), 4)}-${pad(instant.getMonth() + 1, 2)}-${pad(instant.getDate(), 2)}`;
}

/** Parse a `--record` / `--user` value: a JSON object, or the issue saying why not. */
export function parseJsonObject(option: string, text: string): ParsedArgs<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, issue: cliIssue("cli.invalidJsonOption", { option, reason }) };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, issue: cliIssue("cli.invalidJsonOption", { option, reason: "got something else" }) };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

function toUser(value: Record<string, unknown>): ParsedArgs<EvalUser> {
  const id = value.id ?? null;
  if (id !== null && typeof id !== "string") {
    return { ok: false, issue: cliIssue("cli.invalidJsonOption", { option: "user", reason: '"id" must be text' }) };
  }
  return { ok: true, value: { ...value, id } };
}

/** The command-line inputs of an evaluation, as text. */
export interface EnvOptions {
  readonly record?: string;
  readonly user?: string;
  readonly today?: string;
}

/**
 * Build the record and environment of `plinth eval`. `today` is the local date of `now` unless
 * `--today` fixes it (then `$now` is that day at 00:00 UTC, so the run is reproducible).
 * Relation paths read dotted keys of the record: `--record '{"account.region": "north"}'`
 * answers `account.region`, since the CLI has no database to follow the relation.
 */
export function buildEvalInputs(
  options: EnvOptions,
  now: Date,
): { ok: true; record: FormulaRecord; env: EvalEnv } | { ok: false; issue: Issue } {
  const record = parseJsonObject("record", options.record ?? "{}");
  if (!record.ok) return record;
  const userObject = parseJsonObject("user", options.user ?? "{}");
  if (!userObject.ok) return userObject;
  const user = toUser(userObject.value);
  if (!user.ok) return user;
  if (options.today !== undefined && !isIsoDate(options.today)) {
    return { ok: false, issue: cliIssue("cli.invalidDate", { option: "today", value: options.today }) };
  }
  const today = options.today ?? localDate(now);
  const env: EvalEnv = {
    today,
    now: options.today === undefined ? now.toISOString() : `${today}T00:00:00.000Z`,
    user: user.value,
    lookup: (path, from) => {
      const key = path.join(".");
      return Object.hasOwn(from, key) ? from[key] : undefined;
    },
  };
  return { ok: true, record: record.value, env };
}
