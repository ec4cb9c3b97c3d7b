import { Input, Typography } from "antd";
import { lazy, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useDesigner, useDesignerContext } from "../../editor/context.js";
import { formulaMarkers } from "./formulaMarkers.js";
import { type FormulaContext, formulaContext } from "./formulaScope.js";

const FormulaMonaco = lazy(() => import("./FormulaMonaco.js"));

export interface FormulaEditorProps {
  /** The entity the formula runs on (its fields are completed and checked). */
  readonly entity: string;
  readonly value: string;
  readonly onChange: (text: string) => void;
  /** The formula's JSON Pointer in the app: the core's expected type and variables for that place. */
  readonly path?: string;
  /** The accessible name; "Formula" when omitted. */
  readonly label?: string;
}

/**
 * A formula in Monaco with the plinth-formula language: highlighting, completion of fields,
 * relation paths, variables and functions, and the core's errors as markers and as text below.
 * While Monaco loads (or where it cannot) a plain input edits the same value.
 *
 * @example <FormulaEditor entity="opportunity" value={text} onChange={setText} path="/entities/1/fields/4/visibleWhen" />
 */
export function FormulaEditor({ entity, value, onChange, path, label }: FormulaEditorProps) {
  const { t, i18n } = useTranslation();
  const { runtime } = useDesignerContext();
  const doc = useDesigner((s) => s.doc);
  const locale = i18n.language === "zh-CN" ? "zh-CN" : "en";
  const context = useMemo(() => formulaContext(doc, entity, runtime.functions, path), [doc, entity, runtime, path]);
  return (
    <FormulaField
      value={value}
      onChange={onChange}
      context={context}
      label={label ?? t("code_formulaLabel")}
      locale={locale}
    />
  );
}

export interface FormulaFieldProps {
  readonly value: string;
  readonly onChange: (text: string) => void;
  /** What the formula may name and must give (fields, variables, functions, expected types). */
  readonly context: FormulaContext;
  /** The accessible name. */
  readonly label: string;
  readonly locale: "en" | "zh-CN";
}

/**
 * A formula over any scope in Monaco, the core's errors as markers and as text below; a plain
 * input while Monaco loads. FormulaEditor gives it an entity's scope; other editors (a dashboard's
 * measure expressions) give it theirs.
 */
export function FormulaField({ value, onChange, context, label, locale }: FormulaFieldProps) {
  const markers = useMemo(() => formulaMarkers(value, context), [value, context]);
  const plain = (
    <Input
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      status={markers.some((m) => m.severity === "error") ? "error" : undefined}
      spellCheck={false}
      style={{ fontFamily: "monospace" }}
    />
  );
  return (
    <div className="designer-formula">
      <Suspense fallback={plain}>
        <FormulaMonaco
          value={value}
          onChange={onChange}
          context={context}
          markers={markers}
          locale={locale}
          ariaLabel={label}
        />
      </Suspense>
      {markers.map((m) => (
        <Typography.Text key={`${m.code}:${m.start}`} type={m.severity === "error" ? "danger" : "warning"} role="alert">
          {m.message[locale]}
        </Typography.Text>
      ))}
    </div>
  );
}
