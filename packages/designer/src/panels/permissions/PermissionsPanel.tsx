import { Col, Row } from "antd";
import { useEffect, useState } from "react";
import { useDesigner, useDesignerContext } from "../../editor/context.js";
import { GrantEditor } from "./GrantEditor.js";
import { ANY, directGrants, grantIndexOf } from "./grants.js";
import { type Cell, Matrix } from "./Matrix.js";
import { RolesList } from "./RolesList.js";
import { type ViewAs, ViewAsRole } from "./ViewAsRole.js";
import "./permissions.css";

/**
 * Permissions: the roles, the role × entity × action matrix, the chosen cell's row scopes and
 * field masks, and the form as a chosen role sees it. Every edit is a command of the one store;
 * a located grant (an issue's "Show") selects its cell and highlights it.
 */
export function PermissionsPanel() {
  const { store } = useDesignerContext();
  const selection = useDesigner((s) => s.selection);
  const permissions = useDesigner((s) => s.doc.permissions);
  const [cell, setCell] = useState<Cell>();
  const [viewAs, setViewAs] = useState<ViewAs>({ role: undefined, entity: undefined });

  const pick = (role: string, entity: string) => {
    setCell({ role, entity });
    // The designer's selection follows: the pair's first grant (nothing when it has none yet).
    const [first] = directGrants(store.getState().doc, role, entity);
    store.getState().select(first === undefined ? undefined : `/permissions/${first}`);
    if (role !== ANY || entity !== ANY)
      setViewAs((v) => ({ role: role === ANY ? v.role : role, entity: entity === ANY ? v.entity : entity }));
  };

  // An issue's "Show" (or any selection inside a grant) opens that grant's cell.
  const located = grantIndexOf(selection);
  const grant = located === undefined ? undefined : permissions?.[located];
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new selection moves the cell, not an edit of the grant
  useEffect(() => {
    if (grant) setCell({ role: grant.role, entity: grant.entity });
  }, [selection]);

  return (
    <Row gutter={[24, 24]} className="perm-panel">
      <Col xs={24} xxl={15}>
        <RolesList />
        <Matrix active={cell} onPick={pick} />
        <GrantEditor cell={cell} />
      </Col>
      <Col xs={24} xxl={9}>
        <ViewAsRole value={viewAs} onChange={setViewAs} />
      </Col>
    </Row>
  );
}
