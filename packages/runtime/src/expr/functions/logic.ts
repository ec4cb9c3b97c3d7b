import type { ArgInfo, CallCheckResult } from "../functionSpec.js";
import { T } from "../types.js";
import type { Value } from "../values.js";
import { bool, checkParams, every, signature, unify } from "./checks.js";
import type { ImplementedFunction } from "./implemented.js";

/** Three-valued AND over evaluated values (FALSE wins, then blank). */
export function and3(values: readonly Value[]): boolean | null {
  let blank = false;
  for (const value of values) {
    if (value === false) return false;
    if (value === null || value === undefined) blank = true;
    else bool(value, "AND");
  }
  return blank ? null : true;
}

/** Three-valued OR over evaluated values (TRUE wins, then blank). */
export function or3(values: readonly Value[]): boolean | null {
  let blank = false;
  for (const value of values) {
    if (value === true) return true;
    if (value === null || value === undefined) blank = true;
    else bool(value, "OR");
  }
  return blank ? null : false;
}

function lazyAnd(arg: (index: number) => Value, count: number): Value {
  let blank = false;
  for (let i = 0; i < count; i++) {
    const value = arg(i);
    if (value === false) return false;
    if (value === null) blank = true;
  }
  return blank ? null : true;
}

function lazyOr(arg: (index: number) => Value, count: number): Value {
  let blank = false;
  for (let i = 0; i < count; i++) {
    const value = arg(i);
    if (value === true) return true;
    if (value === null) blank = true;
  }
  return blank ? null : false;
}

function checkIfs(args: readonly ArgInfo[]): CallCheckResult {
  if (args.length % 2 !== 0) {
    const last = args[args.length - 1];
    return {
      ok: false,
      code: "argumentType",
      argIndex: args.length - 1,
      expected: "a condition followed by a value",
      actual: last?.type.kind ?? "nothing",
    };
  }
  const conditions = every(0, 2, args.length);
  const failure = checkParams(
    conditions.map((i) => args[i]).filter((a): a is ArgInfo => a !== undefined),
    ["boolean"],
  );
  if (failure && !failure.ok) return { ...failure, argIndex: conditions[failure.argIndex] ?? 0 };
  return unify(args, every(1, 2, args.length));
}

function checkSwitch(args: readonly ArgInfo[]): CallCheckResult {
  const failure = checkParams(args.slice(0, 1), ["equatable"]);
  if (failure) return failure;
  const matches = unify(args, [0, ...every(1, 2, args.length - 1)]);
  if (!matches.ok) return matches;
  const results = every(2, 2, args.length);
  if (args.length % 2 === 0) results.push(args.length - 1);
  return unify(args, results);
}

function switchJs(arg: (index: number) => Value, count: number): Value {
  const value = arg(0);
  const pairsEnd = count % 2 === 0 ? count - 1 : count;
  for (let i = 1; i + 1 < pairsEnd; i += 2) {
    // Blank matches nothing: blank = x is blank, and blank counts as FALSE where a condition decides.
    if (value !== null && arg(i) === value) return arg(i + 1);
  }
  return count % 2 === 0 ? arg(count - 1) : null;
}

function ifsJs(arg: (index: number) => Value, count: number): Value {
  for (let i = 0; i + 1 < count; i += 2) if (arg(i) === true) return arg(i + 1);
  return null;
}

/** Run a lazy implementation over already evaluated values (the eager `js` form). */
function eager(lazy: (arg: (index: number) => Value, count: number) => Value) {
  return (_env: unknown, ...args: Value[]): Value => lazy((i) => args[i] ?? null, args.length);
}

