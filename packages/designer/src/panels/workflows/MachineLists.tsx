import { DeleteOutlined } from "@ant-design/icons";
import type { StateMachine } from "@plinth/runtime";
import { Button, Card, Flex, Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner } from "../../editor/context.js";
import { addState, removeState, removeTransition } from "./commands.js";
import { useIssuesAt, useLocale } from "./fields.js";
import { ANY_STATE } from "./layout.js";
import { entityFields, stateText } from "./model.js";

/** The states as a list beside the graph: select, add one of the field's unused options, remove. */
export function StatesList({ w, wf, current }: { w: number; wf: StateMachine; current: number | undefined }) {
  const { t } = useTranslation();
  const apply = useApply();
  const select = useDesigner((s) => s.select);
  const doc = useDesigner((s) => s.doc);
  const locale = useLocale();
  const issues = useIssuesAt(`/workflows/${w}/states`);
  const [adding, setAdding] = useState<string>();
  const field = entityFields(doc, wf.entity).find((f) => f.id === wf.field);
  const missing = field?.kind === "select" ? field.options.filter((o) => !wf.states.some((s) => s.id === o.value)) : [];
  return (
    <Card size="small" title={t("wf_states")} style={{ flex: "0 1 260px" }}>
      <ul className="wf-list" aria-label={t("wf_states")}>
        {wf.states.map((s, i) => (
          <li key={s.id}>
            <Button
              type={current === i ? "primary" : "text"}
              aria-current={current === i || undefined}
              onClick={() => select(`/workflows/${w}/states/${i}`)}
            >
              {stateText(doc, wf.entity, wf.field, s.id, locale)}
              {issues.some((x) => x.path.startsWith(`/workflows/${w}/states/${i}`)) ? " ⚠" : ""}
            </Button>
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t("wf_removeState", { id: s.id })}
              onClick={() => apply(removeState(w, i, s.id))}
            />
          </li>
        ))}
      </ul>
      {missing.length > 0 && (
        <Space.Compact style={{ width: "100%" }}>
          <Select
            aria-label={t("wf_newState")}
            placeholder={t("wf_newState")}
            style={{ flex: 1 }}
            value={adding}
            onChange={setAdding}
            options={missing.map((o) => ({
              value: o.value,
              label: stateText(doc, wf.entity, wf.field, o.value, locale),
            }))}
          />
          <Button
            disabled={!adding}
            onClick={() => {
              if (adding && apply(addState(w, adding))) {
                select(`/workflows/${w}/states/${wf.states.length}`);
                setAdding(undefined);
              }
            }}
          >
            {t("wf_addState")}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}

export interface TransitionsListProps {
  readonly w: number;
  readonly wf: StateMachine;
  readonly current: number | undefined;
  readonly onAdd: (from: string, to: string) => void;
}

/** The transitions as a list beside the graph, with a form to add one (the keyboard's edge drawing). */
export function TransitionsList({ w, wf, current, onAdd }: TransitionsListProps) {
  const { t } = useTranslation();
  const apply = useApply();
  const select = useDesigner((s) => s.select);
  const doc = useDesigner((s) => s.doc);
  const locale = useLocale();
  const [from, setFrom] = useState<string>();
  const [to, setTo] = useState<string>();
  const name = (id: string) => stateText(doc, wf.entity, wf.field, id, locale);
  const states = wf.states.map((s) => ({ value: s.id, label: name(s.id) }));
  return (
    <Card size="small" title={t("wf_transitions")} style={{ flex: "0 1 320px" }}>
      <ul className="wf-list" aria-label={t("wf_transitions")}>
        {wf.transitions.map((tr, i) => (
          <li key={tr.id}>
            <Button
              type={current === i ? "primary" : "text"}
              aria-current={current === i || undefined}
              onClick={() => select(`/workflows/${w}/transitions/${i}`)}
            >
              {tr.id}: {tr.from === "*" ? t("wf_anyState") : tr.from.map(name).join(", ")} → {name(tr.to)}
            </Button>
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t("wf_removeTransition", { id: tr.id })}
              onClick={() => apply(removeTransition(w, i, tr.id))}
            />
          </li>
        ))}
      </ul>
      <Flex gap={4} wrap>
        <Select
          aria-label={t("wf_newFrom")}
          placeholder={t("wf_newFrom")}
          style={{ minWidth: 120 }}
          value={from}
          onChange={setFrom}
          options={[...states, { value: ANY_STATE, label: t("wf_anyState") }]}
        />
        <Select
          aria-label={t("wf_newTo")}
          placeholder={t("wf_newTo")}
          style={{ minWidth: 120 }}
          value={to}
          onChange={setTo}
          options={states}
        />
        <Button
          disabled={!from || !to}
          onClick={() => {
            if (from && to) onAdd(from, to);
          }}
        >
          {t("wf_addTransition")}
        </Button>
      </Flex>
    </Card>
  );
}
