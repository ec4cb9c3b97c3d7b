import { Typography } from "antd";
import { useTranslation } from "react-i18next";

/** The model panel (being built: see packages/designer/README.md). */
export function ModelPanel() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t("panel_model")}</Typography.Title>;
}
