import type { ValidateFunction } from "ajv/dist/2020.js";
import { createAjv, structuralIssues } from "../app/structure.js";
import { closestMatch } from "../expr/suggest.js";
import { escapePointerToken, type Issue } from "../issues/issue.js";
import { idListSchema } from "../schema/common.js";
import type { LintConfig, LintRule, RuleEntry, RuleSetting } from "./lint.types.js";
import { lintConfigIssue } from "./messages.js";

/**
 * The JSON Schema of a lint configuration. Rule entries are checked one by one after it
 * (against the registry and each rule's own options schema), so that their errors name the rule.
 */
export const lintConfigSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://plinth.dev/schemas/lint/v1/config.json",
  title: "plinth lint configuration",
  type: "object",
  properties: {
    $schema: { type: "string", maxLength: 2048 },
    rules: {
      type: "object",
      maxProperties: 500,
      description: 'Rule id → "off" | "info" | "warning" | "error", or [setting, { options }].',
    },
    allowHosts: {
      type: "array",
      maxItems: 1000,
      items: { type: "string", maxLength: 253 },
      description: "Hosts webhooks may call: api.example.com, or *.example.com for its subdomains.",
    },
    largeEntities: { ...idListSchema, description: "Entities expected to hold many rows." },
  },
  additionalProperties: false,
} as const;

const settings: readonly RuleSetting[] = ["off", "info", "warning", "error"];
const isSetting = (v: unknown): v is RuleSetting =>
  typeof v === "string" && (settings as readonly string[]).includes(v);
const hostPattern = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export type LintConfigResult =
  | { readonly ok: true; readonly config: LintConfig; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** Compiled validators, per schema object: compiling is the slow part, and schemas are constants. */
const compiled = new WeakMap<object, ValidateFunction>();
function validatorOf(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = createAjv().compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * Check a parsed `lint.json` against the config schema, the rules of `rules` (unknown ids get a
 * "did you mean") and each rule's options. Every problem is an issue with a JSON Pointer into
 * the config; nothing throws.
 *
 * @example
 * const result = validateLintConfig(JSON.parse(text), standardLintRules);
 * if (result.ok) lintApp(app, result.config);
 */
export function validateLintConfig(doc: unknown, rules: readonly LintRule[]): LintConfigResult {
  const structural = structuralIssues(validatorOf(lintConfigSchema), doc);
  if (structural.length > 0) return { ok: false, issues: structural };
  const config = doc as LintConfig & { readonly rules?: Readonly<Record<string, unknown>> };
  const issues: Issue[] = [];
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const [id, entry] of Object.entries(config.rules ?? {})) {
    const path = `/rules/${escapePointerToken(id)}`;
    const rule = byId.get(id);
    if (!rule) {
      const best = closestMatch(id, byId.keys());
      issues.push(
        lintConfigIssue("lint.unknownRule", path, {
          rule: id,
          hint: best ? ` Did you mean '${best}'?` : "",
          hintZh: best ? `您是不是想用“${best}”？` : "",
        }),
      );
      continue;
    }
    issues.push(...checkEntry(rule, entry, path));
  }
  config.allowHosts?.forEach((host, i) => {
    if (!hostPattern.test(host)) issues.push(lintConfigIssue("lint.invalidHost", `/allowHosts/${i}`, { value: host }));
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, config: config as LintConfig, issues };
}

function checkEntry(rule: LintRule, entry: unknown, path: string): Issue[] {
  if (isSetting(entry)) return [];
  if (!Array.isArray(entry) || entry.length !== 2 || !isSetting(entry[0])) {
    return [lintConfigIssue("lint.invalidSetting", path, { value: JSON.stringify(entry) ?? String(entry) })];
  }
  if (!rule.options) return [lintConfigIssue("lint.noOptions", `${path}/1`, { rule: rule.id })];
  const options: unknown = entry[1];
  return structuralIssues(validatorOf(rule.options), options).map((issue) => ({
    ...issue,
    path: `${path}/1${issue.path}`,
  }));
}

/** A rule's effective setting and options under a config. */
export function ruleSetting(
  rule: LintRule,
  config: LintConfig,
): { readonly setting: RuleSetting; readonly options: Readonly<Record<string, unknown>> } {
  const entry: RuleEntry | undefined = config.rules?.[rule.id];
  if (entry === undefined) return { setting: rule.severity, options: {} };
  if (typeof entry === "string") return { setting: entry, options: {} };
  return { setting: entry[0], options: entry[1] };
}
