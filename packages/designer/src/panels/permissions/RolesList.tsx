import { DeleteOutlined } from "@ant-design/icons";
import type { Issue, Label, Role } from "@plinth/runtime";
import { Alert, Button, Input, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner, useDesignerContext } from "../../editor/context.js";
import { setLabel } from "../../store/commands.js";
import { AddRoleForm } from "./AddRoleForm.js";
import { roleIndexOf } from "./grants.js";
import { roleName } from "./names.js";
import { removeRole, setInherits } from "./permCommands.js";

function labelIn(label: Label | undefined, locale: "en" | "zh-CN"): string {
  if (label === undefined) return "";
  if (typeof label === "string") return locale === "en" ? label : "";
  return label[locale] ?? "";
}

interface Refused {
  readonly role: string;
  readonly issues: readonly Issue[];
}

function RefusedRemoval({ refused, onClose }: { refused: Refused; onClose: () => void }) {
  const { t } = useTranslation();
  const { locale, locate } = useDesignerContext();
  return (
    <Alert
      type="error"
      showIcon
      closable
      role="alert"
      onClose={onClose}
      style={{ marginBottom: 12 }}
      title={t("perm_roleInUse", { role: refused.role, count: refused.issues.length })}
      description={
        <ul className="perm-uses">
          {refused.issues.map((issue) => (
            <li key={issue.path}>
              {issue.message[locale]}{" "}
              {issue.path && (
                <Button size="small" type="link" onClick={() => locate(issue.path)}>
                  {t("locate")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      }
    />
  );
}

interface RoleRowProps {
  readonly role: Role;
  readonly index: number;
  readonly selected: boolean;
  readonly onRefused: (refused: Refused) => void;
}

function RoleRow({ role, index, selected, onRefused }: RoleRowProps) {
  const { t } = useTranslation();
  const { locale } = useDesignerContext();
  const doc = useDesigner((s) => s.doc);
  const apply = useApply();
  const name = roleName(doc, role.id, locale);
  const others = (doc.roles ?? []).filter((r) => r.id !== role.id);
  return (
    <tr className={selected ? "perm-selected" : undefined} aria-current={selected ? "true" : undefined}>
      <th scope="row">
        <Typography.Text code>{role.id}</Typography.Text>
      </th>
      {(["en", "zh-CN"] as const).map((lang) => (
        <td key={lang}>
          <Input
            size="small"
            aria-label={t("perm_labelOf", { role: role.id, name: t(lang === "en" ? "perm_labelEn" : "perm_labelZh") })}
            value={labelIn(role.label, lang)}
            onChange={(e) => apply(setLabel(`/roles/${index}/label`, lang, e.target.value))}
          />
        </td>
      ))}
      <td>
        <Select
          mode="multiple"
          size="small"
          style={{ minWidth: 160 }}
          aria-label={t("perm_inheritsOf", { role: name })}
          value={[...(role.inherits ?? [])]}
          options={others.map((r) => ({ value: r.id, label: roleName(doc, r.id, locale) }))}
          onChange={(ids: string[]) => apply(setInherits(index, role.id, ids))}
        />
      </td>
      <td>
        <RemoveRoleButton role={role} onRefused={onRefused} />
      </td>
    </tr>
  );
}

function RemoveRoleButton({ role, onRefused }: { role: Role; onRefused: (refused: Refused) => void }) {
  const { t } = useTranslation();
  const { runtime, store, locale } = useDesignerContext();
  const apply = useApply();
  const doc = useDesigner((s) => s.doc);
  const name = roleName(doc, role.id, locale);
  const remove = () => {
    const made = removeRole(runtime, store.getState().doc, role.id);
    if (made.ok) apply(made);
    else onRefused({ role: name, issues: made.issues });
  };
  return (
    <Button
      size="small"
      danger
      icon={<DeleteOutlined />}
      aria-label={t("perm_removeRole", { role: name })}
      onClick={remove}
    />
  );
}

/** The app's roles: names in both languages, what each inherits, add and remove (refused while used). */
export function RolesList() {
  const { t } = useTranslation();
  const roles = useDesigner((s) => s.doc.roles ?? []);
  const selection = useDesigner((s) => s.selection);
  const selected = roleIndexOf(selection);
  const [refused, setRefused] = useState<Refused>();
  return (
    <section aria-labelledby="perm-roles-title" className="perm-roles">
      <Typography.Title level={4} id="perm-roles-title">
        {t("perm_roles")}
      </Typography.Title>
      {refused && <RefusedRemoval refused={refused} onClose={() => setRefused(undefined)} />}
      {roles.length === 0 ? (
        <Typography.Paragraph type="secondary">{t("perm_noRoles")}</Typography.Paragraph>
      ) : (
        <table className="perm-table">
          <thead>
            <tr>
              <th scope="col">{t("perm_roleId")}</th>
              <th scope="col">{t("perm_labelEn")}</th>
              <th scope="col">{t("perm_labelZh")}</th>
              <th scope="col">{t("perm_inherits")}</th>
              <th scope="col">
                <span className="perm-sr-only">{t("perm_remove")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {roles.map((role, i) => (
              <RoleRow key={role.id} role={role} index={i} selected={selected === i} onRefused={setRefused} />
            ))}
          </tbody>
        </table>
      )}
      <AddRoleForm />
    </section>
  );
}
