import type { ArgInfo, CallCheckResult } from "../functionSpec.js";
import type { DateUnit } from "../sqlDialect.js";
import { T } from "../types.js";
import { dateParts } from "../values.js";
import { checkParams, literalUnit, num, signature, str } from "./checks.js";
import {
  addToDate,
  DATE_MONTHS_MAX,
  DATE_MONTHS_MIN,
  type DiffUnit,
  dateDiff,
  MAX_DAY_OFFSET,
  MAX_MONTH_OFFSET,
  makeDate,
  weekday,
} from "./dateMath.js";
import type { ImplementedFunction, SqlArg, SqlCallContext } from "./implemented.js";

const UNITS: readonly DateUnit[] = ["day", "week", "month", "year"];

function isUnit(value: unknown): value is DateUnit {
  return UNITS.some((unit) => unit === value);
}

function unitOf(arg: SqlArg | undefined): DateUnit | undefined {
  const node = arg?.node;
  return node?.type === "string" && isUnit(node.value) ? node.value : undefined;
}

function sqlOf(arg: SqlArg | undefined): string {
  return arg?.sql ?? "NULL";
}

/** Blank unless the date text is in the years 0001–9999. */
function inRange(ctx: SqlCallContext, sql: string): string {
  return ctx.share(sql, (v) => `(CASE WHEN ${v} >= '0001-01-01' THEN ${v} END)`);
}

function checkDateAdd(args: readonly ArgInfo[]): CallCheckResult {
  const failure = checkParams(args.slice(0, 2), ["dateLike", "number"]) ?? literalUnit(args, 2, UNITS);
  if (failure) return failure;
  const type = args[0]?.type;
  return { ok: true, type: type?.kind === "datetime" ? T.datetime : T.date };
}

function dateAddSql([value, amount, unitArg]: readonly SqlArg[], ctx: SqlCallContext): string | undefined {
  const unit = unitOf(unitArg);
  if (!value || !amount || unit === undefined) return undefined;
  const d = ctx.dialect;
  const kind = value.type.kind === "datetime" ? "datetime" : "date";
  const whole = d.toInteger(amount.sql);
  const [offset, limit] =
    unit === "day"
      ? [whole, MAX_DAY_OFFSET]
      : unit === "week"
        ? [`(${whole} * 7)`, MAX_DAY_OFFSET]
        : unit === "month"
          ? [whole, MAX_MONTH_OFFSET]
          : [`(${whole} * 12)`, MAX_MONTH_OFFSET];
  return ctx.share(offset, (n) => {
    const moved = unit === "day" || unit === "week" ? d.addDays(value.sql, n, kind) : d.addMonths(value.sql, n, kind);
    // BETWEEN rather than abs(): abs() of the smallest 64-bit integer is an SQLite error.
    return `(CASE WHEN ${n} BETWEEN -${limit} AND ${limit} THEN ${inRange(ctx, moved)} END)`;
  });
}

function dateDiffSql([start, end, unitArg]: readonly SqlArg[], ctx: SqlCallContext): string | undefined {
  const unit = unitOf(unitArg);
  if (!start || !end || unit === undefined) return undefined;
  const d = ctx.dialect;
  if (unit === "day" || unit === "week") {
    const days = `(${d.dayNumber(end.sql)} - ${d.dayNumber(start.sql)})`;
    return unit === "day" ? days : `(${days} / 7)`;
  }
  const months = ctx.share(start.sql, (s) =>
    ctx.share(end.sql, (e) => {
      const part = (v: string, p: "year" | "month" | "day") => d.datePart(v, p);
      const raw = `((${part(e, "year")} - ${part(s, "year")}) * 12 + (${part(e, "month")} - ${part(s, "month")}))`;
      return ctx.share(raw, (m) => {
        const ds = part(s, "day");
        const de = part(e, "day");
        return `(${m} + (CASE WHEN ${m} > 0 AND ${de} < ${ds} THEN -1 WHEN ${m} < 0 AND ${de} > ${ds} THEN 1 ELSE 0 END))`;
      });
    }),
  );
  return unit === "month" ? months : `(${months} / 12)`;
}

