import type { Issue } from "@plinth/runtime";
import { Button, Card, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useDesigner, useDesignerContext, useValidation } from "../../editor/context.js";
import { type PanelId, panelFor, panelOrder } from "../../editor/panels.js";

/** The core's issues grouped by the panel that edits their place, each with "Show". */
export function IssuesByPanel() {
  const { t, i18n } = useTranslation();
  const { locate } = useDesignerContext();
  const doc = useDesigner((s) => s.doc);
  const { issues } = useValidation();
  const lang = i18n.language === "zh-CN" ? "zh-CN" : "en";
  const groups = new Map<PanelId, Issue[]>();
  for (const issue of issues) {
    const panel = panelFor(issue.path, doc as never);
    groups.set(panel, [...(groups.get(panel) ?? []), issue]);
  }
  const errors = issues.filter((i) => i.severity === "error").length;
  return (
    <section aria-label={t("pub_problems")}>
      <Typography.Title level={4}>{t("pub_problems")}</Typography.Title>
      {issues.length === 0 && <Typography.Paragraph type="success">{t("pub_noProblems")}</Typography.Paragraph>}
      {errors > 0 && (
        <Typography.Paragraph type="danger">{t("pub_errorsBlock", { count: errors })}</Typography.Paragraph>
      )}
      {panelOrder
        .filter((panel) => groups.has(panel))
        .map((panel) => (
          <Card
            key={panel}
            size="small"
            title={`${t(`panel_${panel}`)} · ${t("issues", { count: groups.get(panel)?.length ?? 0 })}`}
            style={{ marginBottom: 8 }}
            data-panel={panel}
          >
            <ul className="designer-publish-issues">
              {(groups.get(panel) ?? []).map((issue: Issue) => (
                <li key={`${issue.code}${issue.path}${issue.message.en}`} style={{ marginBottom: 6 }}>
                  <Tag color={issue.severity === "error" ? "red" : "gold"}>{issue.code}</Tag>
                  {issue.message[lang]}{" "}
                  <Button size="small" onClick={() => locate(issue.path)}>
                    {t("pub_show")}
                  </Button>
                </li>
              ))}
            </ul>
          </Card>
        ))}
    </section>
  );
}
