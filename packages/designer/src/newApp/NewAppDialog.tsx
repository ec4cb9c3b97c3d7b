import type { Issue, Locale, Runtime } from "@plinth/runtime";
import { Alert, Button, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DesignerApi } from "../api/designerApi.js";
import { errorText } from "../api/http.js";
import { blankApp } from "./blankApp.js";

interface NewAppDialogProps {
  readonly api: DesignerApi;
  readonly runtime: Runtime;
  readonly locale: Locale;
  readonly onClose: () => void;
  /** Called with the new app's id once the server stored its draft. */
  readonly onCreated: (id: string) => void;
}

/**
 * "New app": an id and a name in both languages make a blank draft (see {@link blankApp}), saved
 * through `POST /api/apps` as a copy is. The core's issues (an invalid id) show before anything is
 * sent; the server's refusals (an id already taken) after, each in the chosen language.
 */
export function NewAppDialog({ api, runtime, locale, onClose, onCreated }: NewAppDialogProps) {
  const { t } = useTranslation();
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: { id?: string; en?: string; zh?: string }) => {
    setError(undefined);
    const app = blankApp(values.id ?? "", { en: values.en ?? "", "zh-CN": values.zh ?? "" });
    const found = runtime.validateApp(app).issues.filter((issue) => issue.severity === "error");
    setIssues(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await api.createApp(app);
      onCreated(app.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t("newAppTitle")} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t("newAppHint")}</Typography.Paragraph>
      {issues.length > 0 && (
        <Alert
          role="alert"
          type="error"
          showIcon
          title={t("newAppProblems")}
          description={
            <ul className="designer-new-app-issues">
              {issues.map((issue) => (
                <li key={`${issue.code}${issue.path}`} data-issue={issue.code}>
                  {issue.message[locale]}
                </li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {error !== undefined && (
        <Alert role="alert" type="error" showIcon title={errorText(error, locale)} style={{ marginBottom: 12 }} />
      )}
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t("newAppId")} name="id">
          <Input autoFocus autoComplete="off" placeholder="visits" />
        </Form.Item>
        <Form.Item label={t("newAppLabelEn")} name="en">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t("newAppLabelZh")} name="zh">
          <Input autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("create")}
        </Button>
      </Form>
    </Modal>
  );
}
