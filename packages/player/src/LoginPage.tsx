import type { Locale } from "@plinth/runtime";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "./data/errors.js";
import type { PlatformApi, Session } from "./data/platform.js";
import { LanguageSwitch } from "./LanguageSwitch.js";

interface Props {
  readonly platform: PlatformApi;
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
  readonly onSignedIn: (session: Session) => void;
}

/** User name and password; the server's message (in the chosen language) when sign-in fails. */
export function LoginPage({ platform, locale, setLocale, onSignedIn }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await platform.login(values.username, values.password));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="plinth-login">
      <Card className="plinth-login-card">
        <div className="plinth-login-head">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("signInTitle")}
          </Typography.Title>
          <LanguageSwitch locale={locale} onChange={setLocale} />
        </div>
        {error !== undefined && (
          <Alert role="alert" type="error" showIcon title={errorText(error, locale)} style={{ marginBottom: 16 }} />
        )}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t("username")} name="username" rules={[{ required: true, message: t("usernameRequired") }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t("password")} name="password" rules={[{ required: true, message: t("passwordRequired") }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t("signIn")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
