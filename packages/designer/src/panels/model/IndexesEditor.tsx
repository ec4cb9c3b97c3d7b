import type { Entity, Issue } from "@plinth/runtime";
import { Button, Card, Form, Select, Switch, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApply, useDesignerContext } from "../../editor/context.js";
import { insertItem, removeItem } from "../../store/commands.js";
import { coreIssuesUnder } from "./coreIssuesUnder.js";
import { IssuesAlert } from "./IssuesAlert.js";
import { setProperty } from "./modelCommands.js";
import { domId } from "./modelPointer.js";
import { useHit } from "./useHit.js";

interface Props {
  readonly pointer: string;
  readonly entity: Entity;
}

type Index = NonNullable<Entity["indexes"]>[number];

/** The entity's database indexes: which fields, and whether together they must be unique. */
export function IndexesEditor({ pointer, entity }: Props) {
  const { t } = useTranslation();
  const indexes = entity.indexes ?? [];
  const fields = entity.fields.map((f) => ({ value: f.id, label: f.id }));
  return (
    <section aria-label={t("model_indexes")} data-pointer={`${pointer}/indexes`}>
      {indexes.length === 0 && <Typography.Paragraph type="secondary">{t("model_noIndexes")}</Typography.Paragraph>}
      {indexes.map((index, i) => (
        <IndexRow
          // biome-ignore lint/suspicious/noArrayIndexKey: a row is a position in the array (its pointer); its fields are edited in place
          key={i}
          pointer={`${pointer}/indexes/${i}`}
          position={i}
          index={index}
          fields={fields}
          owner={entity.id}
        />
      ))}
      <AddIndex pointer={pointer} entity={entity} fields={fields} />
    </section>
  );
}

function IndexRow({
  pointer,
  position,
  index,
  fields,
  owner,
}: {
  readonly pointer: string;
  readonly position: number;
  readonly index: Index;
  readonly fields: readonly { value: string; label: string }[];
  readonly owner: string;
}) {
  const { t } = useTranslation();
  const apply = useApply();
  const hit = useHit(pointer);
  const name = index.fields.join(", ");
  return (
    <Card size="small" className={hit} data-pointer={pointer} style={{ marginBottom: 8 }}>
      <Form.Item label={t("model_indexFields")} htmlFor={domId(`${pointer}/fields`)}>
        <Select
          id={domId(`${pointer}/fields`)}
          mode="multiple"
          value={[...index.fields]}
          options={[...fields]}
          onChange={(next: string[]) => apply(setProperty(pointer, "fields", `${owner} (${name})`, next))}
        />
      </Form.Item>
      <Form.Item label={t("model_indexUnique")} htmlFor={domId(`${pointer}/unique`)} layout="horizontal">
        <Switch
          id={domId(`${pointer}/unique`)}
          checked={index.unique === true}
          onChange={(on) => apply(setProperty(pointer, "unique", `${owner} (${name})`, on || undefined))}
        />
      </Form.Item>
      <Button
        danger
        onClick={() =>
          apply(
            removeItem(pointer.slice(0, pointer.lastIndexOf("/")), position, {
              en: `Remove index (${name}) of ${owner}`,
              "zh-CN": `删除 ${owner} 的索引（${name}）`,
            }),
          )
        }
      >
        {t("model_removeIndex", { fields: name })}
      </Button>
    </Card>
  );
}

function AddIndex({
  pointer,
  entity,
  fields,
}: Props & { readonly fields: readonly { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const { store, runtime } = useDesignerContext();
  const [chosen, setChosen] = useState<string[]>([]);
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const at = `${pointer}/indexes/${entity.indexes?.length ?? 0}`;
  const submit = () => {
    if (chosen.length === 0) return;
    const { doc, apply } = store.getState();
    const command = insertItem(`${pointer}/indexes`, { fields: chosen }, undefined, {
      en: `Add index (${chosen.join(", ")}) to ${entity.id}`,
      "zh-CN": `为 ${entity.id} 添加索引（${chosen.join(", ")}）`,
    });
    const found = coreIssuesUnder(runtime, doc, command, at);
    setIssues(found);
    if (found.length === 0 && apply(command)) setChosen([]);
  };
  return (
    <div>
      <Form.Item label={t("model_newIndexFields")} htmlFor={domId(`${pointer}/newIndex`)}>
        <Select
          id={domId(`${pointer}/newIndex`)}
          mode="multiple"
          value={chosen}
          options={[...fields]}
          onChange={(next: string[]) => setChosen(next)}
        />
      </Form.Item>
      <Button onClick={submit} disabled={chosen.length === 0}>
        {t("model_addIndex")}
      </Button>
      <IssuesAlert title={t("model_notAdded")} issues={issues} />
    </div>
  );
}
