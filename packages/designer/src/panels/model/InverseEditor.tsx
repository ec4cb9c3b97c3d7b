import type { Field } from "@plinth/runtime";
import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { useApply } from "../../editor/context.js";
import { LabelInputs } from "./LabelInputs.js";
import { setProperty } from "./modelCommands.js";
import { domId } from "./modelPointer.js";
import { useHit } from "./useHit.js";

/** A relation's one-to-many side as the target entity sees it: its id and label. */
export function InverseEditor({ pointer, field, name }: { pointer: string; field: Field; name: string }) {
  const { t } = useTranslation();
  const apply = useApply();
  const at = `${pointer}/inverse`;
  const hit = useHit(at);
  const inverse = field.kind === "relation" ? field.inverse : undefined;
  const id = domId(`${at}/id`);
  return (
    <div data-pointer={at} className={hit}>
      <Form.Item label={t("model_inverseId", { name })} htmlFor={id}>
        <Input
          id={id}
          value={inverse?.id ?? ""}
          onChange={(event) => {
            const next = event.target.value;
            apply(setProperty(pointer, "inverse", field.id, next === "" ? undefined : { ...inverse, id: next }));
          }}
        />
      </Form.Item>
      {inverse && <LabelInputs pointer={`${at}/label`} name={t("model_inverseLabel", { name })} />}
    </div>
  );
}
