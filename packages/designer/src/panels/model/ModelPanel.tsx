import { Col, Row } from "antd";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { useDesigner } from "../../editor/context.js";
import { EntityEditor } from "./EntityEditor.js";
import { EntityList } from "./EntityList.js";
import { modelSpot } from "./modelPointer.js";
import { useScrollToSelection } from "./useScrollToSelection.js";

const styles =
  ".model-hit{outline:2px solid #1677ff;outline-offset:2px;border-radius:4px}" +
  ".model-card-title{margin:0;font-size:inherit;font-weight:inherit;display:inline}";

/**
 * The data model: entities on the left; the open entity (from the selection, so "Show" on an
 * issue opens the right entity and field) with its fields, the open field and its rules.
 */
export function ModelPanel() {
  const { t } = useTranslation();
  const root = useRef<HTMLElement>(null);
  const selection = useDesigner((s) => s.selection);
  const count = useDesigner((s) => s.doc.entities?.length ?? 0);
  const spot = modelSpot(selection);
  const entity = spot.entity !== undefined && spot.entity < count ? spot.entity : count > 0 ? 0 : undefined;
  useScrollToSelection(root, selection);
  return (
    <section ref={root} className="model-panel" aria-label={t("panel_model")}>
      <style>{styles}</style>
      <Row gutter={16} wrap={false}>
        <Col flex="240px">
          <EntityList selected={entity} />
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {entity !== undefined && (
            <EntityEditor index={entity} fieldIndex={entity === spot.entity ? spot.field : undefined} />
          )}
        </Col>
      </Row>
    </section>
  );
}
