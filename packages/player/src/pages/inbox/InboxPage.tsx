import type { Inbox, InboxApproval, InboxPage as InboxPageDef, Locale, SourceNotification } from "@plinth/runtime";
import { Alert, Button, Card, Empty, Space, Spin, Table, Tag, Typography } from "antd";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../../context.js";
import { errorText } from "../../data/errors.js";
import { isPlainClick } from "../../link.js";
import { recordRoutePath } from "../detail/recordRoute.js";
import { entityLabel, entityOf, useDataSource } from "../form/shared.js";
import type { PageProps } from "../PageView.js";
import { activeStepLabels, byNewest, notificationText, recordRoute, workflowLabel } from "./model.js";

const dateTime = (value: string, locale: Locale) => {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale === "zh-CN" ? "zh-CN" : "en-US", {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(date);
};

/** Page kind "inbox": the approvals waiting for the signed-in user and their notifications. */
export function InboxPage({ app, page }: PageProps<InboxPageDef>) {
  const { locale, navigate, session } = usePlayer();
  const { t } = useTranslation();
  const source = useDataSource(app.id);
  const [inbox, setInbox] = useState<Inbox>();
  const [error, setError] = useState<unknown>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      setInbox(await source.inbox());
    } catch (e) {
      setError(e);
    }
  }, [source]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Mark notifications read on the server, then show them read (a failure leaves them unread). */
  const markRead = async (ids: readonly string[]) => {
    const done = new Set<string>();
    for (const id of ids) {
      try {
        await source.markRead(id);
        done.add(id);
      } catch {
        // stays unread; the next load shows the truth
      }
    }
    const at = new Date().toISOString();
    setInbox(
      (old) =>
        old && {
          ...old,
          notifications: old.notifications.map((n) => (done.has(n.id) && !n.readAt ? { ...n, readAt: at } : n)),
        },
    );
  };

  const recordLink = (entity: string, id: string, text: ReactNode, onOpen?: () => void) => {
    const route = recordRoute(app.id, entity, id);
    return (
      <a
        href={recordRoutePath(route)}
        onClick={(event) => {
          onOpen?.();
          if (!isPlainClick(event)) return;
          event.preventDefault();
          navigate(route);
        }}
      >
        {text}
      </a>
    );
  };
  const entityText = (entity: string) => {
    const def = entityOf(app, entity);
    return def ? entityLabel(def, locale) : entity;
  };
  const userName = (uid: string) => (uid === session.user.id ? session.user.displayName || session.user.username : uid);

  if (error !== undefined)
    return (
      <Alert
        role="alert"
        type="error"
        showIcon
        title={errorText(error, locale)}
        action={<Button onClick={() => void load()}>{t("retry")}</Button>}
      />
    );
  if (!inbox) return <Spin description={t("loading")} />;

  // A page may narrow the inbox to some workflows (`workflows` in the page definition).
  const only = (page as { workflows?: readonly string[] }).workflows;
  const approvals = byNewest(
    inbox.approvals.filter((a) => !only || only.length === 0 || only.includes(a.workflow)),
    (a) => a.state.submittedAt ?? a.updatedAt,
  );
  const notifications = byNewest(inbox.notifications, (n) => n.createdAt);
  const unread = notifications.filter((n) => !n.readAt);

  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }} data-testid="inbox">
      <Card
        title={t("inbox.waiting")}
        extra={<Tag>{t("inbox.count", { count: approvals.length })}</Tag>}
        data-testid="inbox-approvals"
      >
        {approvals.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("inbox.noApprovals")} />
        ) : (
          <Table<InboxApproval>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={approvals}
            columns={[
              {
                key: "record",
                title: t("inbox.record"),
                render: (_, a) =>
                  recordLink(
                    a.entity,
                    a.recordId,
                    <>
                      {entityText(a.entity)} · {a.title ?? <Typography.Text code>{a.recordId}</Typography.Text>}
                    </>,
                  ),
              },
              { key: "workflow", title: t("inbox.workflow"), render: (_, a) => workflowLabel(app, a, locale) },
              {
                key: "step",
                title: t("inbox.step"),
                render: (_, a) => activeStepLabels(a, locale).join(" · ") || "—",
              },
              {
                key: "submitted",
                title: t("inbox.submitted"),
                render: (_, a) =>
                  t("inbox.submittedBy", {
                    at: dateTime(a.state.submittedAt ?? a.updatedAt, locale),
                    user: a.submitterName ?? userName(a.state.submitter),
                  }),
              },
              {
                key: "open",
                title: "",
                render: (_, a) => recordLink(a.entity, a.recordId, t("inbox.open")),
              },
            ]}
          />
        )}
      </Card>
      <Card
        title={t("inbox.notifications")}
        extra={
          <Space>
            {unread.length > 0 && (
              <Button size="small" onClick={() => void markRead(unread.map((n) => n.id))}>
                {t("inbox.markAllRead")}
              </Button>
            )}
            <Tag>{t("inbox.count", { count: notifications.length })}</Tag>
          </Space>
        }
        data-testid="inbox-notifications"
      >
        {notifications.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("inbox.noNotifications")} />
        ) : (
          <Table<SourceNotification>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={notifications}
            columns={[
              {
                key: "message",
                title: t("inbox.message"),
                render: (_, n) => {
                  const text = notificationText(n, locale);
                  const shown =
                    n.entity && n.recordId ? (
                      recordLink(n.entity, n.recordId, text, () => (n.readAt ? undefined : void markRead([n.id])))
                    ) : n.readAt ? (
                      text
                    ) : (
                      <Typography.Link onClick={() => void markRead([n.id])}>{text}</Typography.Link>
                    );
                  return n.readAt ? (
                    shown
                  ) : (
                    <Typography.Text strong data-unread="true">
                      {shown} <Tag color="blue">{t("inbox.unread")}</Tag>
                    </Typography.Text>
                  );
                },
              },
              {
                key: "time",
                title: t("inbox.time"),
                render: (_, n) => (
                  <Typography.Text strong={!n.readAt} type={n.readAt ? "secondary" : undefined}>
                    {dateTime(n.createdAt, locale)}
                  </Typography.Text>
                ),
              },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
