import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { type Approval, labelText } from "@plinth/runtime";
import { Button, Card, Checkbox, Flex, Form, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner } from "../../editor/context.js";
import { setValue } from "../../store/commands.js";
import { ApprovalFlow } from "./ApprovalFlow.js";
import { addStep, moveStep, removeStep } from "./commands.js";
import { FormulaInput, IssueHelp, LabelInputs, uniqueId, useIssuesAt, useLocale } from "./fields.js";
import { entityFields, fieldOptions, roleOptions } from "./model.js";
import { defaultParty } from "./PartyEditor.js";
import { StepInspector } from "./StepInspector.js";

interface Props {
  readonly w: number;
  readonly wf: Approval;
  readonly item: number | undefined;
}

/** An approval: its flow, its settings, its steps as a list to add, reorder and remove, and the chosen step. */
export function ApprovalEditor({ w, wf, item }: Props) {
  const select = useDesigner((s) => s.select);
  const selection = useDesigner((s) => s.selection);
  const path = `/workflows/${w}`;
  return (
    <Flex vertical gap={12}>
      <ApprovalFlow wf={wf} path={path} selected={selection} onSelect={select} />
      <Flex gap={12} wrap align="flex-start">
        <StepsList w={w} wf={wf} current={item} />
        <div style={{ flex: "1 1 320px", minWidth: 300 }}>
          {item !== undefined && wf.steps[item] ? (
            <StepInspector w={w} i={item} wf={wf} />
          ) : (
            <ApprovalSettings w={w} wf={wf} />
          )}
        </div>
      </Flex>
    </Flex>
  );
}

function StepsList({ w, wf, current }: { w: number; wf: Approval; current: number | undefined }) {
  const { t } = useTranslation();
  const apply = useApply();
  const select = useDesigner((s) => s.select);
  const doc = useDesigner((s) => s.doc);
  const locale = useLocale();
  const path = `/workflows/${w}`;
  const add = () => {
    const id = uniqueId(
      `step_${wf.steps.length + 1}`,
      wf.steps.map((s) => s.id),
    );
    if (apply(addStep(w, { id, approvers: defaultParty(doc, wf.entity, "managerOf") })))
      select(`${path}/steps/${wf.steps.length}`);
  };
  return (
    <Card size="small" title={t("wf_steps")} style={{ flex: "0 1 340px" }}>
      <Button type={current === undefined ? "primary" : "text"} onClick={() => select(path)}>
        {t("wf_approvalSettings")}
      </Button>
      <ol className="wf-list" aria-label={t("wf_steps")}>
        {wf.steps.map((step, i) => {
          const name = labelText(step.label, locale, step.id);
          return (
            <li key={step.id}>
              <Button
                type={current === i ? "primary" : "text"}
                aria-current={current === i || undefined}
                onClick={() => select(`${path}/steps/${i}`)}
              >
                {i + 1}. {name}
              </Button>
              <Button
                type="text"
                icon={<ArrowUpOutlined />}
                aria-label={t("wf_moveStepUp", { id: step.id })}
                disabled={i === 0}
                onClick={() => {
                  if (apply(moveStep(w, i, -1, step.id))) select(`${path}/steps/${i - 1}`);
                }}
              />
              <Button
                type="text"
                icon={<ArrowDownOutlined />}
                aria-label={t("wf_moveStepDown", { id: step.id })}
                disabled={i === wf.steps.length - 1}
                onClick={() => {
                  if (apply(moveStep(w, i, 1, step.id))) select(`${path}/steps/${i + 1}`);
                }}
              />
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t("wf_removeStep", { id: step.id })}
                disabled={wf.steps.length <= 1}
                onClick={() => {
                  if (apply(removeStep(w, i, step.id))) select(path);
                }}
              />
            </li>
          );
        })}
      </ol>
      <Button onClick={add}>{t("wf_addStep")}</Button>
    </Card>
  );
}

function ApprovalSettings({ w, wf }: { w: number; wf: Approval }) {
  const { t } = useTranslation();
  const apply = useApply();
  const doc = useDesigner((s) => s.doc);
  const locale = useLocale();
  const path = `/workflows/${w}`;
  const statusIssues = useIssuesAt(`${path}/statusField`);
  const set = (key: string, value: unknown, en: string, zh: string) =>
    apply(setValue(`${path}/${key}`, value, { en: `${en} of ${wf.id}`, "zh-CN": `${wf.id} 的${zh}` }));
  const selects = entityFields(doc, wf.entity).filter((f) => f.kind === "select");
  return (
    <Card size="small" role="region" aria-label={t("wf_approvalSettings")} title={t("wf_approvalSettings")}>
      <Typography.Paragraph type="secondary">{t("wf_onEntity", { entity: wf.entity })}</Typography.Paragraph>
      <Form layout="vertical">
        <LabelInputs path={`${path}/label`} label={wf.label} />
        <FormulaInput path={`${path}/entryCriteria`} value={wf.entryCriteria} labelKey="wf_entryCriteria" />
        <Form.Item
          label={t("wf_statusField")}
          validateStatus={statusIssues.length ? "error" : undefined}
          help={statusIssues.length ? <IssueHelp issues={statusIssues} /> : undefined}
        >
          <Select
            allowClear
            aria-label={t("wf_statusField")}
            value={wf.statusField}
            options={fieldOptions(selects, locale)}
            onChange={(v?: string) => set("statusField", v, "Status field", "状态字段")}
          />
        </Form.Item>
        <Form.Item label={t("wf_submitters")}>
          <Select
            mode="multiple"
            aria-label={t("wf_submitters")}
            placeholder={t("wf_everyone")}
            value={wf.submitters ?? []}
            options={[{ value: "*", label: t("wf_allRoles") }, ...roleOptions(doc, locale)]}
            onChange={(v: string[]) => set("submitters", v.length ? v : undefined, "Submitters", "提交人")}
          />
        </Form.Item>
        <Form.Item>
          <Checkbox
            checked={wf.allowRecall === true}
            onChange={(e) => set("allowRecall", e.target.checked || undefined, "Recall", "撤回")}
          >
            {t("wf_allowRecall")}
          </Checkbox>
          <Checkbox
            checked={wf.lockRecord === true}
            onChange={(e) => set("lockRecord", e.target.checked || undefined, "Lock record", "锁定记录")}
          >
            {t("wf_lockRecord")}
          </Checkbox>
        </Form.Item>
      </Form>
    </Card>
  );
}
