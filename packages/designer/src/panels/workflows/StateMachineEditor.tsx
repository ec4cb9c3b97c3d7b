import type { StateMachine } from "@plinth/runtime";
import { Card, Flex, Form, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner } from "../../editor/context.js";
import { setValue } from "../../store/commands.js";
import { addTransition } from "./commands.js";
import { IssueHelp, LabelInputs, uniqueId, useIssuesAt, useLocale } from "./fields.js";
import { ANY_STATE } from "./layout.js";
import { StatesList, TransitionsList } from "./MachineLists.js";
import { stateText } from "./model.js";
import { StateInspector } from "./StateInspector.js";
import { StateMachineGraph } from "./StateMachineGraph.js";
import { TransitionInspector } from "./TransitionInspector.js";

interface Props {
  readonly w: number;
  readonly wf: StateMachine;
  readonly part: "states" | "transitions" | undefined;
  readonly item: number | undefined;
}

/** A stage machine: its graph, the same states and transitions as lists, and the selected one's inspector. */
export function StateMachineEditor({ w, wf, part, item }: Props) {
  const apply = useApply();
  const select = useDesigner((s) => s.select);
  const selection = useDesigner((s) => s.selection);
  const path = `/workflows/${w}`;

  const connect = (from: string, to: string) => {
    const id = uniqueId(
      `${from === ANY_STATE ? "any" : from}_to_${to}`,
      wf.transitions.map((x) => x.id),
    );
    if (apply(addTransition(w, { id, from: from === ANY_STATE ? "*" : [from], to })))
      select(`${path}/transitions/${wf.transitions.length}`);
  };

  return (
    <Flex vertical gap={12}>
      <StateMachineGraph wf={wf} path={path} selected={selection} onSelect={select} onConnect={connect} />
      <Flex gap={12} wrap align="flex-start">
        <StatesList w={w} wf={wf} current={part === "states" ? item : undefined} />
        <TransitionsList w={w} wf={wf} current={part === "transitions" ? item : undefined} onAdd={connect} />
        <div className="wf-inspector" style={{ flex: "1 1 320px", minWidth: 300 }}>
          {part === "states" && item !== undefined && wf.states[item] ? (
            <StateInspector w={w} s={item} wf={wf} />
          ) : part === "transitions" && item !== undefined && wf.transitions[item] ? (
            <TransitionInspector w={w} i={item} wf={wf} />
          ) : (
            <MachineSettings w={w} wf={wf} />
          )}
        </div>
      </Flex>
    </Flex>
  );
}

/** The machine itself: its name and where a new record starts. */
function MachineSettings({ w, wf }: { w: number; wf: StateMachine }) {
  const { t } = useTranslation();
  const apply = useApply();
  const doc = useDesigner((s) => s.doc);
  const locale = useLocale();
  const path = `/workflows/${w}`;
  const initialIssues = useIssuesAt(`${path}/initial`);
  return (
    <Card size="small" role="region" aria-label={t("wf_machineSettings")} title={t("wf_machineSettings")}>
      <Typography.Paragraph type="secondary">
        {t("wf_machineOn", { entity: wf.entity, field: wf.field })} {t("wf_pickSomething")}
      </Typography.Paragraph>
      <Form layout="vertical">
        <LabelInputs path={`${path}/label`} label={wf.label} />
        <Form.Item
          label={t("wf_initialState")}
          validateStatus={initialIssues.length ? "error" : undefined}
          help={initialIssues.length ? <IssueHelp issues={initialIssues} /> : undefined}
        >
          <Select
            aria-label={t("wf_initialState")}
            value={wf.initial}
            options={wf.states.map((s) => ({ value: s.id, label: stateText(doc, wf.entity, wf.field, s.id, locale) }))}
            onChange={(v: string) =>
              apply(setValue(`${path}/initial`, v, { en: `Start ${wf.id} at ${v}`, "zh-CN": `${wf.id} 从 ${v} 开始` }))
            }
          />
        </Form.Item>
      </Form>
    </Card>
  );
}
