import type { Entity, Field } from "@plinth/runtime";
import { Form } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner, useDesignerContext } from "../../editor/context.js";
import { InverseEditor } from "./InverseEditor.js";
import { isSwitch, type PropertySchema, widgetFor } from "./kindSchema.js";
import { LabelInputs } from "./LabelInputs.js";
import { setProperty } from "./modelCommands.js";
import { domId } from "./modelPointer.js";
import { OptionsEditor } from "./OptionsEditor.js";
import { PropertyInput } from "./PropertyInput.js";
import { choicesFor } from "./propertyChoices.js";
import { useHit } from "./useHit.js";

interface Props {
  readonly pointer: string;
  readonly entity: Entity;
  readonly field: Field;
  readonly property: string;
  readonly schema: PropertySchema;
}

const namesSomething = new Set(["target", "from", "via", "field", "roles", "default"]);

/** One property of the selected field, edited in place through the store. */
export function FieldProperty({ pointer, entity, field, property, schema }: Props) {
  const { t } = useTranslation();
  const apply = useApply();
  const { locale } = useDesignerContext();
  // Only properties that name something in the document (an entity, a field, a role) follow it.
  const doc = useDesigner((s) => (namesSomething.has(property) ? s.doc : undefined));
  const at = `${pointer}/${property}`;
  const hit = useHit(at);
  const name = t(`model_prop_${property}`, { defaultValue: property });
  const widget = widgetFor(property, schema);
  const value = (field as Record<string, unknown>)[property];
  if (widget === "label") return <LabelInputs pointer={at} name={name} />;
  if (widget === "options")
    return (
      <OptionsEditor pointer={pointer} options={(value ?? []) as Parameters<typeof OptionsEditor>[0]["options"]} />
    );
  if (widget === "object") return <InverseEditor pointer={pointer} field={field} name={name} />;
  const choices = doc && choicesFor(doc, locale, entity.id, field, property);
  const hint = widget === "const" ? ` (${String(schema.const)})` : "";
  return (
    <div data-pointer={at} className={hit}>
      <Form.Item label={`${name}${hint}`} htmlFor={domId(at)} layout={isSwitch(widget) ? "horizontal" : undefined}>
        <PropertyInput
          id={domId(at)}
          property={property}
          name={name}
          widget={widget}
          schema={schema}
          value={value}
          choices={choices}
          pointer={at}
          onChange={(next) => apply(setProperty(pointer, property, field.id, next))}
        />
      </Form.Item>
    </div>
  );
}
