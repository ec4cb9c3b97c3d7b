import type { Entity, Issue } from "@plinth/runtime";
import { Button, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDesignerContext } from "../../editor/context.js";
import { addEntity } from "../../store/commands.js";
import { coreIssuesUnder } from "./coreIssuesUnder.js";
import { IssuesAlert } from "./IssuesAlert.js";
import { domId, entityPointer } from "./modelPointer.js";
import { newIdProblem } from "./newId.js";

const form = (name: string) => domId(`/newEntity/${name}`);

/**
 * Add an entity: id and label in both languages. An entity needs at least one field, so it starts
 * with a `name` text field as its title (rename or change it afterwards).
 */
export function AddEntityForm() {
  const { t, i18n } = useTranslation();
  const { store, runtime } = useDesignerContext();
  const [id, setId] = useState("");
  const [en, setEn] = useState("");
  const [zh, setZh] = useState("");
  const [problem, setProblem] = useState<string>();
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const submit = () => {
    const { doc, apply, select } = store.getState();
    const entities = doc.entities ?? [];
    const why = newIdProblem(
      id,
      entities.map((e) => e.id),
    );
    setProblem(why);
    if (why) return;
    const label = en || zh ? { ...(en ? { en } : {}), ...(zh ? { "zh-CN": zh } : {}) } : undefined;
    const entity: Entity = {
      id,
      ...(label ? { label } : {}),
      titleField: "name",
      fields: [
        {
          id: "name",
          kind: "text",
          label: { en: i18n.getFixedT("en")("model_nameField"), "zh-CN": i18n.getFixedT("zh-CN")("model_nameField") },
        },
      ],
    };
    const command = addEntity(entity);
    const found = coreIssuesUnder(runtime, doc, command, entityPointer(entities.length));
    setIssues(found);
    if (found.length > 0 || !apply(command)) return;
    select(entityPointer(entities.length));
    setId("");
    setEn("");
    setZh("");
  };
  return (
    <section aria-label={t("model_addEntity")}>
      <Form layout="vertical" component="div">
        <Form.Item
          label={t("model_newEntityId")}
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
        <Button onClick={submit}>{t("model_addEntity")}</Button>
      </Form>
      <IssuesAlert title={t("model_notAdded")} issues={issues} />
    </section>
  );
}
