import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import type { Field } from "../fields/index.js";
import { fieldKindOf } from "../fields/index.js";
import { labelBoth } from "../i18n/label.js";
import type { Issue } from "../issues/issue.js";
import { recordIssue } from "./messages.js";

const typeWords: Record<string, string> = {
  number: "数字",
  integer: "整数",
  string: "文本",
  boolean: "是或否",
  array: "列表",
  object: "对象",
};
const formatWords: Record<string, string> = {
  email: "电子邮件地址",
  date: "日期（YYYY-MM-DD）",
  "date-time": "日期时间（ISO 8601）",
  uri: "网址",
};

/** A compiled check of one field's non-blank value, producing record issues. */
export type FieldValidator = (value: unknown, path: string) => Issue[];

function labelParams(field: Field): { label: string; labelZh: string } {
  const both = labelBoth(field.label, field.id);
  return { label: both.en, labelZh: both["zh-CN"] };
}

function errorToIssue(field: Field, error: ErrorObject, value: unknown, path: string): Issue {
  const label = labelParams(field);
  const p = error.params as Record<string, unknown>;
  const at = path + error.instancePath;
  switch (error.keyword) {
    case "type":
      return recordIssue("record.type", at, {
        ...label,
        expected: `a ${String(p.type)}`,
        expectedZh: typeWords[String(p.type)] ?? String(p.type),
      });
    case "enum": {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const bad = error.instancePath === "" ? value : (value as unknown[])[Number(error.instancePath.slice(1))];
      return recordIssue("record.notAnOption", at, { ...label, value: String(bad), allowed });
    }
    case "format":
    case "pattern": {
      const format = error.keyword === "format" ? String(p.format) : field.kind;
      return recordIssue("record.format", at, { ...label, format, formatZh: formatWords[format] ?? format });
    }
    case "maxLength":
      return recordIssue("record.tooLong", at, { ...label, limit: p.limit });
    case "minLength":
      return recordIssue("record.tooShort", at, { ...label, limit: p.limit });
    case "minimum":
    case "exclusiveMinimum":
      return recordIssue("record.tooSmall", at, { ...label, limit: p.limit });
    case "maximum":
    case "exclusiveMaximum":
      return recordIssue("record.tooLarge", at, { ...label, limit: p.limit });
    case "maxItems":
      return recordIssue("record.tooManyItems", at, { ...label, limit: p.limit });
    case "uniqueItems":
      return recordIssue("record.duplicateItems", at, label);
    default:
      return recordIssue("record.invalid", at, { ...label, detail: error.message ?? error.keyword });
  }
}

/** Compile the value check of a field (ajv, from the kind's value schema). */
export function compileFieldValidator(ajv: Ajv2020, field: Field): FieldValidator {
  const validate: ValidateFunction = ajv.compile(fieldKindOf(field).valueSchema(field));
  return (value, path) => {
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 20).map((e) => errorToIssue(field, e, value, path));
  };
}

export { labelParams };
