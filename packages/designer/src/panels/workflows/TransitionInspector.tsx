import { DeleteOutlined } from "@ant-design/icons";
import type { StateMachine } from "@plinth/runtime";
import { Button, Card, Form, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner } from "../../editor/context.js";
import { OverlayBadge } from "../../editor/OverlayBadge.js";
import { setValue } from "../../store/commands.js";
import { removeTransition } from "./commands.js";
import { FormulaInput, IssueHelp, LabelInputs, TextSetting, useIssuesAt, useLocale } from "./fields.js";
import { entityFields, fieldOptions, roleOptions, stateText } from "./model.js";

interface Props {
  readonly w: number;
  readonly i: number;
  readonly wf: StateMachine;
}

/** One transition: id, label, from, to, who may run it, its guard and the fields it requires. */
export function TransitionInspector({ w, i, wf }: Props) {
  const { t } = useTranslation();
  const apply = useApply();
  const select = useDesigner((x) => x.select);
  const doc = useDesigner((x) => x.doc);
  const locale = useLocale();
  const tr = wf.transitions[i];
  const path = `/workflows/${w}/transitions/${i}`;
  const fromIssues = useIssuesAt(`${path}/from`);
  const toIssues = useIssuesAt(`${path}/to`);
  if (!tr) return null;
  const states = wf.states.map((s) => ({ value: s.id, label: stateText(doc, wf.entity, wf.field, s.id, locale) }));
  const set = (key: string, value: unknown, en: string, zh: string) =>
    apply(setValue(`${path}/${key}`, value, { en: `${en} of ${tr.id}`, "zh-CN": `${tr.id} 的${zh}` }));
  const list = (values: string[]) => (values.length > 0 ? values : undefined);
  return (
    <Card
      size="small"
      role="region"
      aria-label={t("wf_transitionInspector")}
      title={
        <>
          {t("wf_transitionTitle", { id: tr.id })} <OverlayBadge path={path} />
        </>
      }
      extra={
        <Button
          danger
          type="text"
          icon={<DeleteOutlined />}
          aria-label={t("wf_removeTransition", { id: tr.id })}
          onClick={() => {
            if (apply(removeTransition(w, i, tr.id))) select(`/workflows/${w}`);
          }}
        />
      }
    >
      <Form layout="vertical">
        <TextSetting path={`${path}/id`} value={tr.id} labelKey="wf_id" />
        <LabelInputs path={`${path}/label`} label={tr.label} />
        <Form.Item
          label={t("wf_from")}
          validateStatus={fromIssues.length ? "error" : undefined}
          help={fromIssues.length ? <IssueHelp issues={fromIssues} /> : undefined}
        >
          <Select
            mode="multiple"
            aria-label={t("wf_from")}
            value={tr.from === "*" ? ["*"] : tr.from}
            options={[{ value: "*", label: t("wf_anyState") }, ...states]}
            onChange={(values: string[]) => {
              // Choosing "any state" replaces the list; choosing a state after it drops "any".
              const next = values.at(-1) === "*" ? "*" : values.filter((v) => v !== "*");
              set("from", next, "From", "来源状态");
            }}
          />
        </Form.Item>
        <Form.Item
          label={t("wf_to")}
          validateStatus={toIssues.length ? "error" : undefined}
          help={toIssues.length ? <IssueHelp issues={toIssues} /> : undefined}
        >
          <Select
            aria-label={t("wf_to")}
            value={tr.to}
            options={states}
            onChange={(v) => set("to", v, "To", "目标状态")}
          />
        </Form.Item>
        <Form.Item label={t("wf_roles")}>
          <Select
            mode="multiple"
            aria-label={t("wf_roles")}
            placeholder={t("wf_everyone")}
            value={tr.roles ?? []}
            options={[{ value: "*", label: t("wf_allRoles") }, ...roleOptions(doc, locale)]}
            onChange={(v: string[]) => set("roles", list(v), "Roles", "角色")}
          />
        </Form.Item>
        <FormulaInput path={`${path}/guard`} value={tr.guard} labelKey="wf_guard" placeholder="amount > 0" />
        <LabelInputs path={`${path}/guardMessage`} label={tr.guardMessage} keyPrefix="wf_guardMessage" />
        <Form.Item label={t("wf_requiredFields")}>
          <Select
            mode="multiple"
            aria-label={t("wf_requiredFields")}
            value={tr.requiredFields ?? []}
            options={fieldOptions(entityFields(doc, wf.entity), locale)}
            onChange={(v: string[]) => set("requiredFields", list(v), "Required fields", "必填字段")}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}
