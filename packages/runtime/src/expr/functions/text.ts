import type { FormulaType } from "../types.js";
import { T } from "../types.js";
import { booleanToText, codePointLength, codePointOffset, numberToText, type Value } from "../values.js";
import { list, num, signature, str } from "./checks.js";
import type { ImplementedFunction, SqlArg, SqlCallContext } from "./implemented.js";

/** Text of any value for `&`, CONCAT and TEXT: blank is empty text, lists join with ", ". */
export function toText(value: Value | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberToText(value);
  if (typeof value === "boolean") return booleanToText(value);
  return value.join(", ");
}

/**
 * SQL text of a value of type `type`, or undefined when SQL would spell it differently from
 * JS: a number's shortest round-trip text (0.1 + 0.2 → 0.30000000000000004) has no SQL twin.
 */
export function textSql(sql: string, type: FormulaType, ctx: SqlCallContext): string | undefined {
  switch (type.kind) {
    case "text":
    case "date":
    case "datetime":
    case "null":
      return sql;
    case "boolean":
      return ctx.share(sql, (b) => `(CASE WHEN ${b} THEN 'TRUE' WHEN NOT ${b} THEN 'FALSE' END)`);
    case "number":
    case "list":
      return undefined;
  }
}

function upperAscii(text: string): string {
  return text.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}

function lowerAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

function left(text: string, count: number): string {
  const n = Math.trunc(count);
  return n > 0 ? text.slice(0, codePointOffset(text, n)) : "";
}

function right(text: string, count: number): string {
  const n = Math.trunc(count);
  if (!(n > 0)) return "";
  const length = codePointLength(text);
  return n >= length ? text : text.slice(codePointOffset(text, length - n));
}

/** 1-based code point position of search in text, 0 when absent (SQLite's instr). */
function find(text: string, search: string): number {
  const at = text.indexOf(search);
  return at < 0 ? 0 : codePointLength(text.slice(0, at)) + 1;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Read a decimal number from text (spaces around are fine); blank when it is not one. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : null;
}

function sqlOf(arg: SqlArg | undefined): string {
  return arg?.sql ?? "NULL";
}