function dateSql([year, month, day]: readonly SqlArg[], ctx: SqlCallContext): string {
  const d = ctx.dialect;
  const months = `((${d.toInteger(sqlOf(year))} - 2000) * 12 + ${d.toInteger(sqlOf(month))} - 1)`;
  const days = `(${d.toInteger(sqlOf(day))} - 1)`;
  return ctx.share(months, (m) =>
    ctx.share(days, (n) => {
      const built = d.addDays(d.addMonths("'2000-01-01'", m, "date"), n, "date");
      return `(CASE WHEN ${m} BETWEEN ${DATE_MONTHS_MIN} AND ${DATE_MONTHS_MAX} AND ${n} BETWEEN -${MAX_DAY_OFFSET} AND ${MAX_DAY_OFFSET} THEN ${inRange(ctx, built)} END)`;
    }),
  );
}

function part(
  name: "YEAR" | "MONTH" | "DAY",
  en: string,
  zh: string,
  example: string,
  result: string,
): ImplementedFunction {
  const key = name === "YEAR" ? "year" : name === "MONTH" ? "month" : "day";
  return {
    name,
    category: "date",
    arity: { min: 1, max: 1 },
    check: signature(["dateLike"], T.number),
    nulls: "propagate",
    js: (_env, value) => dateParts(str(value, name))[key],
    sql: ([value], ctx) => ctx.dialect.datePart(sqlOf(value), key),
    doc: { signature: `${name}(date)`, en, "zh-CN": zh, example, result },
  };
}

