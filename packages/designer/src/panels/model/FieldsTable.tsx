import { type Entity, type Field, labelText } from "@plinth/runtime";
import { Button, Table } from "antd";
import { useTranslation } from "react-i18next";
import { useDesignerContext } from "../../editor/context.js";
import { OverlayBadge } from "../../editor/OverlayBadge.js";
import { fieldPointer } from "./modelPointer.js";

interface Row {
  readonly field: Field;
  readonly index: number;
}

interface Props {
  readonly entityIndex: number;
  readonly entity: Entity;
  readonly selected: number | undefined;
}

/** The entity's fields: id (a button that opens the field), label, kind, required. */
export function FieldsTable({ entityIndex, entity, selected }: Props) {
  const { t } = useTranslation();
  const { store, locale } = useDesignerContext();
  const rows = entity.fields.map((field, index) => ({ field, index }));
  return (
    <Table<Row>
      size="small"
      pagination={false}
      rowKey={(row) => `${row.index}`}
      dataSource={rows}
      aria-label={t("model_fieldsOf", { entity: entity.id })}
      onRow={(row) => ({
        "data-pointer": fieldPointer(entityIndex, row.index),
        className: row.index === selected ? "model-hit" : undefined,
      })}
      columns={[
        {
          key: "id",
          title: t("model_id"),
          render: (_: unknown, row: Row) => (
            <Button
              type={row.index === selected ? "primary" : "link"}
              size="small"
              aria-pressed={row.index === selected}
              aria-label={t("model_openField", { id: row.field.id })}
              onClick={() => store.getState().select(fieldPointer(entityIndex, row.index))}
            >
              {row.field.id}
            </Button>
          ),
        },
        {
          key: "label",
          title: t("model_label"),
          render: (_: unknown, row: Row) => (
            <>
              {labelText(row.field.label, locale, "")} <OverlayBadge path={fieldPointer(entityIndex, row.index)} />
            </>
          ),
        },
        {
          key: "kind",
          title: t("model_kind"),
          render: (_: unknown, row: Row) => t(`model_kind_${row.field.kind}`),
        },
        {
          key: "required",
          title: t("model_prop_required"),
          render: (_: unknown, row: Row) => (row.field.required ? t("model_yes") : ""),
        },
      ]}
    />
  );
}
