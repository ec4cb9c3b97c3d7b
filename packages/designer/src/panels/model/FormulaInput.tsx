import { Input, Typography } from "antd";
import { useDesignerContext, useValidation } from "../../editor/context.js";

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
  const { issues } = useValidation();
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
