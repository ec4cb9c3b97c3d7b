import type { Issue, Label, Locale } from "@plinth/runtime";
import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useValidation } from "../../editor/context.js";
import { setLabel, setValue } from "../../store/commands.js";

/**
 * Form parts shared by the workflow and dashboard inspectors: every input writes through the
 * store with a named command, and formulas show the core's issues at their own path.
 */

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === "zh-CN" ? "zh-CN" : "en";
}

/** A UI word in both languages, for a command's undo label. */
export function useBoth(): (key: string, params?: Record<string, unknown>) => { en: string; "zh-CN": string } {
  const { t } = useTranslation();
  return (key, params) => ({ en: t(key, { ...params, lng: "en" }), "zh-CN": t(key, { ...params, lng: "zh-CN" }) });
}

/** The core's issues at `path` or inside it. */
export function useIssuesAt(path: string): readonly Issue[] {
  const { issues } = useValidation();
  return issues.filter((i) => i.path === path || i.path.startsWith(`${path}/`));
}

/** The core's messages for `path`, for a Form.Item's help. */
export function IssueHelp({ issues }: { issues: readonly Issue[] }) {
  const locale = useLocale();
  if (issues.length === 0) return null;
  return (
    <ul className="designer-issue-help" role="alert">
      {issues.map((issue) => (
        <li key={`${issue.code}:${issue.path}`} data-issue={issue.code}>
          {issue.message[locale]}
        </li>
      ))}
    </ul>
  );
}

function labelOf(label: Label | undefined, locale: Locale): string {
  if (label === undefined) return "";
  if (typeof label === "string") return locale === "en" ? label : "";
  return label[locale] ?? "";
}

interface LabelInputsProps {
  readonly path: string;
  readonly label: Label | undefined;
  /** What the two inputs are called, when not "Label (English)" and "Label (Chinese)". */
  readonly keyPrefix?: string;
}

/** A label's two languages, each its own input (an emptied language is removed). */
export function LabelInputs({ path, label, keyPrefix = "wf_label" }: LabelInputsProps) {
  const { t } = useTranslation();
  const apply = useApply();
  return (
    <>
      {(["en", "zh-CN"] as const).map((lang) => (
        <Form.Item key={lang} label={t(`${keyPrefix}_${lang}`)}>
          <Input
            aria-label={t(`${keyPrefix}_${lang}`)}
            value={labelOf(label, lang)}
            onChange={(e) => apply(setLabel(path, lang, e.target.value))}
          />
        </Form.Item>
      ))}
    </>
  );
}

interface FormulaInputProps {
  readonly path: string;
  readonly value: string | undefined;
  /** The input's name: a key of the panel's words, with its parameters. */
  readonly labelKey: string;
  readonly labelParams?: Record<string, unknown>;
  readonly placeholder?: string;
}

/** A formula: empty removes it; the core's type and reference errors show under it. */
export function FormulaInput({ path, value, labelKey, labelParams, placeholder }: FormulaInputProps) {
  const { t } = useTranslation();
  const both = useBoth();
  const apply = useApply();
  const label = t(labelKey, labelParams ?? {});
  const name = both(labelKey, labelParams);
  const issues = useIssuesAt(path);
  return (
    <Form.Item
      label={label}
      validateStatus={issues.length > 0 ? "error" : undefined}
      help={issues.length > 0 ? <IssueHelp issues={issues} /> : undefined}
    >
      <Input.TextArea
        aria-label={label}
        autoSize={{ minRows: 1, maxRows: 6 }}
        className="designer-formula"
        spellCheck={false}
        placeholder={placeholder}
        value={value ?? ""}
        onChange={(e) =>
          apply(
            setValue(path, e.target.value === "" ? undefined : e.target.value, {
              en: `Edit ${name.en}`,
              "zh-CN": `编辑${name["zh-CN"]}`,
            }),
          )
        }
      />
    </Form.Item>
  );
}

/** A plain text setting (an id), written on every keystroke into one undo step. */
export function TextSetting({
  path,
  value,
  labelKey,
  labelParams,
}: Omit<FormulaInputProps, "placeholder" | "value"> & { value: string }) {
  const { t } = useTranslation();
  const both = useBoth();
  const apply = useApply();
  const label = t(labelKey, labelParams ?? {});
  const name = both(labelKey, labelParams);
  const issues = useIssuesAt(path);
  return (
    <Form.Item
      label={label}
      validateStatus={issues.length > 0 ? "error" : undefined}
      help={issues.length > 0 ? <IssueHelp issues={issues} /> : undefined}
    >
      <Input
        aria-label={label}
        value={value}
        onChange={(e) =>
          apply(setValue(path, e.target.value, { en: `Edit ${name.en}`, "zh-CN": `编辑${name["zh-CN"]}` }))
        }
      />
    </Form.Item>
  );
}

/** `base`, or `base_2`, `base_3`... whichever is not taken; made a valid id first. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let clean = base.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 56);
  if (!/^[A-Za-z]/.test(clean)) clean = `x${clean}`;
  if (!used.has(clean)) return clean;
  for (let n = 2; ; n++) if (!used.has(`${clean}_${n}`)) return `${clean}_${n}`;
}
