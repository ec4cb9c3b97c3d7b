import type { App, ApprovalRequest, AvailableActions, Locale, TimelineEntry } from "@plinth/runtime";
import { labelText } from "@plinth/runtime";
import { Button, Input, Space, Tag, Timeline, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

type Label = Parameters<typeof labelText>[0];
type Definition = { label?: Label; steps?: { id: string; label?: Label }[] };

const STATUS_COLOR: Record<string, string> = {
  pending: "processing",
  approved: "success",
  rejected: "error",
  returned: "warning",
  recalled: "default",
};

export interface ApprovalPanelProps {
  readonly app: App;
  readonly actions: AvailableActions;
  readonly requests: readonly ApprovalRequest[];
  readonly locale: Locale;
  /** The action running now (its button spins, the others wait). */
  readonly busy: string | undefined;
  readonly act: (action: string, body: { workflow?: string; comment?: string }) => Promise<boolean>;
  readonly userName: (id: string) => string;
  readonly dateTime: (iso: string) => string;
}

/** The workflow's label: the app's current definition, else the one the request was submitted with. */
function workflowLabel(app: App, workflow: string, definition: Definition | undefined, locale: Locale): string {
  const current = (app.workflows ?? []).find((w) => w.id === workflow) as Definition | undefined;
  return labelText(current?.label ?? definition?.label, locale, workflow);
}

/**
 * The approval part of a record: "ask for approval" buttons, approve / reject with a comment when
 * the request waits for this user, recall for its submitter, and every request's timeline in words.
 * What the user may do comes from the server (`actions`); the server checks it again on each action.
 */
export function ApprovalPanel({ app, actions, requests, locale, busy, act, userName, dateTime }: ApprovalPanelProps) {
  const { t } = useTranslation();
  const [comment, setComment] = useState("");
  const pending = actions.approval?.pendingForMe ? actions.approval : null;
  const recallable = actions.approval?.canRecall ? actions.approval : null;
  const run = async (action: string, body: { workflow?: string; comment?: string }) => {
    if (await act(action, body)) setComment("");
  };

  const entryText = (entry: TimelineEntry, definition: Definition | undefined) => {
    const step = entry.step
      ? labelText(definition?.steps?.find((s) => s.id === entry.step)?.label, locale, entry.step)
      : "";
    const approvers = entry.detail?.approvers;
    const names = Array.isArray(approvers) ? approvers.map((a) => userName(String(a))).join(", ") : t("someone");
    return t(`tl_${entry.type}`, {
      user: entry.user ? userName(entry.user) : t("someone"),
      step,
      approvers: names,
      defaultValue: entry.type,
    });
  };

  return (
    <div data-testid="approval-panel">
      {(actions.submit.length > 0 || pending || recallable) && (
        <Space orientation="vertical" style={{ width: "100%", marginBottom: 12 }}>
          {pending && <Typography.Paragraph style={{ margin: 0 }}>{t("pendingForMe")}</Typography.Paragraph>}
          {(pending || actions.submit.length > 0) && (
            <Input.TextArea
              aria-label={t("comment")}
              placeholder={t("commentPlaceholder")}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              autoSize={{ minRows: 2 }}
              maxLength={2000}
            />
          )}
          <Space wrap>
            {actions.submit.map((s) => (
              <Button
                key={s.workflow}
                type="primary"
                data-action="submit"
                loading={busy === "submit"}
                disabled={busy !== undefined}
                onClick={() =>
                  void run("submit", { workflow: s.workflow, ...(comment.trim() ? { comment: comment.trim() } : {}) })
                }
              >
                {t("submitFor", { workflow: labelText(s.label, locale, s.workflow) })}
              </Button>
            ))}
            {pending && (
              <>
                <Button
                  type="primary"
                  loading={busy === "approve"}
                  disabled={busy !== undefined}
                  onClick={() =>
                    void run("approve", {
                      workflow: pending.workflow,
                      ...(comment.trim() ? { comment: comment.trim() } : {}),
                    })
                  }
                >
                  {t("approve")}
                </Button>
                <Button
                  danger
                  loading={busy === "reject"}
                  disabled={busy !== undefined}
                  onClick={() => void run("reject", { workflow: pending.workflow, comment: comment.trim() })}
                >
                  {t("reject")}
                </Button>
              </>
            )}
            {recallable && (
              <Button
                loading={busy === "recall"}
                disabled={busy !== undefined}
                onClick={() => void run("recall", { workflow: recallable.workflow })}
              >
                {t("recall")}
              </Button>
            )}
          </Space>
        </Space>
      )}
      {requests.length === 0 ? (
        <Typography.Text type="secondary">{t("noApprovals")}</Typography.Text>
      ) : (
        requests.map((request) => {
          const definition = request.state.definition as Definition | undefined;
          return (
            <div key={request.id} data-testid="approval" style={{ marginTop: 8 }}>
              <Space>
                <Typography.Text strong>{workflowLabel(app, request.workflow, definition, locale)}</Typography.Text>
                <Tag color={STATUS_COLOR[request.status] ?? "default"} data-testid="approval-status">
                  {t(`approvalStatus_${request.status}`, { defaultValue: request.status })}
                </Tag>
                {request.state.round > 1 && (
                  <Typography.Text type="secondary">{t("round", { round: request.state.round })}</Typography.Text>
                )}
              </Space>
              <Timeline
                style={{ marginTop: 12 }}
                items={request.state.timeline.map((entry, i) => ({
                  key: `${entry.at}-${i}`,
                  content: (
                    <div>
                      <div>
                        {entryText(entry, definition)}{" "}
                        <Typography.Text type="secondary">· {dateTime(entry.at)}</Typography.Text>
                      </div>
                      {entry.comment && <Typography.Text type="secondary">“{entry.comment}”</Typography.Text>}
                    </div>
                  ),
                }))}
              />
            </div>
          );
        })
      )}
    </div>
  );
}
