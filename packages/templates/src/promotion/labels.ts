/** A label in both languages (every label of the template has both). */
export const l = (en: string, zh: string) => ({ en, "zh-CN": zh });

/** Select options from [value, en, zh] triples. */
export const options = (items: ReadonlyArray<readonly [string, string, string]>) =>
  items.map(([value, en, zh]) => ({ value, label: l(en, zh) }));
