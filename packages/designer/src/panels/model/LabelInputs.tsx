import { type Label, type Locale, locales, valueAt } from "@plinth/runtime";
import { Col, Form, Input, Row } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner } from "../../editor/context.js";
import { setLabel } from "../../store/commands.js";
import { domId } from "./modelPointer.js";
import { useHit } from "./useHit.js";

/** The text of one language of a label as typed (a plain string label is English). */
export function labelIn(label: Label | undefined, locale: Locale): string {
  if (label === undefined) return "";
  if (typeof label === "string") return locale === "en" ? label : "";
  return label[locale] ?? "";
}

/** One input per language, side by side, for the label at `pointer` (entity, field, option, rule message...). */
export function LabelInputs({ pointer, name }: { readonly pointer: string; readonly name: string }) {
  const { t } = useTranslation();
  const apply = useApply();
  const label = useDesigner((s) => valueAt(s.doc, pointer)) as Label | undefined;
  const hit = useHit(pointer);
  return (
    <Row gutter={12} data-pointer={pointer} className={hit}>
      {locales.map((locale) => {
        const id = domId(`${pointer}/${locale}`);
        return (
          <Col key={locale} xs={24} md={12}>
            <Form.Item label={t("model_inLanguage", { name, language: t(`model_lang_${locale}`) })} htmlFor={id}>
              <Input
                id={id}
                lang={locale}
                value={labelIn(label, locale)}
                onChange={(event) => apply(setLabel(pointer, locale, event.target.value))}
              />
            </Form.Item>
          </Col>
        );
      })}
    </Row>
  );
}
