import { Typography } from "antd";
import { useTranslation } from "react-i18next";

/** The code panel (being built: see packages/designer/README.md). */
export function CodePanel() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t("panel_code")}</Typography.Title>;
}
