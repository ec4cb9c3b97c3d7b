import Editor from "@monaco-editor/react";
import type { Locale } from "@plinth/runtime";
import { useEffect, useId, useRef, useState } from "react";
import { createEchoFilter } from "./echoFilter.js";
import { FORMULA_LANGUAGE } from "./formulaLanguage.js";
import type { FormulaMarker } from "./formulaMarkers.js";
import type { FormulaContext } from "./formulaScope.js";
import { attachFormulaModel, monaco, registerFormulaLanguage, toMarkers } from "./monacoSetup.js";

export interface FormulaMonacoProps {
  readonly value: string;
  readonly onChange: (text: string) => void;
  readonly context: FormulaContext;
  readonly markers: readonly FormulaMarker[];
  readonly locale: Locale;
  readonly ariaLabel: string;
}

/** Monaco with the plinth-formula language: a thin wrapper, the providers are plain modules. */
export default function FormulaMonaco(props: FormulaMonacoProps) {
  const id = useId().replace(/[^A-Za-z0-9]/g, "");
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor>();
  // The completion provider asks for the newest scope and language, not the ones at mount.
  const latest = useRef(props);
  latest.current = props;
  const [echo] = useState(createEchoFilter);

  useEffect(() => {
    const model = editor?.getModel();
    if (!model) return;
    return attachFormulaModel(model.uri.toString(), {
      context: () => latest.current.context,
      locale: () => latest.current.locale,
    });
  }, [editor]);

  const { markers, locale, value } = props;
  useEffect(() => {
    const model = editor?.getModel();
    if (!model) return;
    const items = markers.map((m) => ({ ...m, message: m.message[locale] }));
    monaco.editor.setModelMarkers(model, "plinth-formula", toMarkers(model, items));
  }, [editor, markers, locale]);

  useEffect(() => {
    const model = editor?.getModel();
    if (!model || echo.isEcho(value) || model.getValue() === value) return;
    model.setValue(value);
  }, [editor, echo, value]);

  return (
    <Editor
      height="88px"
      path={`formula-${id}.plinth`}
      language={FORMULA_LANGUAGE}
      defaultValue={props.value}
      beforeMount={() => registerFormulaLanguage(props.context.functions.keys())}
      onMount={(mounted) => setEditor(mounted)}
      onChange={(text) => {
        echo.typed(text ?? "");
        props.onChange(text ?? "");
      }}
      options={{
        ariaLabel: props.ariaLabel,
        minimap: { enabled: false },
        lineNumbers: "off",
        glyphMargin: false,
        folding: false,
        wordWrap: "on",
        scrollBeyondLastLine: false,
        overviewRulerLanes: 0,
        renderLineHighlight: "none",
        fixedOverflowWidgets: true,
        automaticLayout: true,
        // Tab moves to the next control, as in the plain input (keyboard use).
        tabFocusMode: true,
      }}
    />
  );
}
