import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesignerContext, useValidation } from "../../editor/context.js";
import { setValue } from "../../store/commands.js";

/**
 * A formula property (a visibility condition): blank removes it; the core's issues about it
 * (unknown fields, type errors) show under the input as the person types.
 */
export function FormulaInput({ path, value, label }: { path: string; value: string | undefined; label: string }) {
  const { t } = useTranslation();
  const { locale } = useDesignerContext();
  const apply = useApply();
  const issues = useValidation().issues.filter((issue) => issue.path === path || issue.path.startsWith(`${path}/`));
  const error = issues.find((issue) => issue.severity === "error");
  return (
    <Form.Item
      label={label}
      validateStatus={error ? "error" : issues.length > 0 ? "warning" : undefined}
      help={issues.length > 0 ? issues.map((issue) => issue.message[locale]).join(" ") : t("pages_formulaHelp")}
    >
      <Input
        aria-label={label}
        className="pages-formula"
        spellCheck={false}
        value={value ?? ""}
        onChange={(event) =>
          apply(
            setValue(path, event.target.value === "" ? undefined : event.target.value, {
              en: "Edit condition",
              "zh-CN": "编辑条件",
            }),
          )
        }
      />
    </Form.Item>
  );
}
