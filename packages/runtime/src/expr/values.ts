/**
 * Runtime values of the formula language and the small, pure helpers that both the JS
 * evaluators and the function library share. Dates are ISO text (`YYYY-MM-DD`), datetimes
 * ISO text in UTC (`YYYY-MM-DDTHH:MM:SS.sssZ`); no `Date` object is involved, so the result
 * never depends on the host's time zone.
 */

/** A formula value: blank is `null`; lists are multiSelect values. */
export type Value = number | string | boolean | readonly string[] | null;

/** The current user as formulas see it (`$user.id`, `$user.region`, ...). */
export interface EvalUser {
  readonly id: string | null;
  readonly region?: string | null;
  readonly team?: string | null;
  readonly roles?: readonly string[] | null;
  readonly [key: string]: unknown;
}

/**
 * Everything a formula may read besides the record. The host supplies it; the core never
 * reads a clock itself.
 */
export interface EvalEnv {
  /** Today's date as `YYYY-MM-DD`, in the time zone the host decides. */
  readonly today: string;
  /** The current instant as `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  readonly now: string;
  readonly user: EvalUser;
  /** The candidate approver an approval step's `match` formula is asked about (`$approver.region`). */
  readonly approver?: EvalUser;
  /** The record before the change being validated (`$old.amount`); undefined on create. */
  readonly old?: Readonly<Record<string, unknown>> | undefined;
  /** Resolve a relation path such as `["account", "region"]` from the record. */
  lookup(path: readonly string[], record: Readonly<Record<string, unknown>>): unknown;
  /**
   * Further variable groups a host supplies where the schema declares them: a computation's
   * `$stats.<id>` and `$run.<field>` (group name → variable name → value).
   */
  readonly variables?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * Compare two strings by Unicode code point (the order of SQLite's BINARY collation and of
 * PostgreSQL's "C" collation over UTF-8). JS `<` compares UTF-16 code units, which puts
 * astral characters (surrogates, U+D800–U+DFFF) before U+E000–U+FFFF; this fixes that.
 */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** Number of Unicode code points in `text`. */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** UTF-16 index where code point number `points` starts (or `text.length`). */
export function codePointOffset(text: string, points: number): number {
  let i = 0;
  for (let seen = 0; seen < points && i < text.length; seen++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    i += unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  return i;
}

/** Text of a number, as JS prints it (shortest text that reads back to the same number). */
export function numberToText(value: number): string {
  return Object.is(value, -0) ? "0" : String(value);
}

/** Text of a boolean, as formulas print it. */
export function booleanToText(value: boolean): string {
  return value ? "TRUE" : "FALSE";
}

/** Year, month (1–12) and day of a date or datetime text. */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Read the date part of `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS.sssZ`. */
export function dateParts(text: string): DateParts {
  return { year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)), day: Number(text.slice(8, 10)) };
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of {@link daysFromCivil}. */
export function civilFromDays(days: number): DateParts {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

/** `YYYY-MM-DD`, or blank when the year is outside 1–9999 (the range every database stores). */
export function formatDate(parts: DateParts): string | null {
  if (parts.year < 1 || parts.year > 9999) return null;
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** Days since 1970-01-01 of a date or datetime text (its UTC date part). */
export function dayNumber(text: string): number {
  const { year, month, day } = dateParts(text);
  return daysFromCivil(year, month, day);
}
