import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import type { FieldOfKind } from "@plinth/runtime";
import { Button, Card, Form, Input, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApply } from "../../editor/context.js";
import { moveItem, setValue } from "../../store/commands.js";
import { LabelInputs } from "./LabelInputs.js";
import { addOption, removeOption, setProperty } from "./modelCommands.js";
import { domId } from "./modelPointer.js";
import { newIdProblem } from "./newId.js";
import { useHit } from "./useHit.js";

type Option = FieldOfKind<"select">["options"][number];

interface Props {
  /** The select or multiSelect field's pointer. */
  readonly pointer: string;
  readonly options: readonly Option[];
}

/** The options of a select or multiSelect field: value, label in both languages, order; add and remove. */
export function OptionsEditor({ pointer, options }: Props) {
  const { t } = useTranslation();
  const apply = useApply();
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string>();
  const list = `${pointer}/options`;
  const add = () => {
    const why = newIdProblem(
      draft,
      options.map((o) => o.value),
    );
    setProblem(why);
    if (why || !apply(addOption(pointer, draft))) return;
    setDraft("");
  };
  return (
    <section aria-label={t("model_prop_options")} data-pointer={list}>
      <Typography.Text strong>{t("model_prop_options")}</Typography.Text>
      {options.map((option, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row is a position in the array (its pointer); its value is edited in place
        <OptionRow key={index} list={list} index={index} option={option} count={options.length} />
      ))}
      <Form.Item
        label={t("model_newOption")}
        htmlFor={domId(`${list}/new`)}
        validateStatus={problem ? "error" : undefined}
        help={problem ? t(problem) : undefined}
      >
        <Space.Compact>
          <Input
            id={domId(`${list}/new`)}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onPressEnter={add}
          />
          <Button onClick={add}>{t("model_addOption")}</Button>
        </Space.Compact>
      </Form.Item>
    </section>
  );
}

function OptionRow({
  list,
  index,
  option,
  count,
}: {
  readonly list: string;
  readonly index: number;
  readonly option: Option;
  readonly count: number;
}) {
  const { t } = useTranslation();
  const apply = useApply();
  const pointer = `${list}/${index}`;
  const hit = useHit(pointer);
  const valueId = domId(`${pointer}/value`);
  return (
    <Card size="small" className={hit} data-pointer={pointer} style={{ marginBottom: 8 }}>
      <Form.Item label={t("model_optionValue")} htmlFor={valueId}>
        <Input
          id={valueId}
          value={option.value}
          onChange={(event) =>
            apply(
              setValue(`${pointer}/value`, event.target.value, {
                en: `Change option value ${option.value}`,
                "zh-CN": `修改选项值 ${option.value}`,
              }),
            )
          }
        />
      </Form.Item>
      <LabelInputs pointer={`${pointer}/label`} name={t("model_optionLabel", { value: option.value })} />
      <Form.Item label={t("model_optionColor")} htmlFor={domId(`${pointer}/color`)}>
        <Input
          id={domId(`${pointer}/color`)}
          placeholder="#1677ff"
          style={{ maxWidth: 160 }}
          prefix={
            <span
              aria-hidden
              style={{ width: 12, height: 12, borderRadius: 2, background: option.color ?? "transparent" }}
            />
          }
          value={option.color ?? ""}
          onChange={(event) => apply(setProperty(pointer, "color", option.value, event.target.value || undefined))}
        />
      </Form.Item>
      <Space>
        <Button
          icon={<ArrowUpOutlined />}
          aria-label={t("model_moveUp", { what: option.value })}
          disabled={index === 0}
          onClick={() => apply(moveItem(list, index, list, index - 1))}
        />
        <Button
          icon={<ArrowDownOutlined />}
          aria-label={t("model_moveDown", { what: option.value })}
          disabled={index === count - 1}
          onClick={() => apply(moveItem(list, index, list, index + 2))}
        />
        <Button
          danger
          icon={<DeleteOutlined />}
          aria-label={t("model_removeOption", { value: option.value })}
          disabled={count === 1}
          onClick={() => apply(removeOption(list.slice(0, -"/options".length), index, option.value))}
        />
      </Space>
    </Card>
  );
}
