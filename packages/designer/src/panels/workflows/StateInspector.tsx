import { DeleteOutlined } from "@ant-design/icons";
import type { StateMachine } from "@plinth/runtime";
import { Button, Card, Checkbox, Flex, Form, Input, InputNumber, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner } from "../../editor/context.js";
import { OverlayBadge } from "../../editor/OverlayBadge.js";
import { setValue } from "../../store/commands.js";
import { setOnEnterValue } from "./commands.js";
import { FormulaInput, IssueHelp, useIssuesAt, useLocale } from "./fields.js";
import { entityFields, fieldOptions, stateText } from "./model.js";

interface Props {
  readonly w: number;
  readonly s: number;
  readonly wf: StateMachine;
}

/** One state: final, the longest it should take, and the fields set on entering it. */
export function StateInspector({ w, s, wf }: Props) {
  const { t } = useTranslation();
  const apply = useApply();
  const doc = useDesigner((x) => x.doc);
  const locale = useLocale();
  const state = wf.states[s];
  const path = `/workflows/${w}/states/${s}`;
  const issues = useIssuesAt(path).filter((i) => !i.path.startsWith(`${path}/onEnter`));
  if (!state) return null;
  const setFields = (state.onEnter ?? []).flatMap((e, k) =>
    e.kind === "setFields" ? Object.entries(e.values).map(([field, text]) => ({ k, field, text })) : [],
  );
  const others = (state.onEnter ?? []).filter((e) => e.kind !== "setFields").length;
  return (
    <Card
      size="small"
      title={
        <>
          {t("wf_stateTitle", { name: stateText(doc, wf.entity, wf.field, state.id, locale) })}{" "}
          <OverlayBadge path={path} />
        </>
      }
      aria-label={t("wf_stateInspector")}
      role="region"
    >
      <IssueHelp issues={issues} />
      <Form layout="vertical">
        <Form.Item>
          <Checkbox
            checked={state.final === true}
            onChange={(e) =>
              apply(
                setValue(`${path}/final`, e.target.checked || undefined, {
                  en: `Mark ${state.id} ${e.target.checked ? "final" : "not final"}`,
                  "zh-CN": `将 ${state.id} 设为${e.target.checked ? "终态" : "非终态"}`,
                }),
              )
            }
          >
            {t("wf_final")}
          </Checkbox>
        </Form.Item>
        <Form.Item label={t("wf_maxDays")}>
          <InputNumber
            aria-label={t("wf_maxDays")}
            min={1}
            value={state.maxDays ?? null}
            onChange={(v) =>
              apply(
                setValue(`${path}/maxDays`, v ?? undefined, {
                  en: `Max days in ${state.id}`,
                  "zh-CN": `${state.id} 最长停留天数`,
                }),
              )
            }
          />
        </Form.Item>
        <Typography.Title level={5}>{t("wf_onEnter")}</Typography.Title>
        {setFields.map(({ k, field, text }) => (
          <Flex key={field} gap={4} align="flex-start">
            <div style={{ flex: 1 }}>
              <FormulaInput
                path={`${path}/onEnter/${k}/values/${field}`}
                value={text}
                labelKey="wf_setField"
                labelParams={{ field }}
              />
            </div>
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t("wf_removeSetField", { field })}
              onClick={() => apply(setOnEnterValue(w, s, field, undefined))}
            />
          </Flex>
        ))}
        {others > 0 && (
          <Typography.Paragraph type="secondary">{t("wf_otherEffects", { count: others })}</Typography.Paragraph>
        )}
        <AddSetField w={w} s={s} wf={wf} taken={setFields.map((x) => x.field)} />
      </Form>
    </Card>
  );
}

function AddSetField({ w, s, wf, taken }: Props & { taken: readonly string[] }) {
  const { t } = useTranslation();
  const apply = useApply();
  const doc = useDesigner((x) => x.doc);
  const locale = useLocale();
  const [field, setField] = useState<string>();
  const [formula, setFormula] = useState("");
  const fields = entityFields(doc, wf.entity).filter((f) => !taken.includes(f.id) && f.id !== wf.field);
  return (
    <Flex gap={4} wrap>
      <Select
        aria-label={t("wf_newSetField")}
        placeholder={t("wf_newSetField")}
        showSearch
        style={{ minWidth: 140 }}
        value={field}
        onChange={setField}
        options={fieldOptions(fields, locale)}
      />
      <Input
        aria-label={t("wf_newSetFormula")}
        placeholder={t("wf_newSetFormula")}
        style={{ flex: 1, minWidth: 120 }}
        value={formula}
        onChange={(e) => setFormula(e.target.value)}
      />
      <Button
        disabled={!field || formula.trim() === ""}
        onClick={() => {
          if (field && apply(setOnEnterValue(w, s, field, formula))) {
            setField(undefined);
            setFormula("");
          }
        }}
      >
        {t("wf_addSetField")}
      </Button>
    </Flex>
  );
}
