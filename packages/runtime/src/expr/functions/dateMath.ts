import type { DateUnit } from "../sqlDialect.js";
import { civilFromDays, dateParts, dayNumber, daysFromCivil, daysInMonth, formatDate } from "../values.js";

/**
 * Date arithmetic, defined so SQL can compute exactly the same thing. Whole numbers only
 * (arguments are truncated toward zero); results outside the years 1–9999 are blank; and
 * arguments so large that no valid date could result are blank without computing.
 */

/** Largest day offset that can stay within 0001–9999 (≈ 10,000 years). */
export const MAX_DAY_OFFSET = 3_660_000;
/** Largest month offset that can stay within 0001–9999. */
export const MAX_MONTH_OFFSET = 120_000;
/** Months from 2000-01 that keep DATE's intermediate first-of-month within 0000–9999. */
export const DATE_MONTHS_MIN = -24_000;
export const DATE_MONTHS_MAX = 95_999;

/** `DATE(y, m, d)`: overflowing months and days roll over, as `Date.UTC` does. */
export function makeDate(year: number, month: number, day: number): string | null {
  const months = (Math.trunc(year) - 2000) * 12 + Math.trunc(month) - 1;
  const days = Math.trunc(day) - 1;
  if (!(months >= DATE_MONTHS_MIN && months <= DATE_MONTHS_MAX)) return null;
  if (!(Math.abs(days) <= MAX_DAY_OFFSET)) return null;
  const y = 2000 + Math.floor(months / 12);
  const m = months - Math.floor(months / 12) * 12 + 1;
  return formatDate(civilFromDays(daysFromCivil(y, m, 1) + days));
}

/** Add `amount` units to a date or datetime text; the time of day is kept. */
export function addToDate(value: string, amount: number, unit: DateUnit): string | null {
  const whole = Math.trunc(amount);
  const time = value.slice(10);
  const { year, month, day } = dateParts(value);
  let date: string | null;
  switch (unit) {
    case "day":
    case "week": {
      const days = unit === "week" ? whole * 7 : whole;
      date =
        Math.abs(days) <= MAX_DAY_OFFSET ? formatDate(civilFromDays(daysFromCivil(year, month, day) + days)) : null;
      break;
    }
    case "month":
    case "year": {
      const months = unit === "year" ? whole * 12 : whole;
      date = Math.abs(months) <= MAX_MONTH_OFFSET ? addMonths(year, month, day, months) : null;
      break;
    }
  }
  return date === null ? null : date + time;
}

function addMonths(year: number, month: number, day: number, months: number): string | null {
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  if (y < 1 || y > 9999) return null;
  return formatDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** Units of DATEDIFF. */
export type DiffUnit = "day" | "week" | "month" | "year";

/**
 * Whole units from `start` to `end` (negative when end is earlier), on the date parts only:
 * day = calendar days; week = days / 7 truncated; month = completed months (Jan 31 → Feb 28
 * is 0, Jan 31 → Mar 1 is 1); year = months / 12 truncated.
 */
export function dateDiff(start: string, end: string, unit: DiffUnit): number {
  switch (unit) {
    case "day":
      return dayNumber(end) - dayNumber(start);
    case "week":
      return Math.trunc((dayNumber(end) - dayNumber(start)) / 7);
    case "month":
      return monthDiff(start, end);
    case "year":
      return Math.trunc(monthDiff(start, end) / 12);
  }
}

function monthDiff(start: string, end: string): number {
  const s = dateParts(start);
  const e = dateParts(end);
  const months = (e.year - s.year) * 12 + (e.month - s.month);
  if (months > 0 && e.day < s.day) return months - 1;
  if (months < 0 && e.day > s.day) return months + 1;
  return months;
}

/** 1 = Sunday … 7 = Saturday. */
export function weekday(value: string): number {
  return ((((dayNumber(value) + 4) % 7) + 7) % 7) + 1;
}
