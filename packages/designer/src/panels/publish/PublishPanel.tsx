import { Divider, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DraftChanges } from "./DraftChanges.js";
import { IssuesByPanel } from "./IssuesByPanel.js";
import { PublishSection } from "./PublishSection.js";
import { VersionsSection } from "./VersionsSection.js";

/** Validate and publish: the core's issues per panel, the migration plan, publish, versions, rollback. */
export function PublishPanel() {
  const { t } = useTranslation();
  // Bumped after a publish or a rollback: the versions and the published app are read again.
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = () => setRefreshKey((k) => k + 1);
  return (
    <div className="designer-publish">
      <Typography.Title level={3}>{t("pub_title")}</Typography.Title>
      <IssuesByPanel />
      <Divider />
      <PublishSection onPublished={refresh} />
      <Divider />
      <DraftChanges refreshKey={refreshKey} />
      <Divider />
      <VersionsSection refreshKey={refreshKey} onChanged={refresh} />
    </div>
  );
}
