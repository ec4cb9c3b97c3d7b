import { civilFromDays, daysFromCivil } from "../expr/values.js";

/**
 * Instants are ISO text in UTC (`YYYY-MM-DDTHH:MM:SS.sssZ`), as everywhere in the core.
 * Arithmetic goes through milliseconds since the epoch, computed by hand so no `Date`
 * (and no host time zone) is involved.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;
const DAY_MS = 86_400_000;

/** Milliseconds since 1970-01-01T00:00:00Z, or undefined when `text` is not an instant. */
export function instantMs(text: string): number | undefined {
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Number((m[7] ?? "0").padEnd(3, "0"));
  return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/** The instant `ms` milliseconds after the epoch, as `YYYY-MM-DDTHH:MM:SS.sssZ`. */
export function formatInstant(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const rest = ms - days * DAY_MS;
  const { year, month, day } = civilFromDays(days);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const h = Math.floor(rest / 3_600_000);
  const min = Math.floor((rest % 3_600_000) / 60_000);
  const s = Math.floor((rest % 60_000) / 1000);
  return `${p(year, 4)}-${p(month)}-${p(day)}T${p(h)}:${p(min)}:${p(s)}.${p(rest % 1000, 3)}Z`;
}

/**
 * `at` plus a number of hours (fractions allowed, rounded to the millisecond).
 *
 * @example
 * addHours("2026-06-01T09:00:00.000Z", 48); // "2026-06-03T09:00:00.000Z"
 */
export function addHours(at: string, hours: number): string {
  const ms = instantMs(at);
  if (ms === undefined) throw new Error(`'${at}' is not an instant`);
  return formatInstant(ms + Math.round(hours * 3_600_000));
}

/** True when instant `a` is at or after instant `b` (both valid). */
export function reached(a: string, b: string): boolean {
  return (instantMs(a) ?? 0) >= (instantMs(b) ?? 0);
}
