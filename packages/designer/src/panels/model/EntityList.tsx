import { labelText } from "@plinth/runtime";
import { Button, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useDesigner, useDesignerContext } from "../../editor/context.js";
import { AddEntityForm } from "./AddEntityForm.js";
import { entityPointer } from "./modelPointer.js";

/** Every entity (label in the current language, id), the one open highlighted; add an entity below. */
export function EntityList({ selected }: { readonly selected: number | undefined }) {
  const { t } = useTranslation();
  const { store, locale } = useDesignerContext();
  const entities = useDesigner((s) => s.doc.entities) ?? [];
  return (
    <nav aria-label={t("model_entities")}>
      <Typography.Title level={5}>{t("model_entities")}</Typography.Title>
      <ul className="model-entities" style={{ listStyle: "none", padding: 0, margin: "0 0 16px" }}>
        {entities.map((entity, index) => (
          <li key={entity.id} data-pointer={entityPointer(index)}>
            <Button
              block
              type={index === selected ? "primary" : "text"}
              aria-current={index === selected ? "true" : undefined}
              style={{ justifyContent: "flex-start", height: "auto", textAlign: "left" }}
              onClick={() => store.getState().select(entityPointer(index))}
            >
              <span>
                {labelText(entity.label, locale, entity.id)}{" "}
                <Typography.Text code type={index === selected ? undefined : "secondary"}>
                  {entity.id}
                </Typography.Text>
              </span>
            </Button>
          </li>
        ))}
      </ul>
      <AddEntityForm />
    </nav>
  );
}
