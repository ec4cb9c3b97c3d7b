import type { Entity, Issue, Rule } from "@plinth/runtime";
import { Button, Card, Form, Input, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApply, useDesignerContext } from "../../editor/context.js";
import { coreIssuesUnder } from "./coreIssuesUnder.js";
import { FormulaInput } from "./FormulaInput.js";
import { IssuesAlert } from "./IssuesAlert.js";
import { LabelInputs } from "./LabelInputs.js";
import { addRule, removeRule, setProperty } from "./modelCommands.js";
import { domId } from "./modelPointer.js";
import { newIdProblem } from "./newId.js";
import { useHit } from "./useHit.js";

interface Props {
  readonly pointer: string;
  readonly entity: Entity;
}

/** The entity's validation rules: the record is invalid when `invalidWhen` is true, and the message says why. */
export function RulesEditor({ pointer, entity }: Props) {
  const { t } = useTranslation();
  const rules = entity.rules ?? [];
  return (
    <section aria-label={t("model_rules")} data-pointer={`${pointer}/rules`}>
      {rules.length === 0 && <Typography.Paragraph type="secondary">{t("model_noRules")}</Typography.Paragraph>}
      {rules.map((rule, index) => (
        <RuleCard
          // biome-ignore lint/suspicious/noArrayIndexKey: a card is a position in the array (its pointer); its id is edited in place
          key={index}
          pointer={`${pointer}/rules/${index}`}
          index={index}
          rule={rule}
          entity={entity}
        />
      ))}
      <AddRuleForm pointer={pointer} entity={entity} />
    </section>
  );
}

const severities = ["error", "warning"] as const;
const moments = ["create", "update"] as const;

function RuleCard({
  pointer,
  index,
  rule,
  entity,
}: {
  readonly pointer: string;
  readonly index: number;
  readonly rule: Rule;
  readonly entity: Entity;
}) {
  const { t } = useTranslation();
  const apply = useApply();
  const hit = useHit(pointer);
  const entityPointer = pointer.slice(0, pointer.lastIndexOf("/rules/"));
  const set = (key: string, value: unknown) => apply(setProperty(pointer, key, rule.id, value));
  return (
    <Card
      size="small"
      className={hit}
      data-pointer={pointer}
      style={{ marginBottom: 8 }}
      title={t("model_ruleTitle", { id: rule.id })}
      extra={
        <Button danger size="small" onClick={() => apply(removeRule(entityPointer, index, rule.id))}>
          {t("model_removeWhat", { what: t("model_rule"), id: rule.id })}
        </Button>
      }
    >
      <Form.Item label={t("model_id")} htmlFor={domId(`${pointer}/id`)}>
        <Input id={domId(`${pointer}/id`)} value={rule.id} onChange={(e) => set("id", e.target.value)} />
      </Form.Item>
      <div data-pointer={`${pointer}/invalidWhen`}>
        <Form.Item label={t("model_invalidWhen")} htmlFor={domId(`${pointer}/invalidWhen`)}>
          <FormulaInput
            id={domId(`${pointer}/invalidWhen`)}
            pointer={`${pointer}/invalidWhen`}
            value={rule.invalidWhen}
            onChange={(text) => set("invalidWhen", text)}
          />
        </Form.Item>
      </div>
      <LabelInputs pointer={`${pointer}/message`} name={t("model_message")} />
      <Form.Item label={t("model_ruleSeverity")} htmlFor={domId(`${pointer}/severity`)}>
        <Select
          id={domId(`${pointer}/severity`)}
          allowClear
          style={{ minWidth: 200 }}
          value={rule.severity}
          options={severities.map((v) => ({ value: v, label: t(`model_enum_${v}`) }))}
          onChange={(next?: string) => set("severity", next)}
        />
      </Form.Item>
      <Form.Item label={t("model_ruleOn")} htmlFor={domId(`${pointer}/on`)}>
        <Select
          id={domId(`${pointer}/on`)}
          mode="multiple"
          allowClear
          style={{ minWidth: 200 }}
          value={rule.on ?? []}
          options={moments.map((v) => ({ value: v, label: t(`model_enum_${v}`) }))}
          onChange={(next: string[]) => set("on", next)}
        />
      </Form.Item>
      <Form.Item label={t("model_ruleField")} htmlFor={domId(`${pointer}/field`)}>
        <Select
          id={domId(`${pointer}/field`)}
          allowClear
          style={{ minWidth: 200 }}
          value={rule.field}
          options={entity.fields.map((f) => ({ value: f.id, label: f.id }))}
          onChange={(next?: string) => set("field", next)}
        />
      </Form.Item>
    </Card>
  );
}

function AddRuleForm({ pointer, entity }: Props) {
  const { t } = useTranslation();
  const { store, runtime } = useDesignerContext();
  const [id, setId] = useState("");
  const [invalidWhen, setInvalidWhen] = useState<string>();
  const [en, setEn] = useState("");
  const [zh, setZh] = useState("");
  const [problem, setProblem] = useState<string>();
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const form = (name: string) => domId(`${pointer}/newRule/${name}`);
  const submit = () => {
    const rules = entity.rules ?? [];
    const why =
      newIdProblem(
        id,
        rules.map((r) => r.id),
      ) ??
      (invalidWhen === undefined ? "model_formulaEmpty" : en === "" && zh === "" ? "model_messageEmpty" : undefined);
    setProblem(why);
    if (why || invalidWhen === undefined) return;
    const message = { ...(en ? { en } : {}), ...(zh ? { "zh-CN": zh } : {}) };
    const { doc, apply, select } = store.getState();
    const command = addRule(pointer, { id, invalidWhen, message });
    const found = coreIssuesUnder(runtime, doc, command, `${pointer}/rules/${rules.length}`);
    setIssues(found);
    if (found.length > 0 || !apply(command)) return;
    select(`${pointer}/rules/${rules.length}`);
    setId("");
    setInvalidWhen(undefined);
    setEn("");
    setZh("");
  };
  return (
    <Card size="small" title={t("model_addRule")}>
      <Form.Item
        label={t("model_newRuleId")}
        htmlFor={form("id")}
        validateStatus={problem ? "error" : undefined}
        help={problem ? t(problem) : undefined}
      >
        <Input id={form("id")} value={id} onChange={(e) => setId(e.target.value.trim())} />
      </Form.Item>
      <Form.Item label={t("model_invalidWhen")} htmlFor={form("invalidWhen")}>
        <FormulaInput id={form("invalidWhen")} value={invalidWhen} onChange={setInvalidWhen} />
      </Form.Item>
      <Form.Item
        label={t("model_inLanguage", { name: t("model_message"), language: t("model_lang_en") })}
        htmlFor={form("en")}
      >
        <Input id={form("en")} lang="en" value={en} onChange={(e) => setEn(e.target.value)} />
      </Form.Item>
      <Form.Item
        label={t("model_inLanguage", { name: t("model_message"), language: t("model_lang_zh-CN") })}
        htmlFor={form("zh")}
      >
        <Input id={form("zh")} lang="zh-CN" value={zh} onChange={(e) => setZh(e.target.value)} />
      </Form.Item>
      <Button onClick={submit}>{t("model_addRule")}</Button>
      <IssuesAlert title={t("model_notAdded")} issues={issues} />
    </Card>
  );
}
