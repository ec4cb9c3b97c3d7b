import type { LintRule, RuleMessage } from "./lint.types.js";

/**
 * Declare a rule with its message keys checked: `check` may only report the keys of
 * `messages`.
 *
 * @example
 * export const myRule = defineRule({ id: "quality/x", messages: { found: {...} }, check: () => [] , ...});
 */
export function defineRule<const K extends string>(
  rule: LintRule<K> & { readonly messages: Readonly<Record<K, RuleMessage>> },
): LintRule<K> {
  return rule;
}

/** `'a', 'b' and 'c'` / `“a”、“b”和“c”`: a list of ids for a message, in both languages. */
export function idList(ids: readonly string[]): { en: string; zh: string } {
  const en = ids.map((id) => `'${id}'`);
  const zh = ids.map((id) => `“${id}”`);
  if (en.length <= 1) return { en: en.join(""), zh: zh.join("") };
  return {
    en: `${en.slice(0, -1).join(", ")} and ${en[en.length - 1]}`,
    zh: `${zh.slice(0, -1).join("、")}和${zh[zh.length - 1]}`,
  };
}
