import { Select, Space, Typography } from "antd";
import { useDeferredValue } from "react";
import { useTranslation } from "react-i18next";
import { useDesigner, useDesignerContext } from "../../editor/context.js";
import { FormPreview } from "../../preview/FormPreview.js";
import { entityName, roleName } from "./names.js";

/** The administrator's stand-in in the role choice (every permission). */
export const ADMIN = "*admin*";

export interface ViewAs {
  readonly role: string | undefined;
  readonly entity: string | undefined;
}

/** "View as role": the entity's form as someone with that role sees it, over sample data. */
export function ViewAsRole({ value, onChange }: { value: ViewAs; onChange: (next: ViewAs) => void }) {
  const { t } = useTranslation();
  const { locale } = useDesignerContext();
  const doc = useDesigner((s) => s.doc);
  // The preview follows the document a moment later, so typing a formula stays quick.
  const shown = useDeferredValue(doc);
  const roles = doc.roles ?? [];
  const entities = doc.entities ?? [];
  const role = value.role ?? roles[0]?.id ?? ADMIN;
  const entity = value.entity ?? entities[0]?.id;
  return (
    <section aria-labelledby="perm-viewas-title" className="perm-viewas">
      <Typography.Title level={4} id="perm-viewas-title">
        {t("perm_viewAs")}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t("perm_viewAsRole")}
          style={{ minWidth: 160 }}
          value={role}
          options={[
            ...roles.map((r) => ({ value: r.id, label: roleName(doc, r.id, locale) })),
            { value: ADMIN, label: t("perm_admin") },
          ]}
          onChange={(next: string) => onChange({ role: next, entity })}
        />
        <Select
          aria-label={t("perm_viewAsEntity")}
          style={{ minWidth: 160 }}
          value={entity}
          options={entities.map((e) => ({ value: e.id, label: entityName(doc, e.id, locale) }))}
          onChange={(next: string) => onChange({ role, entity: next })}
        />
      </Space>
      {entity === undefined ? (
        <Typography.Paragraph type="secondary">{t("perm_noEntities")}</Typography.Paragraph>
      ) : (
        <FormPreview app={shown} entity={entity} roles={role === ADMIN ? "admin" : [role]} locale={locale} />
      )}
    </section>
  );
}
