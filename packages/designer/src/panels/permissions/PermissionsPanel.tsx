import { Typography } from "antd";
import { useTranslation } from "react-i18next";

/** The permissions panel (being built: see packages/designer/README.md). */
export function PermissionsPanel() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t("panel_permissions")}</Typography.Title>;
}