/** TODAY, NOW, DATE, YEAR, MONTH, DAY, QUARTER, WEEKDAY, DATEADD, DATEDIFF, DATEVALUE. */
export const dateFunctions: readonly ImplementedFunction[] = [
  {
    name: "TODAY",
    category: "date",
    arity: { min: 0, max: 0 },
    check: () => ({ ok: true, type: T.date }),
    nulls: "propagate",
    js: (env) => env.today,
    sql: (_args, ctx) => ctx.contextParam("today"),
    doc: {
      signature: "TODAY()",
      en: "Today's date, as the server or browser decides it for the current user.",
      "zh-CN": "今天的日期，由服务器或浏览器按当前用户确定。",
      example: "DATEDIFF(createdOn, TODAY(), 'day')",
      result: "the age of the record in days",
    },
  },
  {
    name: "NOW",
    category: "date",
    arity: { min: 0, max: 0 },
    check: () => ({ ok: true, type: T.datetime }),
    nulls: "propagate",
    js: (env) => env.now,
    sql: (_args, ctx) => ctx.contextParam("now"),
    doc: {
      signature: "NOW()",
      en: "The current date and time (UTC).",
      "zh-CN": "当前的日期和时间（UTC）。",
      example: "dueAt < NOW()",
      result: "TRUE when the due time has passed",
    },
  },
  {
    name: "DATE",
    category: "date",
    arity: { min: 3, max: 3 },
    check: signature(["number", "number", "number"], T.date),
    nulls: "propagate",
    js: (_env, year, month, day) => makeDate(num(year, "DATE"), num(month, "DATE"), num(day, "DATE")),
    sql: dateSql,
    doc: {
      signature: "DATE(year, month, day)",
      en: "The date with these parts; months and days past the end roll over (DATE(2026, 13, 1) is 2027-01-01). Blank outside the years 1–9999.",
      "zh-CN":
        "由年、月、日组成的日期；超出范围的月和日会顺延（DATE(2026, 13, 1) 为 2027-01-01）。年份不在 1–9999 之间时为空。",
      example: "DATE(2026, 2, 30)",
      result: "2026-03-02",
    },
  },
  part(
    "YEAR",
    "The year of a date or datetime (UTC).",
    "日期或日期时间（UTC）的年份。",
    "YEAR(DATE(2026, 3, 15))",
    "2026",
  ),
  part(
    "MONTH",
    "The month (1–12) of a date or datetime (UTC).",
    "日期或日期时间（UTC）的月份（1–12）。",
    "MONTH(DATE(2026, 3, 15))",
    "3",
  ),
  part(
    "DAY",
    "The day of the month (1–31) of a date or datetime (UTC).",
    "日期或日期时间（UTC）是当月的第几天（1–31）。",
    "DAY(DATE(2026, 3, 15))",
    "15",
  ),
  {
    name: "QUARTER",
    category: "date",
    arity: { min: 1, max: 1 },
    check: signature(["dateLike"], T.number),
    nulls: "propagate",
    js: (_env, value) => Math.floor((dateParts(str(value, "QUARTER")).month + 2) / 3),
    sql: ([value], ctx) => `((${ctx.dialect.datePart(sqlOf(value), "month")} + 2) / 3)`,
    doc: {
      signature: "QUARTER(date)",
      en: "The calendar quarter (1–4) of a date or datetime.",
      "zh-CN": "日期或日期时间所在的季度（1–4）。",
      example: "QUARTER(DATE(2026, 8, 1))",
      result: "3",
    },
  },
  {
    name: "WEEKDAY",
    category: "date",
    arity: { min: 1, max: 1 },
    check: signature(["dateLike"], T.number),
    nulls: "propagate",
    js: (_env, value) => weekday(str(value, "WEEKDAY")),
    sql: ([value], ctx) => `(${ctx.dialect.weekday(sqlOf(value))} + 1)`,
    doc: {
      signature: "WEEKDAY(date)",
      en: "The day of the week: 1 = Sunday, 2 = Monday … 7 = Saturday.",
      "zh-CN": "星期几：1 = 星期日，2 = 星期一 …… 7 = 星期六。",
      example: "WEEKDAY(DATE(2026, 1, 1))",
      result: "5",
    },
  },
  {
    name: "DATEADD",
    category: "date",
    arity: { min: 3, max: 3 },
    check: checkDateAdd,
    nulls: "propagate",
    js: (_env, value, amount, unit) =>
      isUnit(unit) ? addToDate(str(value, "DATEADD"), num(amount, "DATEADD"), unit) : null,
    sql: dateAddSql,
    doc: {
      signature: "DATEADD(date, amount, 'day' | 'week' | 'month' | 'year')",
      en: "The date moved by a whole number of units (negative moves back); month ends clamp (Jan 31 + 1 month = Feb 28). A datetime keeps its time.",
      "zh-CN": "把日期移动整数个单位（负数向前）；月末会对齐（1 月 31 日加 1 个月为 2 月 28 日）。日期时间保留其时刻。",
      example: "DATEADD(DATE(2026, 1, 31), 1, 'month')",
      result: "2026-02-28",
    },
  },
  {
    name: "DATEDIFF",
    category: "date",
    arity: { min: 3, max: 3 },
    check: (args) =>
      checkParams(args.slice(0, 2), ["dateLike", "dateLike"]) ??
      literalUnit(args, 2, UNITS) ?? { ok: true, type: T.number },
    nulls: "propagate",
    js: (_env, start, end, unit) =>
      isUnit(unit) ? dateDiff(str(start, "DATEDIFF"), str(end, "DATEDIFF"), unit satisfies DiffUnit) : null,
    sql: dateDiffSql,
    doc: {
      signature: "DATEDIFF(start, end, 'day' | 'week' | 'month' | 'year')",
      en: "Whole units from start to end, on calendar dates (times are ignored); negative when end is earlier. Months count completed months.",
      "zh-CN": "从开始到结束经过的完整单位数，按日历日期计算（忽略时刻）；结束早于开始时为负数。月按完整月份计。",
      example: "DATEDIFF(DATE(2026, 1, 31), DATE(2026, 3, 1), 'month')",
      result: "1",
    },
  },
  {
    name: "DATEVALUE",
    category: "date",
    arity: { min: 1, max: 1 },
    check: signature(["dateLike"], T.date),
    nulls: "propagate",
    js: (_env, value) => str(value, "DATEVALUE").slice(0, 10),
    sql: ([value], ctx) => ctx.dialect.substring(sqlOf(value), "1", "10"),
    doc: {
      signature: "DATEVALUE(datetime)",
      en: "The (UTC) date of a datetime.",
      "zh-CN": "日期时间所在的（UTC）日期。",
      example: "DATEVALUE(createdAt) = TODAY()",
      result: "TRUE for records created today",
    },
  },
];
