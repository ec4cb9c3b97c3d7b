import { Typography } from "antd";
import { useTranslation } from "react-i18next";

/** The dashboards panel (being built: see packages/designer/README.md). */
export function DashboardsPanel() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t("panel_dashboards")}</Typography.Title>;
}
