import { T } from "../types.js";
import { finite, num, signature } from "./checks.js";
import type { ImplementedFunction, SqlCallContext } from "./implemented.js";

/** ROUND digits are whole numbers limited to −15…15 (beyond that a double has no digits left). */
const MAX_DIGITS = 15;

/**
 * Round half away from zero, defined so JS and SQL compute the very same double:
 * `sign(x) * floor(abs(x) * p + 0.5) / p` with `p` parsed from the text `1e<digits>`
 * (correctly rounded on both sides). Binary fractions apply: ROUND(2.345, 2) is 2.34 because
 * 2.345 is stored as 2.34499999….
 */
export function roundHalfAway(value: number, digits: number): number | null {
  const whole = Math.max(-MAX_DIGITS, Math.min(MAX_DIGITS, Math.trunc(digits)));
  const scale = Number(`1e${whole}`);
  return finite((Math.sign(value) * Math.floor(Math.abs(value) * scale + 0.5)) / scale);
}

/** Modulo with the sign of the divisor, as spreadsheets do: MOD(-3, 2) = 1. Blank for 0. */
export function modulo(dividend: number, divisor: number): number | null {
  if (divisor === 0) return null;
  return finite(dividend - divisor * Math.floor(dividend / divisor));
}

function roundSql(ctx: SqlCallContext, value: string, digits: string | undefined): string {
  const d = ctx.dialect;
  if (digits === undefined) {
    return ctx.share(value, (x) => `(${d.math("sign", [x])} * ${d.math("floor", [`${d.math("abs", [x])} + 0.5`])})`);
  }
  return ctx.share(value, (x) =>
    ctx.share(digits, (n) => {
      const whole = d.greatest([`-${MAX_DIGITS}`, d.least([`${MAX_DIGITS}`, d.toInteger(n)])]);
      return ctx.share(d.powerOfTen(whole), (p) => {
        const scaled = d.math("floor", [`${d.math("abs", [x])} * ${p} + 0.5`]);
        return `((${d.math("sign", [x])} * ${scaled}) / ${p})`;
      });
    }),
  );
}

