import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useDesigner, useDesignerContext } from "../../editor/context.js";
import { ANY, matrixActions } from "./grants.js";
import { MatrixCell } from "./MatrixCell.js";
import { entityName, roleName } from "./names.js";

export interface Cell {
  readonly role: string;
  readonly entity: string;
}

/** Rows are the roles (and everyone), columns the entities (and all of them), each cell its actions. */
export function Matrix({
  active,
  onPick,
}: {
  active?: Cell | undefined;
  onPick: (role: string, entity: string) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useDesignerContext();
  const doc = useDesigner((s) => s.doc);
  const roles = [...(doc.roles ?? []).map((r) => r.id), ANY];
  const entities = [...(doc.entities ?? []).map((e) => e.id), ANY];
  const actions = matrixActions(doc);
  return (
    <section aria-labelledby="perm-matrix-title" className="perm-matrix">
      <Typography.Title level={4} id="perm-matrix-title">
        {t("perm_matrix")}
      </Typography.Title>
      <div className="perm-scroll">
        <table className="perm-table">
          <thead>
            <tr>
              <th scope="col">{t("perm_role")}</th>
              {entities.map((e) => (
                <th scope="col" key={e}>
                  {entityName(doc, e, locale)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {roles.map((role) => (
              <tr key={role}>
                <th scope="row">{roleName(doc, role, locale)}</th>
                {entities.map((entity) => (
                  <MatrixCell
                    key={entity}
                    role={role}
                    entity={entity}
                    actions={actions}
                    active={active?.role === role && active.entity === entity}
                    onPick={onPick}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