/** CONCAT, LEN, UPPER, LOWER, TRIM, LEFT, RIGHT, FIND, CONTAINS, STARTSWITH, ENDSWITH, REPLACE, TEXT, VALUE, INCLUDES. */
export const textFunctions: readonly ImplementedFunction[] = [
  {
    name: "CONCAT",
    category: "text",
    arity: { min: 1, max: Number.POSITIVE_INFINITY },
    check: signature(["scalar"], T.text),
    nulls: "handled",
    js: (_env, ...values) => values.map(toText).join(""),
    sql: (args, ctx) => {
      const parts: string[] = [];
      for (const arg of args) {
        const part = textSql(arg.sql, arg.type, ctx);
        if (part === undefined) return undefined;
        parts.push(part);
      }
      return ctx.dialect.concat(parts);
    },
    doc: {
      signature: "CONCAT(value1, value2, ...)",
      en: "Joins the values as text, like the & operator; blanks count as empty text. Numbers make it JS-only.",
      "zh-CN": "把各值作为文本连接起来，与 & 运算符相同；空值按空文本处理。含数字时不能用于筛选。",
      example: "CONCAT(firstName, ' ', lastName)",
      result: "'Ada Lovelace'",
    },
  },
  {
    name: "LEN",
    category: "text",
    arity: { min: 1, max: 1 },
    check: signature(["text"], T.number),
    nulls: "propagate",
    js: (_env, text) => codePointLength(str(text, "LEN")),
    sql: ([text], ctx) => ctx.dialect.textLength(sqlOf(text)),
    doc: {
      signature: "LEN(text)",
      en: "The number of characters (Unicode code points) in the text.",
      "zh-CN": "文本中的字符数（按 Unicode 码位计）。",
      example: "LEN('北京 Beijing')",
      result: "10",
    },
  },
  {
    name: "UPPER",
    category: "text",
    arity: { min: 1, max: 1 },
    check: signature(["text"], T.text),
    nulls: "propagate",
    js: (_env, text) => upperAscii(str(text, "UPPER")),
    sql: ([text], ctx) => ctx.dialect.upperAscii(sqlOf(text)),
    doc: {
      signature: "UPPER(text)",
      en: "The text with the letters a–z in upper case; other characters stay as they are.",
      "zh-CN": "把文本中的 a–z 转为大写；其他字符保持不变。",
      example: "UPPER('sh-01')",
      result: "'SH-01'",
    },
  },
  {
    name: "LOWER",
    category: "text",
    arity: { min: 1, max: 1 },
    check: signature(["text"], T.text),
    nulls: "propagate",
    js: (_env, text) => lowerAscii(str(text, "LOWER")),
    sql: ([text], ctx) => ctx.dialect.lowerAscii(sqlOf(text)),
    doc: {
      signature: "LOWER(text)",
      en: "The text with the letters A–Z in lower case; other characters stay as they are.",
      "zh-CN": "把文本中的 A–Z 转为小写；其他字符保持不变。",
      example: "LOWER('Won')",
      result: "'won'",
    },
  },
  {
    name: "TRIM",
    category: "text",
    arity: { min: 1, max: 1 },
    check: signature(["text"], T.text),
    nulls: "propagate",
    js: (_env, text) => str(text, "TRIM").replace(/^ +| +$/g, ""),
    sql: ([text], ctx) => ctx.dialect.trimSpaces(sqlOf(text)),
    doc: {
      signature: "TRIM(text)",
      en: "The text without leading and trailing spaces (tabs and line breaks are kept).",
      "zh-CN": "去掉文本首尾的空格（制表符和换行符保留）。",
      example: "TRIM('  ACME  ')",
      result: "'ACME'",
    },
  },
  {
    name: "LEFT",
    category: "text",
    arity: { min: 2, max: 2 },
    check: signature(["text", "number"], T.text),
    nulls: "propagate",
    js: (_env, text, count) => left(str(text, "LEFT"), num(count, "LEFT")),
    sql: ([text, count], ctx) => {
      const d = ctx.dialect;
      return d.substring(sqlOf(text), "1", d.greatest([d.toInteger(sqlOf(count)), "0"]));
    },
    doc: {
      signature: "LEFT(text, count)",
      en: "The first count characters of the text (count is truncated to a whole number).",
      "zh-CN": "文本开头的 count 个字符（count 取整数部分）。",
      example: "LEFT('2026-Q1', 4)",
      result: "'2026'",
    },
  },
  {
    name: "RIGHT",
    category: "text",
    arity: { min: 2, max: 2 },
    check: signature(["text", "number"], T.text),
    nulls: "propagate",
    js: (_env, text, count) => right(str(text, "RIGHT"), num(count, "RIGHT")),
    sql: ([text, count], ctx) => {
      const d = ctx.dialect;
      const keep = d.greatest([d.toInteger(sqlOf(count)), "0"]);
      return ctx.share(sqlOf(text), (t) =>
        d.substring(t, `(${d.greatest([`${d.textLength(t)} - ${keep}`, "0"])} + 1)`),
      );
    },
    doc: {
      signature: "RIGHT(text, count)",
      en: "The last count characters of the text (count is truncated to a whole number).",
      "zh-CN": "文本末尾的 count 个字符（count 取整数部分）。",
      example: "RIGHT('INV-00042', 5)",
      result: "'00042'",
    },
  },
  {
    name: "FIND",
    category: "text",
    arity: { min: 2, max: 2 },
    check: signature(["text", "text"], T.number),
    nulls: "propagate",
    js: (_env, search, text) => find(str(text, "FIND"), str(search, "FIND")),
    sql: ([search, text], ctx) => ctx.dialect.position(sqlOf(text), sqlOf(search)),
    doc: {
      signature: "FIND(search, text)",
      en: "The position (1 = first character) where search first occurs in the text (case-sensitive); 0 when it does not occur.",
      "zh-CN": "search 在文本中第一次出现的位置（1 表示第一个字符，区分大小写）；未出现时为 0。",
      example: "RIGHT(email, LEN(email) - FIND('@', email))",
      result: "'acme.com' for 'li@acme.com'",
    },
  },
  {
    name: "CONTAINS",
    category: "text",
    arity: { min: 2, max: 2 },
    check: signature(["text", "text"], T.boolean),
    nulls: "propagate",
    js: (_env, text, search) => str(text, "CONTAINS").includes(str(search, "CONTAINS")),
    sql: ([text, search], ctx) => `(${ctx.dialect.position(sqlOf(text), sqlOf(search))} > 0)`,
    doc: {
      signature: "CONTAINS(text, search)",
      en: "TRUE when the text contains the search text (case-sensitive).",
      "zh-CN": "文本包含要查找的文本时返回 TRUE（区分大小写）。",
      example: "CONTAINS(name, 'Ltd')",
      result: "TRUE for 'ACME Ltd'",
    },
  },
  {
    name: "STARTSWITH",
    category: "text",
    arity: { min: 2, max: 2 },
    check: signature(["text", "text"], T.boolean),
    nulls: "propagate",
    js: (_env, text, search) => str(text, "STARTSWITH").startsWith(str(search, "STARTSWITH")),
    sql: ([text, search], ctx) => `(${ctx.dialect.position(sqlOf(text), sqlOf(search))} = 1)`,
    doc: {
      signature: "STARTSWITH(text, prefix)",
      en: "TRUE when the text begins with the prefix (case-sensitive).",
      "zh-CN": "文本以指定前缀开头时返回 TRUE（区分大小写）。",
      example: "STARTSWITH(code, 'CN-')",
      result: "TRUE for 'CN-SH-01'",
    },
  },
  {
    name: "ENDSWITH",
    category: "text",
    arity: { min: 2, max: 2 },
    check: signature(["text", "text"], T.boolean),
    nulls: "propagate",
    js: (_env, text, search) => str(text, "ENDSWITH").endsWith(str(search, "ENDSWITH")),
    sql: ([text, search], ctx) => {
      const d = ctx.dialect;
      return ctx.share(sqlOf(text), (t) =>
        ctx.share(sqlOf(search), (s) => {
          const start = `(${d.textLength(t)} - ${d.textLength(s)} + 1)`;
          return `(${d.textLength(s)} <= ${d.textLength(t)} AND ${d.compare(d.substring(t, start), "=", s, true)})`;
        }),
      );
    },
    doc: {
      signature: "ENDSWITH(text, suffix)",
      en: "TRUE when the text ends with the suffix (case-sensitive).",
      "zh-CN": "文本以指定后缀结尾时返回 TRUE（区分大小写）。",
      example: "ENDSWITH(email, '@example.com')",
      result: "TRUE for 'li@example.com'",
    },
  },
  {
    name: "REPLACE",
    category: "text",
    arity: { min: 3, max: 3 },
    check: signature(["text", "text", "text"], T.text),
    nulls: "propagate",
    js: (_env, text, search, replacement) => {
      const source = str(text, "REPLACE");
      const find = str(search, "REPLACE");
      return find === "" ? source : source.split(find).join(str(replacement, "REPLACE"));
    },
    // SQLite returns the text for an empty search before it looks at a NULL replacement.
    sql: ([text, search, replacement], ctx) =>
      ctx.share(
        sqlOf(replacement),
        (r) => `(CASE WHEN ${r} IS NULL THEN NULL ELSE ${ctx.dialect.replace(sqlOf(text), sqlOf(search), r)} END)`,
      ),
    doc: {
      signature: "REPLACE(text, search, replacement)",
      en: "Replaces every occurrence of search (case-sensitive); an empty search leaves the text unchanged.",
      "zh-CN": "替换所有出现的 search（区分大小写）；search 为空文本时原样返回。",
      example: "REPLACE('2026/01/31', '/', '-')",
      result: "'2026-01-31'",
    },
  },
  {
    name: "TEXT",
    category: "text",
    arity: { min: 1, max: 1 },
    check: signature(["scalar"], T.text),
    nulls: "propagate",
    js: (_env, value) => toText(value),
    sql: ([value], ctx) => (value ? textSql(value.sql, value.type, ctx) : undefined),
    doc: {
      signature: "TEXT(value)",
      en: "The value as text: numbers in their shortest exact form, TRUE/FALSE, dates as YYYY-MM-DD. With a number it cannot be used in filters.",
      "zh-CN": "把值转为文本：数字用最短的精确形式，布尔值为 TRUE/FALSE，日期为 YYYY-MM-DD。参数为数字时不能用于筛选。",
      example: "TEXT(1200.5)",
      result: "'1200.5'",
    },
  },
  {
    name: "VALUE",
    category: "text",
    arity: { min: 1, max: 1 },
    check: signature(["text"], T.number),
    nulls: "propagate",
    js: (_env, text) => parseDecimal(str(text, "VALUE")),
    // Databases parse numeric text with their own rules ('1e', '0x10', ' 12abc').
    sql: undefined,
    doc: {
      signature: "VALUE(text)",
      en: "Reads a decimal number from text (e.g. '-12.5', '1e3'); blank when the text is not a number. Cannot be used in filters.",
      "zh-CN": "从文本中读取十进制数（如 '-12.5'、'1e3'）；文本不是数字时结果为空。不能用于筛选。",
      example: "VALUE(' 42.5 ')",
      result: "42.5",
    },
  },
  {
    name: "INCLUDES",
    category: "text",
    arity: { min: 2, max: 2 },
    check: signature(["list", "text"], T.boolean),
    nulls: "propagate",
    js: (_env, values, item) => list(values, "INCLUDES").includes(str(item, "INCLUDES")),
    sql: ([values, item], ctx) =>
      ctx.share(sqlOf(values), (l) => ctx.share(sqlOf(item), (i) => ctx.dialect.listIncludes(l, i))),
    doc: {
      signature: "INCLUDES(list, value)",
      en: "TRUE when a multi-select value contains the option.",
      "zh-CN": "多选值中包含该选项时返回 TRUE。",
      example: "INCLUDES(tags, 'vip')",
      result: "TRUE when tags are vip and new",
    },
  },
];
