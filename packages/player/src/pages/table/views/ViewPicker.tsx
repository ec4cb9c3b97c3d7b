import { DeleteOutlined, SaveOutlined } from "@ant-design/icons";
import { Alert, Button, Input, type InputRef, Modal, Select, Space, Tag, Typography } from "antd";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SavedView } from "./viewsApi.js";

export interface ViewPickerProps {
  readonly views: readonly SavedView[];
  /** The view the table shows now; undefined for the page's default. */
  readonly currentId?: string | undefined;
  /** The table differs from the current view (or from the page default). */
  readonly dirty: boolean;
  readonly onSelect: (id: string | undefined) => void;
  /** Save the table as a view named `name` (a view with that name is replaced). Rejects with a message to show. */
  readonly onSave: (name: string) => Promise<void>;
  /** Save the table over the current view. */
  readonly onUpdate: () => Promise<void>;
  readonly onDelete: (id: string) => Promise<void>;
  /** Why saving or deleting failed, in the user's language. */
  readonly errorText?: (error: unknown) => string;
}

/**
 * The table toolbar's saved views: pick one (or the page default), save the table as a named
 * view, save changes over the current one, delete it. Controlled: the host loads and saves.
 */
export function ViewPicker({
  views,
  currentId,
  dirty,
  onSelect,
  onSave,
  onUpdate,
  onDelete,
  errorText = String,
}: ViewPickerProps) {
  const { t } = useTranslation();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const current = views.find((v) => v.id === currentId);
  const nameId = useId();
  const nameInput = useRef<InputRef>(null);
  const taken = views.find((v) => v.name === name.trim());

  const run = async (action: () => Promise<void>, after?: () => void) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await action();
      after?.();
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    if (name.trim() === "") return;
    void run(
      () => onSave(name.trim()),
      () => setNaming(false),
    );
  };

  return (
    <Space wrap size="small" className="plinth-view-picker">
      <Select
        aria-label={t("view")}
        style={{ minWidth: 200 }}
        value={currentId ?? ""}
        options={[{ value: "", label: t("pageDefault") }, ...views.map((v) => ({ value: v.id, label: v.name }))]}
        onChange={(id: string) => onSelect(id === "" ? undefined : id)}
      />
      {dirty && <Tag data-testid="view-changed">{t("viewModified")}</Tag>}
      {current && dirty && (
        <Button icon={<SaveOutlined aria-hidden />} loading={busy} onClick={() => void run(onUpdate)}>
          {t("updateView", { name: current.name })}
        </Button>
      )}
      <Button
        icon={<SaveOutlined aria-hidden />}
        onClick={() => {
          setName("");
          setFailure(undefined);
          setNaming(true);
        }}
      >
        {current ? t("saveAsNew") : t("saveView")}
      </Button>
      {current && (
        <Button
          icon={<DeleteOutlined />}
          aria-label={t("deleteView", { name: current.name })}
          title={t("deleteView", { name: current.name })}
          loading={busy}
          onClick={() => void run(() => onDelete(current.id))}
        />
      )}
      {failure !== undefined && !naming && (
        <Typography.Text type="danger" role="alert">
          {failure}
        </Typography.Text>
      )}
      <Modal
        open={naming}
        title={t("saveView")}
        okText={t("save")}
        cancelText={t("cancel")}
        okButtonProps={{ disabled: name.trim() === "", loading: busy }}
        onOk={save}
        onCancel={() => setNaming(false)}
        // The dialog takes focus as it opens; the name field is where typing goes.
        afterOpenChange={(opened) => opened && nameInput.current?.focus()}
        destroyOnHidden
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <label htmlFor={nameId}>{t("viewName")}</label>
          <Input
            ref={nameInput}
            id={nameId}
            autoFocus
            maxLength={80}
            placeholder={t("viewNamePlaceholder")}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          {taken && (
            <Typography.Paragraph type="warning" style={{ marginTop: 8 }}>
              {t("replaceView", { name: taken.name })}
            </Typography.Paragraph>
          )}
          {failure !== undefined && (
            <Alert role="alert" type="error" showIcon title={failure} style={{ marginTop: 8 }} />
          )}
        </form>
      </Modal>
    </Space>
  );
}
