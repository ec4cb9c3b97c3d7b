import type { LocalizedMessage } from "../issues/issue.js";

export type Locale = "en" | "zh-CN";
export const locales: readonly Locale[] = ["en", "zh-CN"];

/** A label as the schema allows it: plain text, or text per locale. */
export type Label = string | { readonly en?: string; readonly "zh-CN"?: string };

/** The label's text in a locale, falling back to the other locale, then to `fallback`. */
export function labelText(label: Label | undefined, locale: Locale, fallback: string): string {
  if (label === undefined) return fallback;
  if (typeof label === "string") return label;
  return label[locale] ?? label[locale === "en" ? "zh-CN" : "en"] ?? fallback;
}

/** Both locales of a label at once (for issue messages). */
export function labelBoth(label: Label | undefined, fallback: string): LocalizedMessage {
  return { en: labelText(label, "en", fallback), "zh-CN": labelText(label, "zh-CN", fallback) };
}
