/**
 * Text the app shows people, checked for both of Plinth's languages: every label-like value
 * (`label`, `pluralLabel`, rule and guard messages, `blankLabel`) should carry each locale, and
 * entities, fields, roles and pages should have a label at all (otherwise people see the id).
 * A plain string counts for neither locale in particular: it is the same text in both.
 */

import type { Locale } from "../../i18n/label.js";
import { escapePointerToken } from "../../issues/issue.js";
import type { RuleReport } from "../lint.types.js";
import { defineRule } from "../rule.js";

type Key = "missingLocale" | "singleText" | "noLabel";

const labelKeys = new Set(["label", "pluralLabel", "message", "guardMessage", "entryMessage", "blankLabel"]);
/** Parts of the document that are not shown as they are: overlays, locks and scenario tests. */
const skipped = new Set(["/overlay", "/locks", "/tests", "/extends"]);

const options = {
  type: "object",
  properties: {
    locales: {
      type: "array",
      items: { enum: ["en", "zh-CN"] },
      minItems: 1,
      uniqueItems: true,
      description: "The locales every label must have (default both).",
    },
  },
  additionalProperties: false,
} as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export const missingTranslation = defineRule({
  id: "quality/missing-translation",
  category: "quality",
  severity: "warning",
  summary: {
    en: "A label without its English or Chinese text, or an entity, field, role or page without a label.",
    "zh-CN": "缺少英文或中文文本的标签，或没有标签的实体、字段、角色或页面。",
  },
  options,
  messages: {
    missingLocale: {
      en: "This label has no {locale} text.",
      "zh-CN": "此标签缺少 {locale} 文本。",
      hint: {
        en: 'Add "{locale}": "…" to the label object.',
        "zh-CN": '请在标签对象中添加 "{locale}": "…"。',
      },
    },
    singleText: {
      en: "This label is one text ('{text}') for every language.",
      "zh-CN": "此标签对所有语言都使用同一段文本（“{text}”）。",
      hint: {
        en: 'Write it as { "en": "…", "zh-CN": "…" }.',
        "zh-CN": '请写成 { "en": "…", "zh-CN": "…" }。',
      },
    },
    noLabel: {
      en: "{what} '{id}' has no label: people see its id.",
      "zh-CN": "{whatZh}“{id}”没有标签：用户看到的是它的编号。",
      hint: {
        en: 'Add "label": { "en": "…", "zh-CN": "…" }.',
        "zh-CN": '请添加 "label": { "en": "…", "zh-CN": "…" }。',
      },
    },
  },
  check(ctx, o) {
    const locales: readonly Locale[] = Array.isArray(o.locales) ? (o.locales as Locale[]) : ["en", "zh-CN"];
    const out: RuleReport<Key>[] = [];
    const checkLabel = (value: unknown, path: string) => {
      if (typeof value === "string") {
        out.push({
          path,
          message: "singleText",
          params: { text: value.length > 40 ? `${value.slice(0, 37)}...` : value },
        });
      } else if (isRecord(value)) {
        for (const locale of locales) {
          const text = value[locale];
          if (typeof text !== "string" || text.trim() === "")
            out.push({ path, message: "missingLocale", params: { locale } });
        }
      }
    };
    const walk = (value: unknown, path: string): void => {
      if (skipped.has(path)) return;
      if (Array.isArray(value)) {
        value.forEach((v, i) => walk(v, `${path}/${i}`));
      } else if (isRecord(value)) {
        for (const [key, v] of Object.entries(value)) {
          const at = `${path}/${escapePointerToken(key)}`;
          // A notification's `message` is a text block of the same shape: checked like a label.
          if (labelKeys.has(key) && (typeof v === "string" || isRecord(v))) checkLabel(v, at);
          else walk(v, at);
        }
      }
    };
    walk(ctx.app, "");
    const unlabelled = (what: string, whatZh: string, id: string, path: string) =>
      out.push({ path, message: "noLabel", params: { what, whatZh, id } });
    ctx.app.roles?.forEach((r, i) => r.label === undefined && unlabelled("Role", "角色", r.id, `/roles/${i}`));
    ctx.app.entities?.forEach((e, i) => {
      if (e.label === undefined) unlabelled("Entity", "实体", e.id, `/entities/${i}`);
      e.fields.forEach((f, j) => {
        if (f.label === undefined) unlabelled("Field", "字段", `${e.id}.${f.id}`, `/entities/${i}/fields/${j}`);
      });
    });
    ctx.app.pages?.forEach((p, i) => p.label === undefined && unlabelled("Page", "页面", p.id, `/pages/${i}`));
    return out;
  },
});
