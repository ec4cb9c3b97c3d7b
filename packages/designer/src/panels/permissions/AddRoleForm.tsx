import { PlusOutlined } from "@ant-design/icons";
import { Button, Input, Space, Typography } from "antd";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner } from "../../editor/context.js";
import { idPattern } from "./grants.js";
import { addRole } from "./permCommands.js";

/** A new role: its id and its name in both languages. */
export function AddRoleForm() {
  const { t } = useTranslation();
  const roles = useDesigner((s) => s.doc.roles ?? []);
  const apply = useApply();
  const [id, setId] = useState("");
  const [en, setEn] = useState("");
  const [zh, setZh] = useState("");
  const error =
    id === ""
      ? undefined
      : !idPattern.test(id)
        ? t("perm_badId")
        : roles.some((r) => r.id.toLowerCase() === id.toLowerCase())
          ? t("perm_idTaken", { id })
          : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (id === "" || error) return;
    const label: Record<string, string> = {};
    if (en.trim()) label.en = en.trim();
    if (zh.trim()) label["zh-CN"] = zh.trim();
    const added = apply(addRole(Object.keys(label).length > 0 ? { id, label } : { id }));
    if (added) {
      setId("");
      setEn("");
      setZh("");
    }
  };
  return (
    <form onSubmit={submit} aria-label={t("perm_newRole")} className="perm-add-role">
      <Space wrap align="start">
        <Input
          aria-label={t("perm_roleId")}
          placeholder={t("perm_roleId")}
          value={id}
          status={error ? "error" : undefined}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setId(e.target.value.trim())}
        />
        <Input
          aria-label={t("perm_labelEn")}
          placeholder={t("perm_labelEn")}
          value={en}
          onChange={(e) => setEn(e.target.value)}
        />
        <Input
          aria-label={t("perm_labelZh")}
          placeholder={t("perm_labelZh")}
          value={zh}
          onChange={(e) => setZh(e.target.value)}
        />
        <Button htmlType="submit" icon={<PlusOutlined />} disabled={id === "" || error !== undefined}>
          {t("perm_addRole")}
        </Button>
      </Space>
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </form>
  );
}
