import type { Locale } from "@plinth/runtime";
import { Segmented } from "antd";
import { useTranslation } from "react-i18next";

/** en / 中文 for the designer's chrome; the schema's labels are shown in the same language. */
export function LanguageSwitch({ locale, onChange }: { locale: Locale; onChange: (locale: Locale) => void }) {
  const { t } = useTranslation();
  return (
    <Segmented<Locale>
      aria-label={t("language")}
      size="small"
      value={locale}
      onChange={onChange}
      options={[
        { label: "EN", value: "en" },
        { label: "中文", value: "zh-CN" },
      ]}
    />
  );
}
