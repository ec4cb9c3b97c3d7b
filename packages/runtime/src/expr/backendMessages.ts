import { defineMessages, issueFrom } from "../issues/catalogue.js";
import type { Issue } from "../issues/issue.js";

/**
 * Issue codes of the formula back end (compiler and SQL translator). The front end's codes
 * (syntax and typing) live in `messages.ts`; `allMessages` merges both.
 */
export const backendMessages = defineMessages({
  "formula.notInSql": {
    en: "{construct} cannot be used in a filter or aggregate; the database cannot compute it exactly like the app does. Store the value in a formula field and filter on that field, or use another function.",
    "zh-CN":
      "{construct} 不能用于筛选或聚合：数据库无法与应用完全一致地计算它。请把该值存入公式字段并按该字段筛选，或改用其他函数。",
  },
  "formula.sqlContextMissing": {
    en: "{variable} has no value when the formula is translated to SQL. Pass today, now and user in the SQL options.",
    "zh-CN": "把公式翻译为 SQL 时 {variable} 没有值。请在 SQL 选项中传入 today、now 和 user。",
  },
  "formula.functionNotImplemented": {
    en: "Function {function} is not available in this runtime. Add it to the functions given to the runtime, or remove the call.",
    "zh-CN": "此运行环境中没有函数 {function}。请把它加入运行环境的函数表，或删除该调用。",
  },
  "formula.evaluationFailed": {
    en: "The formula could not be evaluated: {reason}. Check that the record's values match their field types, then try again.",
    "zh-CN": "无法计算公式：{reason}。请检查记录中的值是否与字段类型一致，然后重试。",
  },
  "formula.unexpectedValue": {
    en: "{source} holds {actual} where the formula expects a {expected}. Correct the stored value or the field's type.",
    "zh-CN": "{source} 的值为 {actual}，而公式需要 {expected}。请修正存储的值或字段类型。",
  },
});

/** A code of the back-end catalogue. */
export type BackendIssueCode = keyof typeof backendMessages;

/** Create a back-end issue at `path` (a JSON Pointer to the formula in the app schema). */
export function backendIssue(
  code: BackendIssueCode,
  path: string,
  params: Readonly<Record<string, unknown>> = {},
): Issue {
  return issueFrom(backendMessages, code, path, params);
}

/**
 * Thrown by a compiled formula when a value does not fit its declared type (bad data from
 * the host) or evaluation fails for another reason. Carries an issue, never a raw TypeError.
 */
export class FormulaEvaluationError extends Error {
  readonly issue: Issue;

  constructor(issue: Issue) {
    super(issue.message.en);
    this.name = "FormulaEvaluationError";
    this.issue = issue;
  }
}

/** Wrap anything thrown during evaluation as a {@link FormulaEvaluationError}. */
export function asEvaluationError(error: unknown, path = ""): FormulaEvaluationError {
  if (error instanceof FormulaEvaluationError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new FormulaEvaluationError(backendIssue("formula.evaluationFailed", path, { reason }));
}

/** Throw the issue for a value of the wrong runtime type. */
export function unexpectedValue(source: string, expected: string, actual: unknown): never {
  const shown = actual === undefined ? "undefined" : (JSON.stringify(actual) ?? typeof actual);
  throw new FormulaEvaluationError(
    backendIssue("formula.unexpectedValue", "", { source, expected, actual: shown.slice(0, 80) }),
  );
}

/**
 * Thrown by `compileFormula` for a tree it cannot compile: a function missing from the table
 * given to the compiler, or a node the checker should have rejected.
 */
export class FormulaCompileError extends Error {
  readonly issue: Issue;

  constructor(issue: Issue) {
    super(issue.message.en);
    this.name = "FormulaCompileError";
    this.issue = issue;
  }
}
