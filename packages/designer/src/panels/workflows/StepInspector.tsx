import { DeleteOutlined } from "@ant-design/icons";
import type { Approval } from "@plinth/runtime";
import { Button, Card, Form, InputNumber, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner } from "../../editor/context.js";
import { OverlayBadge } from "../../editor/OverlayBadge.js";
import { setValue } from "../../store/commands.js";
import { removeStep } from "./commands.js";
import { FormulaInput, IssueHelp, LabelInputs, TextSetting, useIssuesAt } from "./fields.js";
import { defaultParty, PartyEditor } from "./PartyEditor.js";

interface Props {
  readonly w: number;
  readonly i: number;
  readonly wf: Approval;
}

const modes = ["any", "all", "percentage"] as const;

/** One approval step: label, condition, approvers, how they vote, and its SLA. */
export function StepInspector({ w, i, wf }: Props) {
  const { t } = useTranslation();
  const apply = useApply();
  const select = useDesigner((s) => s.select);
  const doc = useDesigner((s) => s.doc);
  const step = wf.steps[i];
  const path = `/workflows/${w}/steps/${i}`;
  const modeIssues = useIssuesAt(`${path}/mode`);
  const slaIssues = useIssuesAt(`${path}/sla`).filter((x) => !x.path.startsWith(`${path}/sla/escalateTo`));
  if (!step) return null;
  const set = (key: string, value: unknown, en: string, zh: string) =>
    apply(setValue(`${path}/${key}`, value, { en: `${en} of step ${step.id}`, "zh-CN": `步骤 ${step.id} 的${zh}` }));
  const sla = step.sla;
  const escalate = sla?.escalateTo === undefined ? "none" : sla.escalateTo === "manager" ? "manager" : "party";
  return (
    <Card
      size="small"
      role="region"
      aria-label={t("wf_stepInspector")}
      title={
        <>
          {t("wf_stepTitle", { id: step.id })} <OverlayBadge path={path} />
        </>
      }
      extra={
        <Button
          danger
          type="text"
          icon={<DeleteOutlined />}
          aria-label={t("wf_removeStep", { id: step.id })}
          disabled={wf.steps.length <= 1}
          onClick={() => {
            if (apply(removeStep(w, i, step.id))) select(`/workflows/${w}`);
          }}
        />
      }
    >
      <Form layout="vertical">
        <TextSetting path={`${path}/id`} value={step.id} labelKey="wf_id" />
        <LabelInputs path={`${path}/label`} label={step.label} />
        <FormulaInput
          path={`${path}/condition`}
          value={step.condition}
          labelKey="wf_condition"
          placeholder="amount > 500000"
        />
        <PartyEditor path={`${path}/approvers`} party={step.approvers} entity={wf.entity} nameKey="wf_approvers" />
        <Form.Item
          label={t("wf_mode")}
          validateStatus={modeIssues.length ? "error" : undefined}
          help={modeIssues.length ? <IssueHelp issues={modeIssues} /> : undefined}
        >
          <Select
            aria-label={t("wf_mode")}
            value={step.mode ?? "any"}
            options={modes.map((m) => ({ value: m, label: t(`wf_mode_${m}`) }))}
            onChange={(m: (typeof modes)[number]) => {
              // One undo step: the mode and the percentage it needs (or no longer needs) together.
              const { mode: _mode, percentage, ...rest } = step;
              const next =
                m === "any"
                  ? rest
                  : m === "percentage"
                    ? { ...rest, mode: m, percentage: percentage ?? 50 }
                    : { ...rest, mode: m };
              apply(
                setValue(path, next, { en: `Voting mode of step ${step.id}`, "zh-CN": `步骤 ${step.id} 的表决方式` }),
              );
            }}
          />
        </Form.Item>
        {step.mode === "percentage" && (
          <Form.Item label={t("wf_percentage")}>
            <InputNumber
              aria-label={t("wf_percentage")}
              min={1}
              max={100}
              value={step.percentage ?? null}
              onChange={(v) => set("percentage", v ?? undefined, "Percentage", "比例")}
            />
          </Form.Item>
        )}
        <Form.Item
          label={t("wf_slaHours")}
          validateStatus={slaIssues.length ? "error" : undefined}
          help={slaIssues.length ? <IssueHelp issues={slaIssues} /> : undefined}
        >
          <InputNumber
            aria-label={t("wf_slaHours")}
            min={1}
            max={8760}
            value={sla?.hours ?? null}
            onChange={(v) => set("sla", v ? { ...sla, hours: v } : undefined, "SLA", "时限")}
          />
        </Form.Item>
        {sla && (
          <>
            <Form.Item label={t("wf_remindAfter")}>
              <InputNumber
                aria-label={t("wf_remindAfter")}
                min={1}
                max={8760}
                value={sla.remindAfterHours ?? null}
                onChange={(v) => set("sla/remindAfterHours", v ?? undefined, "Reminder", "提醒")}
              />
            </Form.Item>
            <Form.Item label={t("wf_escalateTo")}>
              <Select
                aria-label={t("wf_escalateTo")}
                value={escalate}
                options={(["none", "manager", "party"] as const).map((v) => ({
                  value: v,
                  label: t(`wf_escalate_${v}`),
                }))}
                onChange={(v: "none" | "manager" | "party") =>
                  set(
                    "sla/escalateTo",
                    v === "none" ? undefined : v === "manager" ? "manager" : defaultParty(doc, wf.entity, "role"),
                    "Escalation",
                    "升级对象",
                  )
                }
              />
            </Form.Item>
            {sla.escalateTo !== undefined && sla.escalateTo !== "manager" && (
              <PartyEditor
                path={`${path}/sla/escalateTo`}
                party={sla.escalateTo}
                entity={wf.entity}
                nameKey="wf_escalateParty"
              />
            )}
          </>
        )}
      </Form>
    </Card>
  );
}
