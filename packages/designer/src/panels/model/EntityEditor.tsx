import { labelText } from "@plinth/runtime";
import { Card, Form, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner, useDesignerContext } from "../../editor/context.js";
import { OverlayBadge } from "../../editor/OverlayBadge.js";
import { AddFieldForm } from "./AddFieldForm.js";
import { FieldInspector } from "./FieldInspector.js";
import { FieldsTable } from "./FieldsTable.js";
import { IndexesEditor } from "./IndexesEditor.js";
import { LabelInputs } from "./LabelInputs.js";
import { setProperty } from "./modelCommands.js";
import { domId, entityPointer, fieldPointer } from "./modelPointer.js";
import { RefactorControls } from "./RefactorControls.js";
import { RulesEditor } from "./RulesEditor.js";
import { useHit } from "./useHit.js";

interface Props {
  readonly index: number;
  readonly fieldIndex: number | undefined;
}

/** The open entity: its labels, title field, rename and remove, fields, the open field, validation rules. */
export function EntityEditor({ index, fieldIndex }: Props) {
  const { t } = useTranslation();
  const { locale } = useDesignerContext();
  const apply = useApply();
  const entity = useDesigner((s) => s.doc.entities?.[index]);
  const pointer = entityPointer(index);
  const titleHit = useHit(`${pointer}/titleField`);
  if (!entity) return null;
  const field = fieldIndex === undefined ? undefined : entity.fields[fieldIndex];
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        size="small"
        data-pointer={pointer}
        title={
          <h2 className="model-card-title">
            {t("model_entityTitle", { label: labelText(entity.label, locale, entity.id), id: entity.id })}{" "}
            <OverlayBadge path={pointer} />
          </h2>
        }
      >
        <Form layout="vertical" component="div">
          <LabelInputs pointer={`${pointer}/label`} name={t("model_label")} />
          <LabelInputs pointer={`${pointer}/pluralLabel`} name={t("model_pluralLabel")} />
          <LabelInputs pointer={`${pointer}/description`} name={t("model_prop_description")} />
          <div data-pointer={`${pointer}/titleField`} className={titleHit}>
            <Form.Item label={t("model_titleField")} htmlFor={domId(`${pointer}/titleField`)}>
              <Select
                id={domId(`${pointer}/titleField`)}
                allowClear
                style={{ minWidth: 220 }}
                value={entity.titleField}
                options={entity.fields.map((f) => ({
                  value: f.id,
                  label: `${labelText(f.label, locale, f.id)} (${f.id})`,
                }))}
                onChange={(next?: string) => apply(setProperty(pointer, "titleField", entity.id, next))}
              />
            </Form.Item>
          </div>
          <RefactorControls key={pointer} target={{ kind: "entity", id: entity.id }} afterRemove={undefined} />
        </Form>
      </Card>
      <Card size="small" title={<h3 className="model-card-title">{t("model_fields")}</h3>}>
        <FieldsTable entityIndex={index} entity={entity} selected={fieldIndex} />
        <Typography.Title level={5} style={{ marginTop: 12 }}>
          {t("model_addField")}
        </Typography.Title>
        <AddFieldForm key={entity.id} entityIndex={index} entity={entity} />
      </Card>
      {field && fieldIndex !== undefined && (
        <FieldInspector entityIndex={index} entity={entity} pointer={fieldPointer(index, fieldIndex)} field={field} />
      )}
      <Card size="small" title={<h3 className="model-card-title">{t("model_indexes")}</h3>}>
        <Form layout="vertical" component="div">
          <IndexesEditor pointer={pointer} entity={entity} />
        </Form>
      </Card>
      <Card size="small" title={<h3 className="model-card-title">{t("model_rules")}</h3>}>
        <Form layout="vertical" component="div">
          <RulesEditor pointer={pointer} entity={entity} />
        </Form>
      </Card>
    </Space>
  );
}
