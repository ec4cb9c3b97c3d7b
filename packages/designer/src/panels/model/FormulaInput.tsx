import { CodeOutlined } from "@ant-design/icons";
import { Button, Input, Modal, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useDesigner, useDesignerContext, useValidation } from "../../editor/context.js";

const FormulaEditor = lazy(() => import("../code/FormulaEditor.js").then((m) => ({ default: m.FormulaEditor })));

interface Props {
  readonly id: string;
  readonly value: string | undefined;
  readonly onChange: (text: string | undefined) => void;
  /** Where the formula lives in the document, to show the core's issues about it; none for a draft. */
  readonly pointer?: string | undefined;
}

/** A formula typed as text, with the core's problems with it (type errors, unknown fields) below. */
export function FormulaInput({ id, value, onChange, pointer }: Props) {
  const { locale } = useDesignerContext();
  const { t } = useTranslation();
  const { issues } = useValidation();
  const [editing, setEditing] = useState<string>();
  // The entity the formula runs on, for the editor's completion: the one the pointer is inside.
  const entityIndex = Number(/^\/entities\/(\d+)/.exec(pointer ?? "")?.[1] ?? 0);
  const entity = useDesigner((s) => s.doc.entities?.[entityIndex]?.id) ?? "";
  const mine =
    pointer === undefined ? [] : issues.filter((i) => i.path === pointer || i.path.startsWith(`${pointer}/`));
  const describedBy = mine.length > 0 ? `${id}-issues` : undefined;
  return (
    <>
      <Input.TextArea
        id={id}
        className="model-formula"
        autoSize={{ minRows: 1, maxRows: 6 }}
        spellCheck={false}
        value={value ?? ""}
        status={mine.some((i) => i.severity === "error") ? "error" : mine.length > 0 ? "warning" : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
        style={{ fontFamily: "monospace" }}
      />
      <Button
        size="small"
        type="link"
        icon={<CodeOutlined aria-hidden />}
        onClick={() => setEditing(value ?? "")}
        disabled={entity === ""}
      >
        {t("model_formulaEditor")}
      </Button>
      <Modal
        open={editing !== undefined}
        title={t("model_formulaEditor")}
        okText={t("model_formulaApply")}
        cancelText={t("model_cancel")}
        width={720}
        destroyOnHidden
        onCancel={() => setEditing(undefined)}
        onOk={() => {
          onChange(editing === "" ? undefined : editing);
          setEditing(undefined);
        }}
      >
        <Suspense fallback={null}>
          {editing !== undefined && (
            <FormulaEditor entity={entity} value={editing} onChange={setEditing} path={pointer} />
          )}
        </Suspense>
      </Modal>
      {mine.length > 0 && (
        <ul id={describedBy} className="model-formula-issues" style={{ margin: "4px 0 0", paddingLeft: 18 }}>
          {mine.map((issue) => (
            <li key={`${issue.code}${issue.path}${issue.message.en}`}>
              <Typography.Text type={issue.severity === "error" ? "danger" : "warning"}>
                {issue.message[locale]}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
