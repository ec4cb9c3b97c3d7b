import type { Locale } from "@plinth/runtime";
import { Alert, Button, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../api/http.js";
import type { NewPerson, PeopleApi, PersonJson } from "./peopleApi.js";

interface CreatePersonFormProps {
  readonly people: PeopleApi;
  readonly locale: Locale;
  readonly onCreated: (person: PersonJson) => void;
}

/** A new user: user name, display name and password; the server says what it refuses and why. */
export function CreatePersonForm({ people, locale, onCreated }: CreatePersonFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewPerson>();
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: Partial<NewPerson>) => {
    setBusy(true);
    setError(undefined);
    setCreated(undefined);
    try {
      const person = await people.create({
        username: values.username ?? "",
        displayName: values.displayName ?? "",
        password: values.password ?? "",
      });
      form.resetFields();
      setCreated(person.displayName);
      onCreated(person);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label={t("people_new")} style={{ marginTop: 16 }}>
      <Typography.Title level={4}>{t("people_new")}</Typography.Title>
      {error !== undefined && (
        <Alert role="alert" type="error" showIcon title={errorText(error, locale)} style={{ marginBottom: 12 }} />
      )}
      {created !== undefined && (
        <Alert role="status" type="success" showIcon title={t("people_created", { name: created })} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t("people_username")} name="username">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t("people_displayName")} name="displayName">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t("people_password")} name="password">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t("people_create")}
        </Button>
      </Form>
    </section>
  );
}
