import { Typography } from "antd";
import { useTranslation } from "react-i18next";

/** The publish panel (being built: see packages/designer/README.md). */
export function PublishPanel() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t("panel_publish")}</Typography.Title>;
}
