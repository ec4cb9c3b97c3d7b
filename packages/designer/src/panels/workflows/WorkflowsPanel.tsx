import { Typography } from "antd";
import { useTranslation } from "react-i18next";

/** The workflows panel (being built: see packages/designer/README.md). */
export function WorkflowsPanel() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t("panel_workflows")}</Typography.Title>;
}
