import { CodeOutlined } from "@ant-design/icons";
import { expressionOperands, measureExpressionScope, type Query } from "@plinth/runtime";
import { Button, Form, Input, Modal } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApply, useDesignerContext } from "../../editor/context.js";
import { setValue } from "../../store/commands.js";
import { FormulaField } from "../code/FormulaEditor.js";
import type { FormulaContext } from "../code/formulaScope.js";
import { IssueHelp, useIssuesAt, useLocale } from "../workflows/fields.js";

interface Props {
  /** The measure's pointer (`…/query/measures/2`). */
  readonly path: string;
  readonly n: number;
  readonly query: Query;
}

/**
 * An expression measure's formula: a number computed from the query's other measures. The core's
 * issues show under it, the names it may use beside it, and the formula editor (Monaco, with
 * those names completed and checked) is one click away.
 */
export function MeasureExpression({ path, n, query }: Props) {
  const { t } = useTranslation();
  const apply = useApply();
  const measure = query.measures?.[n];
  const issues = useIssuesAt(`${path}/expression`);
  const [editing, setEditing] = useState<string>();
  if (!measure) return null;
  const names = expressionOperands(query);
  const label = t("dash_measureExpression", { n: n + 1 });
  // Emptied, the text stays (blank): the measure stays an expression and the core says what is missing.
  const set = (text: string) =>
    apply(
      setValue(`${path}/expression`, text, {
        en: `Edit the expression of ${measure.id}`,
        "zh-CN": `编辑 ${measure.id} 的表达式`,
      }),
    );
  return (
    <Form.Item
      label={label}
      validateStatus={issues.length > 0 ? "error" : undefined}
      help={issues.length > 0 ? <IssueHelp issues={issues} /> : undefined}
      extra={names.length > 0 ? t("dash_expressionNames", { names: names.join(", ") }) : t("dash_expressionNoNames")}
    >
      <Input.TextArea
        aria-label={label}
        autoSize={{ minRows: 1, maxRows: 6 }}
        className="designer-formula"
        spellCheck={false}
        placeholder="won / closed * 100"
        value={measure.expression ?? ""}
        onChange={(e) => set(e.target.value)}
      />
      <Button
        size="small"
        type="link"
        icon={<CodeOutlined aria-hidden />}
        aria-label={t("dash_openFormulaEditor", { n: n + 1 })}
        onClick={() => setEditing(measure.expression ?? "")}
      >
        {t("dash_formulaEditor")}
      </Button>
      <Modal
        open={editing !== undefined}
        title={label}
        okText={t("dash_formulaApply")}
        cancelText={t("dash_cancel")}
        width={720}
        destroyOnHidden
        onCancel={() => setEditing(undefined)}
        onOk={() => {
          if (editing !== undefined) set(editing);
          setEditing(undefined);
        }}
      >
        {editing !== undefined && (
          <MeasureExpressionEditor query={query} value={editing} onChange={setEditing} label={label} />
        )}
      </Modal>
    </Form.Item>
  );
}

interface EditorProps {
  readonly query: Query;
  readonly value: string;
  readonly onChange: (text: string) => void;
  readonly label: string;
}

/**
 * The formula editor (the code panel's Monaco formula language) over a measure expression's scope:
 * the query's number measures are its fields, the result must be a number, as `validateApp`
 * checks it. A plain input edits the same text while Monaco loads.
 */
function MeasureExpressionEditor({ query, value, onChange, label }: EditorProps) {
  const { runtime } = useDesignerContext();
  const locale = useLocale();
  const context = useMemo<FormulaContext>(
    () => ({ scope: measureExpressionScope(query), functions: runtime.functions, expected: ["number"] }),
    [query, runtime],
  );
  return <FormulaField value={value} onChange={onChange} context={context} label={label} locale={locale} />;
}
