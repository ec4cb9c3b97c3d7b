import { DeleteOutlined } from "@ant-design/icons";
import { labelText, type StateMachine, type Workflow } from "@plinth/runtime";
import { Button, Card, Empty, Flex, Select, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner } from "../../editor/context.js";
import { ApprovalEditor } from "./ApprovalEditor.js";
import { addWorkflow, removeWorkflow } from "./commands.js";
import { uniqueId, useIssuesAt, useLocale } from "./fields.js";
import { entityFields, entityOptions, fieldOptions } from "./model.js";
import { defaultParty } from "./PartyEditor.js";
import { StateMachineEditor } from "./StateMachineEditor.js";
import { parseWorkflowSelection } from "./selection.js";
import "./workflows.css";

/**
 * The workflow designer: the app's stage machines and approvals, each drawn as a graph and edited
 * through the store. The selection (a JSON Pointer) says which workflow and which state,
 * transition or step is open, so an issue's "Show" lands on it.
 */
export function WorkflowsPanel() {
  const { t } = useTranslation();
  const workflows = useDesigner((s) => s.doc.workflows) ?? [];
  const selection = useDesigner((s) => s.selection);
  const parsed = parseWorkflowSelection(selection);
  const w = parsed && parsed.w < workflows.length ? parsed.w : workflows.length > 0 ? 0 : undefined;
  const wf = w === undefined ? undefined : workflows[w];
  const item = parsed?.w === w ? parsed?.item : undefined;
  return (
    <div className="wf-panel">
      <Typography.Title level={3}>{t("panel_workflows")}</Typography.Title>
      <Flex gap={16} align="flex-start">
        <Flex vertical gap={12} style={{ flex: "0 0 240px" }}>
          <WorkflowList workflows={workflows} current={w} />
          <AddWorkflow taken={workflows.map((x) => x.id)} count={workflows.length} />
        </Flex>
        <div style={{ flex: 1, minWidth: 0 }}>
          {wf === undefined || w === undefined ? (
            <Empty description={t("wf_none")} />
          ) : wf.kind === "stateMachine" ? (
            <StateMachineEditor
              key={w}
              w={w}
              wf={wf}
              part={parsed?.w === w && parsed.part !== "steps" ? parsed.part : undefined}
              item={item}
            />
          ) : (
            <ApprovalEditor
              key={w}
              w={w}
              wf={wf}
              item={parsed?.w === w && parsed.part === "steps" ? item : undefined}
            />
          )}
        </div>
      </Flex>
    </div>
  );
}

function WorkflowList({ workflows, current }: { workflows: readonly Workflow[]; current: number | undefined }) {
  const { t } = useTranslation();
  const apply = useApply();
  const select = useDesigner((s) => s.select);
  const locale = useLocale();
  const issues = useIssuesAt("/workflows");
  return (
    <nav aria-label={t("wf_list")}>
      <ul className="wf-list">
        {workflows.map((wf, i) => (
          <li key={wf.id}>
            <Button
              type={current === i ? "primary" : "text"}
              aria-current={current === i || undefined}
              onClick={() => select(`/workflows/${i}`)}
            >
              {labelText(wf.label, locale, wf.id)}
              {issues.some((x) => x.path.startsWith(`/workflows/${i}/`) || x.path === `/workflows/${i}`) ? " ⚠" : ""}
            </Button>
            <Tag>{t(`wf_kind_${wf.kind}`)}</Tag>
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t("wf_removeWorkflow", { id: wf.id })}
              onClick={() => {
                if (apply(removeWorkflow(i, wf.id))) select(undefined);
              }}
            />
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Add a stage machine over an entity's select field (its options become the states), or an approval. */
function AddWorkflow({ taken, count }: { taken: readonly string[]; count: number }) {
  const { t } = useTranslation();
  const apply = useApply();
  const select = useDesigner((s) => s.select);
  const doc = useDesigner((s) => s.doc);
  const locale = useLocale();
  const [entity, setEntity] = useState<string>();
  const [field, setField] = useState<string>();
  const selects = entityFields(doc, entity).filter((f) => f.kind === "select");
  const chosen = selects.find((f) => f.id === field);
  const add = (wf: Workflow) => {
    if (apply(addWorkflow(wf))) select(`/workflows/${count}`);
  };
  const addMachine = () => {
    if (!entity || chosen?.kind !== "select" || chosen.options.length === 0) return;
    const states = chosen.options.map((o) => ({ id: o.value })) as StateMachine["states"];
    const initial = chosen.default ?? chosen.options[0]?.value ?? "";
    add({
      kind: "stateMachine",
      id: uniqueId(`${entity}_${chosen.id}`, taken),
      entity,
      field: chosen.id,
      initial,
      states,
      transitions: [],
    });
  };
  const addApproval = () => {
    if (!entity) return;
    add({
      kind: "approval",
      id: uniqueId(`${entity}_approval`, taken),
      entity,
      steps: [{ id: "step_1", approvers: defaultParty(doc, entity, "managerOf") }],
    });
  };
  return (
    <Card size="small" title={t("wf_add")}>
      <Flex vertical gap={8}>
        <Select
          aria-label={t("wf_newEntity")}
          placeholder={t("wf_newEntity")}
          value={entity}
          onChange={(v: string) => {
            setEntity(v);
            setField(undefined);
          }}
          options={entityOptions(doc, locale)}
        />
        <Select
          aria-label={t("wf_newField")}
          placeholder={t("wf_newField")}
          value={field}
          onChange={setField}
          disabled={!entity}
          options={fieldOptions(selects, locale)}
        />
        <Button disabled={!chosen} onClick={addMachine}>
          {t("wf_addMachine")}
        </Button>
        <Button disabled={!entity} onClick={addApproval}>
          {t("wf_addApproval")}
        </Button>
      </Flex>
    </Card>
  );
}
