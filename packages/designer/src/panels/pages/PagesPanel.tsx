import { Typography } from "antd";
import { useTranslation } from "react-i18next";

/** The pages panel (being built: see packages/designer/README.md). */
export function PagesPanel() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t("panel_pages")}</Typography.Title>;
}
