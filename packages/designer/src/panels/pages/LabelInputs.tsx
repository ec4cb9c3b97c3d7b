import { type Label, type Locale, locales } from "@plinth/runtime";
import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { useApply } from "../../editor/context.js";
import { setLabel } from "../../store/commands.js";

function textIn(label: Label | undefined, locale: Locale): string {
  if (label === undefined) return "";
  if (typeof label === "string") return locale === "en" ? label : "";
  return label[locale] ?? "";
}

/** One input per language for the label at `path` (each edit of one language is one undo step). */
export function LabelInputs({ path, label, title }: { path: string; label: Label | undefined; title?: string }) {
  const { t } = useTranslation();
  const apply = useApply();
  return locales.map((locale) => {
    const name = t("pages_labelIn", { what: title ?? t("pages_label"), locale: t(`pages_locale_${locale}`) });
    return (
      <Form.Item key={locale} label={name}>
        <Input
          aria-label={name}
          value={textIn(label, locale)}
          onChange={(event) => apply(setLabel(path, locale, event.target.value))}
        />
      </Form.Item>
    );
  });
}
