import { Cron } from "croner";
import type { Issue } from "../issues/issue.js";
import type { Automation } from "../schema/types.js";
import { automationIssue } from "./automationMessages.js";
import { formatInstant, instantMs } from "./time.js";

/** Five whitespace-separated fields, as the app schema requires (no nicknames, no seconds). */
const FIVE_FIELDS = /^\S+( \S+){4}$/;
const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})(?:$|T)/;
const AT = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;
/** A fixed instant to ask "does this pattern ever fire?" without reading the clock. */
const PROBE = "2000-01-01T00:00:00.000Z";

type Parsed = { readonly ok: true; readonly cron: Cron } | { readonly ok: false; readonly reason: string };

const parsed = new Map<string, Parsed>();

/** Parse once: five fields, minute precision, UTC; day-of-month OR day-of-week as in classic cron. */
function parse(expression: string): Parsed {
  const hit = parsed.get(expression);
  if (hit) return hit;
  let result: Parsed;
  if (!FIVE_FIELDS.test(expression)) {
    result = { ok: false, reason: "it needs exactly five fields separated by single spaces." };
  } else {
    try {
      result = { ok: true, cron: new Cron(expression, { mode: "5-part", utcOffset: 0, paused: true }) };
    } catch (error) {
      const message = error instanceof Error ? error.message.replace(/^CronPattern: /, "") : String(error);
      result = { ok: false, reason: message.endsWith(".") ? message : `${message}.` };
    }
  }
  if (parsed.size > 1000) parsed.clear();
  parsed.set(expression, result);
  return result;
}

/**
 * The first run of a cron expression strictly after `after` (an instant in UTC ISO form), or
 * undefined when the expression is invalid or never fires again (`0 0 31 2 *`).
 *
 * @example
 * nextCron("0 9 * * 1", "2026-06-01T09:00:00.000Z"); // "2026-06-08T09:00:00.000Z" (next Monday)
 */
export function nextCron(expression: string, after: string): string | undefined {
  const ms = instantMs(after);
  const p = parse(expression);
  if (ms === undefined || !p.ok) return undefined;
  const next = p.cron.nextRun(new Date(ms));
  return next ? formatInstant(next.getTime()) : undefined;
}

/** Why a cron expression is unusable, as an issue at `path`; undefined when it is fine. */
export function cronIssue(expression: string, path: string): Issue | undefined {
  const p = parse(expression);
  if (!p.ok) return automationIssue("automation.invalidCron", path, { expression, reason: p.reason });
  if (nextCron(expression, PROBE) === undefined) {
    return automationIssue("automation.invalidCron", path, { expression, reason: "no date ever matches it." });
  }
  return undefined;
}

/** True when `expression` has five valid fields and fires at least once. */
export function isValidCron(expression: string): boolean {
  return cronIssue(expression, "") === undefined;
}

/**
 * A `schedule` trigger as a cron expression (UTC): every hour at minute MM of `at`, every day
 * at `at`, weeks on Monday, months on the 1st; `at` defaults to 00:00.
 */
export function scheduleCron(every: "hour" | "day" | "week" | "month", at = "00:00"): string {
  const m = AT.exec(at);
  const hour = Number(m?.[1] ?? 0);
  const minute = Number(m?.[2] ?? 0);
  switch (every) {
    case "hour":
      return `${minute} * * * *`;
    case "day":
      return `${minute} ${hour} * * *`;
    case "week":
      return `${minute} ${hour} * * 1`;
    case "month":
      return `${minute} ${hour} 1 * *`;
  }
}

/** The next run after `after` of a cron or schedule trigger; undefined for other triggers. */
export function nextRun(trigger: Automation["trigger"], after: string): string | undefined {
  if (trigger.kind === "cron") return nextCron(trigger.expression, after);
  if (trigger.kind === "schedule") return nextCron(scheduleCron(trigger.every, trigger.at), after);
  return undefined;
}

/**
 * When a `dateOffset` automation is due for a record: the date part of `value` (a date or a
 * datetime), plus `days`, at `at` (UTC, default 00:00). Undefined when the value is blank or
 * not a date.
 *
 * @example
 * dateOffsetDue("2026-06-10", -3, "09:00"); // "2026-06-07T09:00:00.000Z"
 */
export function dateOffsetDue(value: unknown, days: number, at = "00:00"): string | undefined {
  if (typeof value !== "string") return undefined;
  const date = DATE_PREFIX.exec(value)?.[1];
  const m = AT.exec(at);
  if (date === undefined || !m) return undefined;
  const midnight = instantMs(`${date}T00:00:00.000Z`);
  if (midnight === undefined) return undefined;
  return formatInstant(midnight + days * DAY_MS + (Number(m[1]) * 60 + Number(m[2])) * 60_000);
}
