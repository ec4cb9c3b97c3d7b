import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { type App, type Issue, labelText, type Permission, systemFieldIds } from "@plinth/runtime";
import { Button, Card, Input, Select, Space, Tag, Typography } from "antd";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner, useDesignerContext, useValidation } from "../../editor/context.js";
import { ANY, directGrants, grantIndexOf, inheritedGrants } from "./grants.js";
import type { Cell } from "./Matrix.js";
import { entityName, roleName } from "./names.js";
import { addGrant, removeGrant, setFieldMask, setRowScope } from "./permCommands.js";
import { actionWord } from "./words.js";

function IssueLines({ issues, id }: { issues: readonly Issue[]; id?: string }) {
  const { locale } = useDesignerContext();
  if (issues.length === 0) return null;
  return (
    <div id={id} role="alert" className="perm-issues">
      {issues.map((issue) => (
        <Typography.Text key={`${issue.code}${issue.path}`} type={issue.severity === "error" ? "danger" : "warning"}>
          {issue.message[locale]}
        </Typography.Text>
      ))}
    </div>
  );
}

/** Choices for a field mask: the entity's own fields (any entity's for a grant on all of them). */
function fieldOptions(doc: App, entity: string, locale: "en" | "zh-CN") {
  const entities = (doc.entities ?? []).filter((e) => entity === ANY || e.id === entity);
  const seen = new Set<string>();
  const options: { value: string; label: string }[] = [];
  for (const e of entities)
    for (const f of e.fields) {
      if (seen.has(f.id) || systemFieldIds.has(f.id)) continue;
      seen.add(f.id);
      const name = labelText(f.label, locale, f.id);
      options.push({ value: f.id, label: entity === ANY || name === f.id ? name : `${name} (${f.id})` });
    }
  return options;
}

interface GrantCardProps {
  readonly index: number;
  readonly n: number;
  readonly grant: Permission;
  readonly selected: string | undefined;
}

function GrantCard({ index, n, grant, selected }: GrantCardProps) {
  const { t } = useTranslation();
  const { locale, store } = useDesignerContext();
  const doc = useDesigner((s) => s.doc);
  const apply = useApply();
  const { issues } = useValidation();
  const scopeId = useId();
  const scopeRef = useRef<HTMLInputElement>(null);
  const base = `/permissions/${index}`;
  const scopePath = `${base}/rowScope`;
  const under = (path: string) => issues.filter((i) => i.path === path || i.path.startsWith(`${path}/`));
  const scopeIssues = under(scopePath);
  const otherIssues = under(base).filter((i) => !scopeIssues.includes(i));
  const active = grantIndexOf(selected) === index;
  const options = fieldOptions(doc, grant.entity, locale);
  const select = () => store.getState().select(base);

  useEffect(() => {
    if (selected === scopePath) {
      scopeRef.current?.scrollIntoView?.({ block: "nearest" });
      scopeRef.current?.focus();
    }
  }, [selected, scopePath]);

  return (
    <Card
      size="small"
      className={active ? "perm-grant perm-grant-active" : "perm-grant"}
      aria-current={active ? "true" : undefined}
      title={t("perm_grant", { n })}
      extra={
        <Button
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={t("perm_removeGrant", { n })}
          onClick={() => apply(removeGrant(index, grant))}
        />
      }
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        <div>
          <Typography.Text type="secondary">{t("perm_actions")}: </Typography.Text>
          {grant.actions.map((a) => (
            <Tag key={a}>{actionWord(a, locale)}</Tag>
          ))}
        </div>
        <label htmlFor={scopeId}>{t("perm_rowScope")}</label>
        <Input
          id={scopeId}
          ref={(el) => {
            scopeRef.current = el?.input ?? null;
          }}
          className="perm-formula"
          value={grant.rowScope ?? ""}
          placeholder="owner = $user.id"
          status={scopeIssues.some((i) => i.severity === "error") ? "error" : undefined}
          aria-invalid={scopeIssues.some((i) => i.severity === "error") || undefined}
          aria-describedby={`${scopeId}-hint`}
          onFocus={select}
          onChange={(e) => apply(setRowScope(index, grant, e.target.value))}
        />
        <Typography.Text type="secondary" id={`${scopeId}-hint`}>
          {t("perm_rowScopeHint")}
        </Typography.Text>
        <IssueLines issues={scopeIssues} />
        {(["hiddenFields", "readOnlyFields"] as const).map((which) => (
          <div key={which}>
            <Typography.Text>
              {t(which === "hiddenFields" ? "perm_hiddenFields" : "perm_readOnlyFields")}
            </Typography.Text>
            <Select
              mode={grant.entity === ANY ? "tags" : "multiple"}
              style={{ width: "100%" }}
              aria-label={`${t(which === "hiddenFields" ? "perm_hiddenFields" : "perm_readOnlyFields")} · ${t("perm_grant", { n })}`}
              value={[...(grant[which] ?? [])]}
              options={options}
              optionFilterProp="label"
              onFocus={select}
              onChange={(ids: string[]) => apply(setFieldMask(index, grant, which, ids))}
            />
          </div>
        ))}
        <IssueLines issues={otherIssues} />
      </Space>
    </Card>
  );
}

/** The grants written for one role on one entity: row scope formulas and field masks. */
export function GrantEditor({ cell }: { cell: Cell | undefined }) {
  const { t } = useTranslation();
  const { locale } = useDesignerContext();
  const doc = useDesigner((s) => s.doc);
  const selected = useDesigner((s) => s.selection);
  const apply = useApply();
  if (!cell) return <Typography.Paragraph type="secondary">{t("perm_pickCell")}</Typography.Paragraph>;
  const names = { role: roleName(doc, cell.role, locale), entity: entityName(doc, cell.entity, locale) };
  const direct = directGrants(doc, cell.role, cell.entity);
  const inherited = inheritedGrants(doc, cell.role, cell.entity).flatMap((g) => g.grant.actions);
  const inheritedWords = [...new Set(inherited)].map((a) => actionWord(a, locale)).join(", ");
  return (
    <section aria-labelledby="perm-grants-title" className="perm-grants">
      <Typography.Title level={5} id="perm-grants-title">
        {t("perm_grantsOf", names)}
      </Typography.Title>
      {inherited.length > 0 && (
        <Typography.Paragraph type="secondary">
          {t("perm_inheritedHere", { actions: inheritedWords })}
        </Typography.Paragraph>
      )}
      {direct.length === 0 ? (
        <Typography.Paragraph type="secondary">{t("perm_noGrant", names)}</Typography.Paragraph>
      ) : (
        <Space orientation="vertical" style={{ width: "100%" }}>
          {direct.map((index, n) => (
            <GrantCard
              key={index}
              index={index}
              n={n + 1}
              grant={doc.permissions?.[index] as Permission}
              selected={selected}
            />
          ))}
          <Button icon={<PlusOutlined />} onClick={() => apply(addGrant(cell.role, cell.entity))}>
            {t("perm_addGrant")}
          </Button>
        </Space>
      )}
    </section>
  );
}
