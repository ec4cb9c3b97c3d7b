/**
 * Dates as people type and read them, without a date library (the light date field needs none;
 * the calendar, antd's DatePicker with dayjs, loads when opened). Stored values stay the core's
 * formats: `YYYY-MM-DD` for dates (fields/date.ts), ISO instants in UTC for datetimes.
 */

/** The core's date format, also what people type and read: `2026-07-15`. */
export const DATE_FORMAT = "YYYY-MM-DD";
/** Datetimes are shown and typed in local wall-clock time. */
export const DATETIME_FORMAT = "YYYY-MM-DD HH:mm";

const pad = (n: number) => String(n).padStart(2, "0");

/** Year, month, day as a real calendar date (`2026-02-30` is not one), or undefined. */
function calendarDate(y: number, m: number, d: number): string | undefined {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > daysInMonth ? undefined : `${String(y).padStart(4, "0")}-${pad(m)}-${pad(d)}`;
}

/** A stored date as shown: the same `YYYY-MM-DD` text, or "" when blank or malformed. */
export function dateText(value: unknown): string {
  if (typeof value !== "string") return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m && calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) === value ? value : "";
}

/**
 * What a person typed as a stored date: `2026-07-15`, `2026-7-5`, `2026/7/5` or `2026.7.5`;
 * undefined while it is not (yet) a real date.
 */
export function parseDateText(text: string): string | undefined {
  const m = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$/.exec(text);
  return m ? calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** A stored instant as local `YYYY-MM-DD HH:mm`, or "" when blank or malformed. */
export function datetimeText(value: unknown): string {
  if (typeof value !== "string" || value === "") return "";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** What a person typed (`2026-07-15 14:30`, local time) as a stored ISO instant; undefined while incomplete. */
export function parseDatetimeText(text: string): string | undefined {
  const m = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]+(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  if (!calendarDate(y, mo, d) || h > 23 || mi > 59) return undefined;
  return new Date(y, mo - 1, d, h, mi).toISOString();
}
