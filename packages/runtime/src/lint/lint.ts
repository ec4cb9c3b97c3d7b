import type { ImplementedFunction } from "../expr/functions/implemented.js";
import { standardFunctions } from "../expr/functions/index.js";
import { renderMessage } from "../issues/catalogue.js";
import type { App } from "../schema/types.js";
import { ruleSetting } from "./config.js";
import { createLintContext } from "./context.js";
import type { LintConfig, LintFinding, LintRule, LintSeverity } from "./lint.types.js";
import { standardLintRules } from "./registry.js";

export interface LintOptions {
  /** The formula functions the app's formulas use (usually `runtime.functions`); the standard library when omitted. */
  readonly functions?: ReadonlyMap<string, ImplementedFunction>;
  /** The rules to run; `standardLintRules` when omitted (see `createLintRules` to add your own). */
  readonly rules?: readonly LintRule[];
}

const severityOrder: Readonly<Record<LintSeverity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * Lint a valid app (as `validateApp` returns it): run every rule the config does not turn off,
 * at the severity it sets, and return the findings, errors first, then by rule and document
 * order. Pure: same app and config, same findings. The config should have passed
 * `validateLintConfig`; rule ids it does not know are ignored here.
 *
 * @example
 * const findings = lintApp(app, { rules: { "quality/unused-field": "off" }, allowHosts: ["hooks.example.com"] });
 * const failed = findings.some((f) => f.severity === "error");
 */
export function lintApp(app: App, config: LintConfig = {}, options: LintOptions = {}): LintFinding[] {
  const ctx = createLintContext(app, config, options.functions ?? standardFunctions);
  const findings: Array<LintFinding & { readonly order: number }> = [];
  (options.rules ?? standardLintRules).forEach((rule, order) => {
    const { setting, options: ruleOptions } = ruleSetting(rule, config);
    if (setting === "off") return;
    for (const report of rule.check(ctx, ruleOptions)) {
      const template = rule.messages[report.message];
      if (!template) throw new Error(`Lint rule ${rule.id} has no message '${report.message}'`);
      findings.push({
        rule: rule.id,
        severity: setting,
        path: report.path,
        params: report.params,
        message: renderMessage(template, report.params),
        hint: renderMessage(template.hint, report.params),
        order,
      });
    }
  });
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => severityOrder[a.f.severity] - severityOrder[b.f.severity] || a.f.order - b.f.order || a.i - b.i)
    .map(({ f: { order: _order, ...finding } }) => finding);
}
