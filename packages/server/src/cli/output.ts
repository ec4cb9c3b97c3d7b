import { type Issue, type Locale, locales } from "@plinth/runtime";

/** The languages the CLI prints messages in: Plinth's locales. */
export type CliLocale = Locale;

/** Is `value` a locale the CLI prints? */
export function isCliLocale(value: string): value is CliLocale {
  return locales.some((locale) => locale === value);
}

/**
 * One issue on one line: severity, code, JSON Pointer (omitted for the document root) and
 * the message in `locale`.
 *
 * @example
 * formatIssue(issue, "en")
 * // "error schema.unknownReference /entities/1/fields/1/target: There is no entity 'acount'. Did you mean 'account'?"
 */
export function formatIssue(issue: Issue, locale: CliLocale): string {
  const where = issue.path === "" ? "" : ` ${issue.path}`;
  return `${issue.severity} ${issue.code}${where}: ${issue.message[locale]}`;
}

/** Every issue, one per line, each line ending in a newline. */
export function formatIssues(issues: readonly Issue[], locale: CliLocale): string {
  return issues.map((issue) => `${formatIssue(issue, locale)}\n`).join("");
}

/** How many issues are errors and how many warnings. */
export function countIssues(issues: readonly Issue[]): { errors: number; warnings: number } {
  const errors = issues.filter((i) => i.severity === "error").length;
  return { errors, warnings: issues.length - errors };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The closing line of `plinth validate`: valid or not, with the counts. */
export function formatSummary(file: string, issues: readonly Issue[], ok: boolean, locale: CliLocale): string {
  const { errors, warnings } = countIssues(issues);
  if (locale === "zh-CN") return `${file}：${ok ? "有效" : "无效"}（${errors} 个错误，${warnings} 个警告）。\n`;
  const counts = `${plural(errors, "error", "errors")}, ${plural(warnings, "warning", "warnings")}`;
  return `${file}: ${ok ? "valid" : "invalid"} (${counts}).\n`;
}

/** Machine-readable output: one JSON document and a newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