/** ROUND, FLOOR, CEIL, ABS, MIN, MAX, CLAMP, POWER, SQRT, MOD. */
export const mathFunctions: readonly ImplementedFunction[] = [
  {
    name: "ROUND",
    category: "math",
    arity: { min: 1, max: 2 },
    check: signature(["number", "number"], T.number),
    nulls: "propagate",
    js: (_env, value, digits) => roundHalfAway(num(value, "ROUND"), digits === undefined ? 0 : num(digits, "ROUND")),
    sql: ([value, digits], ctx) => (value ? roundSql(ctx, value.sql, digits?.sql) : undefined),
    doc: {
      signature: "ROUND(number, digits?)",
      en: "Rounds to the given number of decimal places (0 when omitted; negative rounds to tens, hundreds…), halves away from zero.",
      "zh-CN": "四舍五入到指定的小数位数（省略时为 0；负数表示取整到十位、百位……），恰好一半时远离零取整。",
      example: "ROUND(1234.5678, 2)",
      result: "1234.57",
    },
  },
  {
    name: "FLOOR",
    category: "math",
    arity: { min: 1, max: 1 },
    check: signature(["number"], T.number),
    nulls: "propagate",
    js: (_env, value) => Math.floor(num(value, "FLOOR")),
    sql: ([value], ctx) => ctx.dialect.math("floor", [value?.sql ?? "NULL"]),
    doc: {
      signature: "FLOOR(number)",
      en: "The largest whole number not greater than the number.",
      "zh-CN": "不大于该数的最大整数。",
      example: "FLOOR(-2.5)",
      result: "-3",
    },
  },
  {
    name: "CEIL",
    category: "math",
    arity: { min: 1, max: 1 },
    check: signature(["number"], T.number),
    nulls: "propagate",
    js: (_env, value) => Math.ceil(num(value, "CEIL")),
    sql: ([value], ctx) => ctx.dialect.math("ceil", [value?.sql ?? "NULL"]),
    doc: {
      signature: "CEIL(number)",
      en: "The smallest whole number not less than the number.",
      "zh-CN": "不小于该数的最小整数。",
      example: "CEIL(2.1)",
      result: "3",
    },
  },
  {
    name: "ABS",
    category: "math",
    arity: { min: 1, max: 1 },
    check: signature(["number"], T.number),
    nulls: "propagate",
    js: (_env, value) => Math.abs(num(value, "ABS")),
    sql: ([value], ctx) => ctx.dialect.math("abs", [value?.sql ?? "NULL"]),
    doc: {
      signature: "ABS(number)",
      en: "The number without its sign.",
      "zh-CN": "该数的绝对值。",
      example: "ABS(-42)",
      result: "42",
    },
  },
  {
    name: "MIN",
    category: "math",
    arity: { min: 1, max: Number.POSITIVE_INFINITY },
    check: signature(["number"], T.number),
    nulls: "propagate",
    js: (_env, ...values) => {
      let result = num(values[0], "MIN");
      for (let i = 1; i < values.length; i++) result = Math.min(result, num(values[i], "MIN"));
      return result;
    },
    sql: (args, ctx) => ctx.dialect.least(args.map((a) => a.sql)),
    doc: {
      signature: "MIN(number1, number2, ...)",
      en: "The smallest of the numbers; blank when any is blank.",
      "zh-CN": "各数中的最小值；任一参数为空时结果为空。",
      example: "MIN(newAmount / target, 1.2)",
      result: "1.2 when newAmount is twice the target",
    },
  },
  {
    name: "MAX",
    category: "math",
    arity: { min: 1, max: Number.POSITIVE_INFINITY },
    check: signature(["number"], T.number),
    nulls: "propagate",
    js: (_env, ...values) => {
      let result = num(values[0], "MAX");
      for (let i = 1; i < values.length; i++) result = Math.max(result, num(values[i], "MAX"));
      return result;
    },
    sql: (args, ctx) => ctx.dialect.greatest(args.map((a) => a.sql)),
    doc: {
      signature: "MAX(number1, number2, ...)",
      en: "The largest of the numbers; blank when any is blank.",
      "zh-CN": "各数中的最大值；任一参数为空时结果为空。",
      example: "MAX(0, amount - 1000)",
      result: "0 when amount is 800",
    },
  },
  {
    name: "CLAMP",
    category: "math",
    arity: { min: 3, max: 3 },
    check: signature(["number", "number", "number"], T.number),
    nulls: "propagate",
    js: (_env, value, low, high) => Math.min(Math.max(num(value, "CLAMP"), num(low, "CLAMP")), num(high, "CLAMP")),
    sql: ([value, low, high], ctx) =>
      ctx.dialect.least([ctx.dialect.greatest([value?.sql ?? "NULL", low?.sql ?? "NULL"]), high?.sql ?? "NULL"]),
    doc: {
      signature: "CLAMP(number, low, high)",
      en: "The number limited to the range low…high (high wins when low > high).",
      "zh-CN": "把该数限制在 low 到 high 之间（low 大于 high 时取 high）。",
      example: "CLAMP(probability, 0, 100)",
      result: "100 when probability is 130",
    },
  },
  {
    name: "POWER",
    category: "math",
    arity: { min: 2, max: 2 },
    check: signature(["number", "number"], T.number),
    nulls: "propagate",
    js: (_env, base, exponent) => finite(num(base, "POWER") ** num(exponent, "POWER")),
    // V8's pow and the C library's pow differ in the last bit for some inputs
    // (POWER(-8.5, 13): -1209054935657.463 vs -1209054935657.4631), so it stays JS-only.
    sql: undefined,
    doc: {
      signature: "POWER(base, exponent)",
      en: "The base raised to the exponent; blank when the result is not a real number (e.g. POWER(-8, 0.5)). Cannot be used in filters.",
      "zh-CN": "底数的指数次幂；结果不是实数时为空（例如 POWER(-8, 0.5)）。不能用于筛选。",
      example: "POWER(1.05, 2)",
      result: "1.1025",
    },
  },
  {
    name: "SQRT",
    category: "math",
    arity: { min: 1, max: 1 },
    check: signature(["number"], T.number),
    nulls: "propagate",
    js: (_env, value) => finite(Math.sqrt(num(value, "SQRT"))),
    sql: ([value], ctx) => ctx.dialect.math("sqrt", [value?.sql ?? "NULL"]),
    doc: {
      signature: "SQRT(number)",
      en: "The square root; blank for negative numbers.",
      "zh-CN": "平方根；负数的结果为空。",
      example: "SQRT(16)",
      result: "4",
    },
  },
  {
    name: "MOD",
    category: "math",
    arity: { min: 2, max: 2 },
    check: signature(["number", "number"], T.number),
    nulls: "propagate",
    js: (_env, dividend, divisor) => modulo(num(dividend, "MOD"), num(divisor, "MOD")),
    sql: ([dividend, divisor], ctx) => {
      if (!dividend || !divisor) return undefined;
      return ctx.share(dividend.sql, (a) =>
        ctx.share(divisor.sql, (b) => `(${a} - ${b} * ${ctx.dialect.math("floor", [ctx.dialect.divide(a, b)])})`),
      );
    },
    doc: {
      signature: "MOD(number, divisor)",
      en: "The remainder after division, with the sign of the divisor; blank when the divisor is 0.",
      "zh-CN": "相除后的余数，符号与除数相同；除数为 0 时结果为空。",
      example: "MOD(-3, 2)",
      result: "1",
    },
  },
];
