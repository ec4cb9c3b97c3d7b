/** `plinth lint` as a library: rules with ids, severities and fix hints over a valid app. */
export { type LintConfigResult, lintConfigSchema, ruleSetting, validateLintConfig } from "./config.js";
export { type LintOptions, lintApp } from "./lint.js";
export type {
  FieldRef,
  LintCategory,
  LintConfig,
  LintContext,
  LintFinding,
  LintRule,
  LintSeverity,
  RuleEntry,
  RuleMessage,
  RuleReport,
  RuleSetting,
} from "./lint.types.js";
export { lintConfigMessages } from "./messages.js";
export { createLintRules, standardLintRules } from "./registry.js";
export { defineRule } from "./rule.js";