/** IF, IFS, SWITCH, AND, OR, NOT, ISBLANK, COALESCE. */
export const logicFunctions: readonly ImplementedFunction[] = [
  {
    name: "IF",
    category: "logic",
    arity: { min: 2, max: 3 },
    check: (args) => checkParams(args.slice(0, 1), ["boolean"]) ?? unify(args, [1, 2]),
    nulls: "handled",
    js: (_env, condition, whenTrue, whenFalse) => (condition === true ? (whenTrue ?? null) : (whenFalse ?? null)),
    lazy: (arg, count) => (arg(0) === true ? arg(1) : count > 2 ? arg(2) : null),
    sql: (args) => `(CASE WHEN ${args[0]?.sql} THEN ${args[1]?.sql} ELSE ${args[2]?.sql ?? "NULL"} END)`,
    doc: {
      signature: "IF(condition, value_if_true, value_if_false?)",
      en: "Returns the second argument when the condition is TRUE, otherwise the third (blank when omitted). A blank condition counts as FALSE.",
      "zh-CN": "条件为 TRUE 时返回第二个参数，否则返回第三个参数（省略时为空）。条件为空时按 FALSE 处理。",
      example: "IF(amount > 100000, 'HQ', 'Region')",
      result: "'HQ' when amount is 250000",
    },
  },
  {
    name: "IFS",
    category: "logic",
    arity: { min: 2, max: Number.POSITIVE_INFINITY },
    check: checkIfs,
    nulls: "handled",
    js: eager(ifsJs),
    lazy: ifsJs,
    sql: (args) => {
      const branches: string[] = [];
      for (let i = 0; i + 1 < args.length; i += 2) branches.push(`WHEN ${args[i]?.sql} THEN ${args[i + 1]?.sql}`);
      return `(CASE ${branches.join(" ")} END)`;
    },
    doc: {
      signature: "IFS(condition1, value1, condition2, value2, ...)",
      en: "Returns the value after the first condition that is TRUE; blank when none is. Blank conditions count as FALSE.",
      "zh-CN": "返回第一个为 TRUE 的条件之后的值；都不成立时返回空。条件为空时按 FALSE 处理。",
      example: "IFS(score >= 90, 'A', score >= 75, 'B', TRUE, 'C')",
      result: "'B' when score is 80",
    },
  },
  {
    name: "SWITCH",
    category: "logic",
    arity: { min: 3, max: Number.POSITIVE_INFINITY },
    check: checkSwitch,
    nulls: "handled",
    js: eager(switchJs),
    lazy: switchJs,
    sql: (args, ctx) => {
      const [subject, ...rest] = args;
      if (!subject) return undefined;
      const text = subject.type.kind === "text";
      const whens: string[] = [];
      for (let i = 0; i + 1 < rest.length; i += 2) whens.push(`WHEN ${rest[i]?.sql} THEN ${rest[i + 1]?.sql}`);
      const fallback = rest.length % 2 === 1 ? ` ELSE ${rest[rest.length - 1]?.sql}` : "";
      const operand = text ? ctx.dialect.binaryText(subject.sql) : subject.sql;
      return `(CASE ${operand} ${whens.join(" ")}${fallback} END)`;
    },
    doc: {
      signature: "SWITCH(value, match1, result1, ..., default?)",
      en: "Compares the value with each match in turn and returns the result of the first equal one, else the default (blank when omitted). A blank value matches nothing.",
      "zh-CN":
        "依次将值与各个匹配项比较，返回第一个相等项对应的结果；都不相等时返回默认值（省略时为空）。空值不匹配任何项。",
      example: "SWITCH(stage, 'won', 1, 'lost', 0, 0.5)",
      result: "1 when stage is 'won'",
    },
  },
  {
    name: "AND",
    category: "logic",
    arity: { min: 1, max: Number.POSITIVE_INFINITY },
    check: signature(["boolean"], T.boolean),
    nulls: "handled",
    js: (_env, ...args) => and3(args),
    lazy: lazyAnd,
    sql: (args) => `(${args.map((a) => a.sql).join(" AND ")})`,
    doc: {
      signature: "AND(condition1, condition2, ...)",
      en: "TRUE when every condition is TRUE. FALSE wins over blank; otherwise a blank condition makes the result blank.",
      "zh-CN": "所有条件都为 TRUE 时返回 TRUE。只要有 FALSE 就返回 FALSE；否则有空条件时结果为空。",
      example: "AND(stage = 'won', amount > 0)",
      result: "TRUE",
    },
  },
  {
    name: "OR",
    category: "logic",
    arity: { min: 1, max: Number.POSITIVE_INFINITY },
    check: signature(["boolean"], T.boolean),
    nulls: "handled",
    js: (_env, ...args) => or3(args),
    lazy: lazyOr,
    sql: (args) => `(${args.map((a) => a.sql).join(" OR ")})`,
    doc: {
      signature: "OR(condition1, condition2, ...)",
      en: "TRUE when any condition is TRUE. TRUE wins over blank; otherwise a blank condition makes the result blank.",
      "zh-CN": "任一条件为 TRUE 时返回 TRUE。只要有 TRUE 就返回 TRUE；否则有空条件时结果为空。",
      example: "OR(stage = 'won', stage = 'lost')",
      result: "FALSE when stage is 'open'",
    },
  },
  {
    name: "NOT",
    category: "logic",
    arity: { min: 1, max: 1 },
    check: signature(["boolean"], T.boolean),
    nulls: "propagate",
    js: (_env, value) => !bool(value, "NOT"),
    sql: (args) => `(NOT ${args[0]?.sql})`,
    doc: {
      signature: "NOT(condition)",
      en: "TRUE for FALSE and FALSE for TRUE; blank stays blank.",
      "zh-CN": "FALSE 变为 TRUE，TRUE 变为 FALSE；空值仍为空。",
      example: "NOT(isClosed)",
      result: "TRUE when isClosed is FALSE",
    },
  },
  {
    name: "ISBLANK",
    category: "logic",
    arity: { min: 1, max: 1 },
    check: () => ({ ok: true, type: T.boolean }),
    nulls: "handled",
    js: (_env, value) =>
      value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0),
    sql: ([arg], ctx) => {
      if (!arg) return undefined;
      switch (arg.type.kind) {
        case "text":
          return `(coalesce(${arg.sql}, '') = '')`;
        case "list":
          return `(coalesce(${ctx.dialect.listLength(arg.sql)}, 0) = 0)`;
        case "number":
        case "boolean":
        case "date":
        case "datetime":
        case "null":
          return `(${arg.sql} IS NULL)`;
      }
    },
    doc: {
      signature: "ISBLANK(value)",
      en: "TRUE when the value is blank; empty text and an empty list count as blank too.",
      "zh-CN": "值为空时返回 TRUE；空文本和空列表也算作空。",
      example: "ISBLANK(closeDate)",
      result: "TRUE when no close date is set",
    },
  },
  {
    name: "COALESCE",
    category: "logic",
    arity: { min: 1, max: Number.POSITIVE_INFINITY },
    check: (args) => unify(args, every(0, 1, args.length)),
    nulls: "handled",
    js: (_env, ...args) => args.find((value) => value !== null && value !== undefined) ?? null,
    lazy: (arg, count) => {
      for (let i = 0; i < count; i++) {
        const value = arg(i);
        if (value !== null) return value;
      }
      return null;
    },
    sql: (args) => (args.length === 1 ? `(${args[0]?.sql})` : `coalesce(${args.map((a) => a.sql).join(", ")})`),
    doc: {
      signature: "COALESCE(value1, value2, ...)",
      en: "Returns the first argument that is not blank (empty text is not blank here); blank when all are.",
      "zh-CN": "返回第一个非空参数（此处空文本不算空）；全部为空时返回空。",
      example: "COALESCE(discount, 0)",
      result: "0 when discount is blank",
    },
  },
];
