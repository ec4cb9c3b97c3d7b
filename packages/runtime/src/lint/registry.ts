import type { LintRule } from "./lint.types.js";
import { approvalWithoutSla } from "./rules/approvalWithoutSla.js";
import { demoCredentials } from "./rules/demoCredentials.js";
import { entityWithoutPermissions } from "./rules/entityWithoutPermissions.js";
import { exposedHiddenField } from "./rules/exposedHiddenField.js";
import { missingTranslation } from "./rules/missingTranslation.js";
import { pageHiddenField } from "./rules/pageHiddenField.js";
import { unfilteredRollup } from "./rules/unfilteredRollup.js";
import { unindexedFilter } from "./rules/unindexedFilter.js";
import { unreachableState } from "./rules/unreachableState.js";
import { deleteEverything, exportWithoutRowScope } from "./rules/unrestricted.js";
import { unusedField } from "./rules/unusedField.js";
import { webhookHost } from "./rules/webhookHost.js";

/** Every rule Plinth ships, security first, in the order the docs list them. */
export const standardLintRules: readonly LintRule[] = [
  entityWithoutPermissions,
  deleteEverything,
  exportWithoutRowScope,
  exposedHiddenField,
  webhookHost,
  demoCredentials,
  unusedField,
  unreachableState,
  approvalWithoutSla,
  pageHiddenField,
  missingTranslation,
  unindexedFilter,
  unfilteredRollup,
];

/**
 * A rule list checked for duplicate ids (a programming error, so it throws): pass your own
 * rules next to the standard ones, e.g. `createLintRules([...standardLintRules, myRule])`.
 */
export function createLintRules(rules: readonly LintRule[]): readonly LintRule[] {
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) throw new Error(`Lint rule ${rule.id} is registered twice`);
    seen.add(rule.id);
  }
  return [...rules];
}
