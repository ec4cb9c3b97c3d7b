import {
  type Entity,
  type Field,
  type FieldKindName,
  fieldKindNames,
  type Issue,
  systemFieldIds,
} from "@plinth/runtime";
import { Button, Form, Input, Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useDesigner, useDesignerContext } from "../../editor/context.js";
import { addField } from "../../store/commands.js";
import { coreIssuesUnder } from "./coreIssuesUnder.js";
import { IssuesAlert } from "./IssuesAlert.js";
import { requiredProperties, widgetFor } from "./kindSchema.js";
import { domId, fieldPointer } from "./modelPointer.js";
import { newIdProblem } from "./newId.js";
import { PropertyInput } from "./PropertyInput.js";
import { choicesFor } from "./propertyChoices.js";

interface Props {
  readonly entityIndex: number;
  readonly entity: Entity;
}

const form = (name: string) => domId(`/newField/${name}`);

/** Add a field: its kind (every standard kind), id, label in both languages, and what the kind requires. */
export function AddFieldForm({ entityIndex, entity }: Props) {
  const { t } = useTranslation();
  const { store, runtime, locale } = useDesignerContext();
  const [kind, setKind] = useState<FieldKindName>("text");
  const [id, setId] = useState("");
  const [en, setEn] = useState("");
  const [zh, setZh] = useState("");
  const [extra, setExtra] = useState<Record<string, unknown>>({});
  const [optionText, setOptionText] = useState("");
  const [problem, setProblem] = useState<string>();
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  // Once added, the keyboard goes on to the new field's inspector.
  const [focusOn, setFocusOn] = useState<string>();
  useEffect(() => {
    if (focusOn === undefined) return;
    document.getElementById(domId(focusOn))?.focus();
    setFocusOn(undefined);
  }, [focusOn]);
  const required = requiredProperties(kind);
  const draft = (): Field => {
    const label = en || zh ? { ...(en ? { en } : {}), ...(zh ? { "zh-CN": zh } : {}) } : undefined;
    const options = required.some(([key]) => key === "options")
      ? {
          options: optionText
            .split(/[,，\s]+/)
            .filter((v) => v !== "")
            .map((value) => ({ value })),
        }
      : {};
    return { id, kind, ...(label ? { label } : {}), ...extra, ...options } as Field;
  };
  const submit = () => {
    const why = newIdProblem(id, [...entity.fields.map((f) => f.id), ...systemFieldIds]);
    setProblem(why);
    if (why) return;
    const { doc, apply, select } = store.getState();
    const command = addField(doc, entity.id, draft());
    const found = coreIssuesUnder(runtime, doc, command, fieldPointer(entityIndex, entity.fields.length));
    setIssues(found);
    if (found.length > 0 || !apply(command)) return;
    select(fieldPointer(entityIndex, entity.fields.length));
    setFocusOn(`${fieldPointer(entityIndex, entity.fields.length)}/label/en`);
    setId("");
    setEn("");
    setZh("");
    setExtra({});
    setOptionText("");
  };
  const current = useDesigner((s) => s.doc);
  return (
    <section aria-label={t("model_addField")}>
      <Form layout="inline" component="div" style={{ rowGap: 8 }}>
        <Form.Item label={t("model_kind")} htmlFor={form("kind")}>
          <Select
            id={form("kind")}
            style={{ minWidth: 160 }}
            value={kind}
            onChange={(next: FieldKindName) => {
              setKind(next);
              setExtra({});
            }}
            options={fieldKindNames.map((k) => ({ value: k, label: t(`model_kind_${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          label={t("model_newFieldId")}
          htmlFor={form("id")}
          validateStatus={problem ? "error" : undefined}
          help={problem ? t(problem) : undefined}
        >
          <Input id={form("id")} value={id} onChange={(e) => setId(e.target.value.trim())} onPressEnter={submit} />
        </Form.Item>
        <Form.Item
          label={t("model_inLanguage", { name: t("model_label"), language: t("model_lang_en") })}
          htmlFor={form("en")}
        >
          <Input id={form("en")} lang="en" value={en} onChange={(e) => setEn(e.target.value)} />
        </Form.Item>
        <Form.Item
          label={t("model_inLanguage", { name: t("model_label"), language: t("model_lang_zh-CN") })}
          htmlFor={form("zh")}
        >
          <Input id={form("zh")} lang="zh-CN" value={zh} onChange={(e) => setZh(e.target.value)} />
        </Form.Item>
        {required.map(([key, schema]) =>
          key === "options" ? (
            <Form.Item key={key} label={t("model_optionValues")} htmlFor={form(key)}>
              <Input id={form(key)} value={optionText} onChange={(e) => setOptionText(e.target.value)} />
            </Form.Item>
          ) : (
            <Form.Item key={key} label={t(`model_prop_${key}`, { defaultValue: key })} htmlFor={form(key)}>
              <PropertyInput
                id={form(key)}
                property={key}
                name={t(`model_prop_${key}`, { defaultValue: key })}
                widget={widgetFor(key, schema)}
                schema={schema}
                value={extra[key]}
                choices={choicesFor(current, locale, entity.id, { kind, ...extra } as Field, key)}
                onChange={(value) => setExtra((old) => ({ ...old, [key]: value }))}
              />
            </Form.Item>
          ),
        )}
        <Form.Item>
          <Button type="primary" onClick={submit}>
            {t("model_addField")}
          </Button>
        </Form.Item>
      </Form>
      <IssuesAlert title={t("model_notAdded")} issues={issues} />
    </section>
  );
}
