import type { Issue } from "@plinth/runtime";
import { Button, Empty, List, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useDesignerContext, useValidation } from "./context.js";
import { panelFor } from "./panels.js";

/** The core's issues with the document, each with the panel it belongs to and a "Show" button. */
export function IssuesList() {
  const { t, i18n } = useTranslation();
  const { locate, store } = useDesignerContext();
  const { issues } = useValidation();
  const lang = i18n.language === "zh-CN" ? "zh-CN" : "en";
  const doc = store.getState().doc;
  return (
    <section aria-label={t("issuesTitle")} className="designer-issues-list">
      <Typography.Title level={5}>
        {t("issuesTitle")} · {t("issues", { count: issues.length })}
      </Typography.Title>
      {issues.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("issues", { count: 0 })} />
      ) : (
        <List
          size="small"
          dataSource={[...issues]}
          renderItem={(issue: Issue) => (
            <List.Item
              data-issue={issue.code}
              actions={[
                <Button key="show" size="small" onClick={() => locate(issue.path)}>
                  {t("locate")}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <span>
                    <Tag color={issue.severity === "error" ? "red" : "gold"}>
                      {t(`panel_${panelFor(issue.path, doc as never)}`)}
                    </Tag>
                    <code className="designer-path">{issue.path || "/"}</code>
                  </span>
                }
                description={issue.message[lang]}
              />
            </List.Item>
          )}
        />
      )}
    </section>
  );
}
