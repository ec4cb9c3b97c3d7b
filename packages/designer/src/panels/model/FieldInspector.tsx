import { type Entity, type Field, labelText } from "@plinth/runtime";
import { Card, Divider, Form, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useDesignerContext } from "../../editor/context.js";
import { OverlayBadge } from "../../editor/OverlayBadge.js";
import { FieldProperty } from "./FieldProperty.js";
import { commonProperties, isSwitch, kindProperties, type PropertySchema, widgetFor } from "./kindSchema.js";
import { LabelInputs } from "./LabelInputs.js";
import { entityPointer } from "./modelPointer.js";
import { RefactorControls } from "./RefactorControls.js";

interface Props {
  readonly entityIndex: number;
  readonly entity: Entity;
  readonly pointer: string;
  readonly field: Field;
}

/** Everything about the selected field: labels, rename and remove, common and kind-specific properties. */
export function FieldInspector({ entityIndex, entity, pointer, field }: Props) {
  const { t } = useTranslation();
  const { locale } = useDesignerContext();
  const property = (key: string, schema: PropertySchema) => (
    <FieldProperty key={key} pointer={pointer} entity={entity} field={field} property={key} schema={schema} />
  );
  /** Switches side by side first, then the properties that need a line of their own. */
  const group = (properties: readonly (readonly [string, PropertySchema])[]) => {
    const switches = properties.filter(([key, schema]) => isSwitch(widgetFor(key, schema)));
    return (
      <>
        {switches.length > 0 && (
          <div style={{ display: "flex", flexWrap: "wrap", columnGap: 24 }}>
            {switches.map(([key, schema]) => property(key, schema))}
          </div>
        )}
        {properties.filter((p) => !switches.includes(p)).map(([key, schema]) => property(key, schema))}
      </>
    );
  };
  return (
    <Card
      size="small"
      data-pointer={pointer}
      title={
        <h3 className="model-card-title">
          {t("model_fieldTitle", { label: labelText(field.label, locale, field.id), id: field.id })}{" "}
          <Typography.Text type="secondary">{t(`model_kind_${field.kind}`)}</Typography.Text>{" "}
          <OverlayBadge path={pointer} />
        </h3>
      }
    >
      <Form layout="vertical" component="div">
        <LabelInputs pointer={`${pointer}/label`} name={t("model_label")} />
        <RefactorControls
          key={pointer}
          target={{ kind: "field", entity: entity.id, id: field.id }}
          afterRemove={entityPointer(entityIndex)}
        />
        <Divider titlePlacement="start">{t("model_commonProperties")}</Divider>
        {group(commonProperties)}
        <Divider titlePlacement="start">{t("model_kindProperties", { kind: t(`model_kind_${field.kind}`) })}</Divider>
        {group(kindProperties(field.kind))}
      </Form>
    </Card>
  );
}
