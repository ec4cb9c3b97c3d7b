import { EditOutlined } from "@ant-design/icons";
import type { App } from "@plinth/runtime";
import { Button, Checkbox, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner, useDesignerContext } from "../../editor/context.js";
import { directGrants, inheritedGrants } from "./grants.js";
import { entityName, roleName } from "./names.js";
import { toggleAction } from "./permCommands.js";
import { actionWord } from "./words.js";

/** Where each action this role gets on this entity from other grants comes from (role or entity names). */
function inheritedActions(doc: App, role: string, entity: string, locale: "en" | "zh-CN"): Map<string, string[]> {
  const from = new Map<string, string[]>();
  for (const { grant } of inheritedGrants(doc, role, entity)) {
    const source = grant.role !== role ? roleName(doc, grant.role, locale) : entityName(doc, grant.entity, locale);
    for (const action of grant.actions) from.set(action, [...(from.get(action) ?? []), source]);
  }
  return from;
}

export interface MatrixCellProps {
  readonly role: string;
  readonly entity: string;
  readonly actions: readonly string[];
  readonly active: boolean;
  readonly onPick: (role: string, entity: string) => void;
}

/**
 * One role on one entity: a checkbox per action. The actions of the grants written for this
 * pair toggle; those coming from inherited roles, from "everyone" or from "all entities" show
 * ticked and disabled, saying where they come from.
 */
export function MatrixCell({ role, entity, actions, active, onPick }: MatrixCellProps) {
  const { t } = useTranslation();
  const { locale } = useDesignerContext();
  const doc = useDesigner((s) => s.doc);
  const apply = useApply();
  const direct = directGrants(doc, role, entity)
    .map((i) => doc.permissions?.[i])
    .filter((g) => g !== undefined);
  const granted = new Set(direct.flatMap((g) => g.actions));
  const inherited = inheritedActions(doc, role, entity, locale);
  const names = { role: roleName(doc, role, locale), entity: entityName(doc, entity, locale) };
  const scoped = direct.some((g) => g.rowScope !== undefined);
  const masked = direct.some((g) => (g.hiddenFields?.length ?? 0) + (g.readOnlyFields?.length ?? 0) > 0);
  return (
    <td
      className={active ? "perm-cell perm-cell-active" : "perm-cell"}
      aria-current={active ? "true" : undefined}
      data-cell={`${role}:${entity}`}
    >
      <fieldset className="perm-actions" aria-label={t("perm_cellOf", names)}>
        {actions.map((action) => {
          const word = actionWord(action, locale);
          const label = t("perm_actionOf", { ...names, action: word });
          const from = inherited.get(action);
          if (!granted.has(action) && from) {
            const why = t("perm_inheritedFrom", { action: word, from: from.join(", ") });
            return (
              <Checkbox
                key={action}
                checked
                disabled
                aria-label={`${label} (${why})`}
                title={why}
                className="perm-inherited"
              >
                {word}
              </Checkbox>
            );
          }
          return (
            <Checkbox
              key={action}
              checked={granted.has(action)}
              aria-label={label}
              onChange={(e) => apply(toggleAction(role, entity, action, e.target.checked))}
            >
              {word}
            </Checkbox>
          );
        })}
      </fieldset>
      <Button
        size="small"
        type={active ? "primary" : "link"}
        icon={<EditOutlined />}
        aria-label={t("perm_editCell", names)}
        aria-pressed={active}
        onClick={() => onPick(role, entity)}
      />
      {scoped && <Tag color="blue">{t("perm_scoped")}</Tag>}
      {masked && <Tag color="purple">{t("perm_masked")}</Tag>}
    </td>
  );
}
