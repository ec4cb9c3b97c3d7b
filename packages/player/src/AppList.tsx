import { AppstoreOutlined } from "@ant-design/icons";
import { labelText } from "@plinth/runtime";
import { Alert, Button, Card, List, Spin, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "./context.js";
import { errorText } from "./data/errors.js";
import type { AppSummary } from "./data/platform.js";
import { isPlainClick } from "./link.js";
import { routePath } from "./routes.js";

/** /apps/: a link to each app the signed-in user has a role in. */
export function AppList() {
  const { platform, locale, navigate, session } = usePlayer();
  const { t } = useTranslation();
  const [apps, setApps] = useState<readonly AppSummary[]>();
  const [error, setError] = useState<unknown>();

  const load = useCallback(() => {
    setError(undefined);
    platform.apps().then(setApps, setError);
  }, [platform]);
  useEffect(load, [load]);

  if (error !== undefined) {
    return (
      <Alert
        role="alert"
        type="error"
        showIcon
        title={errorText(error, locale)}
        action={<Button onClick={load}>{t("retry")}</Button>}
      />
    );
  }
  if (!apps) return <Spin description={t("loading")} />;
  return (
    <Card
      title={t("myApps")}
      extra={
        session.user.isAdmin ? (
          <Button type="link" href="/designer/">
            {t("openDesigner")}
          </Button>
        ) : undefined
      }
    >
      <List
        locale={{ emptyText: t("noApps") }}
        dataSource={[...apps]}
        renderItem={(app) => {
          const href = routePath({ kind: "app", appId: app.id });
          return (
            <List.Item>
              <List.Item.Meta
                avatar={<AppstoreOutlined style={{ fontSize: 20 }} />}
                title={
                  <a
                    href={href}
                    onClick={(event) => {
                      if (!isPlainClick(event)) return;
                      event.preventDefault();
                      navigate({ kind: "app", appId: app.id });
                    }}
                  >
                    {labelText(app.label, locale, app.id)}
                  </a>
                }
                description={<Typography.Text type="secondary">{app.id}</Typography.Text>}
              />
              {app.publishedVersion === null ? <Tag>{t("notPublished")}</Tag> : <Tag>v{app.publishedVersion}</Tag>}
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
