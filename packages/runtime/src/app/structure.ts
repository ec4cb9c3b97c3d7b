import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { Issue } from "../issues/issue.js";
import { ID_PATTERN } from "../schema/common.js";
import { schemaIssue } from "./messages.js";

type AjvPlugin = (ajv: Ajv2020) => unknown;
/** NodeNext types this CommonJS default import as the module; at run time it is the function. */
const addFormats = ((addFormatsModule as unknown as { default?: AjvPlugin }).default ?? addFormatsModule) as AjvPlugin;

/** An ajv instance set up the way Plinth validates documents (draft 2020-12, discriminators, formats). */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, discriminator: true, allowUnionTypes: true, verbose: true });
  addFormats(ajv);
  return ajv;
}

/** Compile the bundled meta-schema into a structural validator. */
export function compileMetaSchema(metaSchema: Record<string, unknown>): ValidateFunction {
  return createAjv().compile(metaSchema);
}

function allowedFromSchema(schema: unknown): string[] {
  if (schema && typeof schema === "object" && "oneOf" in schema && Array.isArray(schema.oneOf)) {
    return schema.oneOf.flatMap((branch: unknown) => kindOf(branch));
  }
  return [];
}

function kindOf(branch: unknown): string[] {
  if (!branch || typeof branch !== "object") return [];
  const props = (branch as { properties?: { kind?: { const?: unknown } } }).properties;
  if (props?.kind?.const !== undefined) return [String(props.kind.const)];
  const ref = (branch as { $ref?: unknown }).$ref;
  if (typeof ref === "string") return [ref.replace(/^.*\//, "").replace(/\.json$/, "")];
  return [];
}

function valueAt(doc: unknown, pointer: string): unknown {
  let current: unknown = doc;
  for (const raw of pointer.split("/").slice(1)) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, token)) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

function preview(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const comparisons: Record<string, { en: string; zh: string }> = {
  minimum: { en: ">=", zh: "大于或等于" },
  maximum: { en: "<=", zh: "小于或等于" },
  exclusiveMinimum: { en: ">", zh: "大于" },
  exclusiveMaximum: { en: "<", zh: "小于" },
};

/** Turn one ajv error into a Plinth issue with a readable, bilingual message. */
function toIssue(error: ErrorObject, doc: unknown): Issue | undefined {
  const path = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return schemaIssue("schema.required", path, { property: params.missingProperty });
    case "additionalProperties":
      return schemaIssue("schema.unknownProperty", `${path}/${String(params.additionalProperty)}`, {
        property: params.additionalProperty,
      });
    case "type":
      return schemaIssue("schema.type", path, { expected: params.type });
    case "enum":
      return schemaIssue("schema.enum", path, { value: preview(valueAt(doc, path)), allowed: params.allowedValues });
    case "const":
      return schemaIssue("schema.const", path, { allowed: JSON.stringify(params.allowedValue) });
    case "discriminator": {
      const allowed = allowedFromSchema(error.parentSchema);
      if (params.error === "tag") return schemaIssue("schema.required", path, { property: params.tag });
      return schemaIssue("schema.unknownKind", `${path}/${String(params.tag)}`, {
        tag: params.tag,
        value: preview(params.tagValue),
        allowed,
      });
    }
    case "pattern": {
      const value = valueAt(doc, path);
      if (params.pattern === ID_PATTERN) return schemaIssue("schema.invalidId", path, { value: preview(value) });
      return schemaIssue("schema.pattern", path, { value: preview(value), pattern: params.pattern });
    }
    case "format":
      return schemaIssue("schema.format", path, { value: preview(valueAt(doc, path)), format: params.format });
    case "minLength":
      return schemaIssue("schema.tooShort", path, { limit: params.limit });
    case "maxLength":
      return schemaIssue("schema.tooLong", path, { limit: params.limit });
    case "minItems":
      return schemaIssue("schema.tooFewItems", path, { limit: params.limit });
    case "maxItems":
      return schemaIssue("schema.tooManyItems", path, { limit: params.limit });
    case "maxProperties":
      return schemaIssue("schema.tooManyProperties", path, { limit: params.limit });
    case "minProperties":
      return schemaIssue("schema.invalidLabel", path);
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const c = comparisons[error.keyword];
      const issue = schemaIssue("schema.outOfRange", path, { comparison: c?.en, limit: params.limit });
      return { ...issue, message: { en: issue.message.en, "zh-CN": `必须${c?.zh ?? ""} ${String(params.limit)}。` } };
    }
    case "uniqueItems":
      return schemaIssue("schema.duplicateItems", path, { i: params.j, j: params.i });
    case "propertyNames":
      return schemaIssue("schema.invalidId", path, { value: preview(params.propertyName) });
    case "anyOf":
      return schemaIssue("schema.invalidLabel", path);
    case "if":
    case "oneOf":
      return schemaIssue("schema.invalid", path, { detail: error.message ?? error.keyword });
    default:
      return schemaIssue("schema.invalid", path, { detail: error.message ?? error.keyword });
  }
}

/**
 * Structural validation: ajv against the meta-schema. Errors under an `anyOf` whose
 * branches all failed (labels) are folded into the one `anyOf` issue, and duplicates removed.
 */
export function structuralIssues(validate: ValidateFunction, doc: unknown): Issue[] {
  if (validate(doc)) return [];
  // A hostile document can yield millions of errors; the first few thousand say enough.
  const errors = (validate.errors ?? []).slice(0, 5000);
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  const insideAnyOf = (e: ErrorObject) => {
    if (!e.schemaPath.includes("/anyOf/")) return false;
    for (let p = e.instancePath; p !== ""; p = p.slice(0, p.lastIndexOf("/"))) if (anyOfPaths.has(p)) return true;
    return anyOfPaths.has("");
  };
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== "anyOf" && insideAnyOf(error)) continue;
    const issue = toIssue(error, doc);
    if (!issue) continue;
    const key = `${issue.code}|${issue.path}|${issue.message.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}
