import { type FormPage, type Issue, labelText, type RecordValues } from "@plinth/runtime";
import { Alert, Button, Space, Typography } from "antd";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlinth } from "../PlinthProvider.js";
import { LayoutView } from "./FormLayout.js";
import { FormStyles, useFormThemeVars } from "./FormStyles.js";
import type { FormState, FormStore } from "./formStore.js";
import { useFormState, useUnsavedChangesWarning } from "./hooks.js";

/** What `onSubmit` rejects with when the server refuses the record: its issues go under the fields. */
export interface SubmitRejection {
  readonly issues: readonly Issue[];
}

export function isSubmitRejection(error: unknown): error is SubmitRejection {
  return typeof error === "object" && error !== null && Array.isArray((error as { issues?: unknown }).issues);
}

export interface FormRendererProps {
  readonly store: FormStore;
  readonly page: FormPage;
  /**
   * Save the values (the core's normalised record, input fields only). Reject with
   * `{ issues }` to show the server's issues under their fields.
   */
  readonly onSubmit?: (values: RecordValues) => Promise<unknown>;
  readonly onCancel?: () => void;
  /** Ask before leaving the page while there are unsaved changes (default true). */
  readonly warnOnUnsavedChanges?: boolean;
}

type Status = "idle" | "saving" | "invalid" | "failed";

const selectFormIssues = (state: FormState) => state.formIssues;

function FormIssues({ store }: { store: FormStore }) {
  const { locale } = usePlinth();
  const issues = useFormState(store, selectFormIssues);
  if (issues.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={issues.map((issue) => (
        <div key={`${issue.code}${issue.path}${issue.message.en}`}>{issue.message[locale]}</div>
      ))}
    />
  );
}

function Actions({
  store,
  status,
  warn,
  onCancel,
}: {
  store: FormStore;
  status: Status;
  warn: boolean;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const dirty = useUnsavedChangesWarning(store, warn);
  return (
    <Space wrap>
      <Button type="primary" htmlType="submit" loading={status === "saving"}>
        {status === "saving" ? t("saving") : t("save")}
      </Button>
      {onCancel ? <Button onClick={onCancel}>{t("cancel")}</Button> : null}
      <span role="status">
        {status === "invalid" ? (
          <Typography.Text type="danger">{t("fixErrors")}</Typography.Text>
        ) : status === "failed" ? (
          <Typography.Text type="danger">{t("saveFailed")}</Typography.Text>
        ) : dirty ? (
          <Typography.Text type="secondary">{t("unsavedChanges")}</Typography.Text>
        ) : null}
      </span>
    </Space>
  );
}

/**
 * A form page of an app: its layout, one `FieldSlot` per field (each subscribed to its own
 * slice of `store`), the core's messages in the provider's locale, and Save / Cancel.
 * Must sit inside a `PlinthProvider`.
 *
 * @example
 * const store = createFormStore({ app, entity: page.entity, context, runtime });
 * <PlinthProvider locale="zh-CN"><FormRenderer store={store} page={page} onSubmit={save} /></PlinthProvider>
 */
export function FormRenderer({ store, page, onSubmit, onCancel, warnOnUnsavedChanges = true }: FormRendererProps) {
  const { locale } = usePlinth();
  const [status, setStatus] = useState<Status>("idle");
  const formRef = useRef<HTMLFormElement>(null);
  const themeVars = useFormThemeVars();

  const focusFirstInvalid = () =>
    // After React has committed the messages.
    queueMicrotask(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (status === "saving") return;
    store.touchAll();
    if (store.hasErrors()) {
      setStatus("invalid");
      focusFirstInvalid();
      return;
    }
    if (!onSubmit) return;
    setStatus("saving");
    try {
      await onSubmit(store.submitValues());
      store.reset(store.api.getState().values);
      setStatus("idle");
    } catch (error) {
      if (isSubmitRejection(error)) {
        store.applyServerIssues(error.issues);
        setStatus("invalid");
        focusFirstInvalid();
      } else setStatus("failed");
    }
  };

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      aria-label={labelText(page.label, locale, page.id)}
      style={themeVars}
    >
      <FormStyles />
      <FormIssues store={store} />
      <LayoutView store={store} node={page.layout} />
      <Actions store={store} status={status} warn={warnOnUnsavedChanges} onCancel={onCancel} />
    </form>
  );
}
