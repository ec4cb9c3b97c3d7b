import Editor, { type OnMount } from "@monaco-editor/react";
import { useEffect, useState } from "react";
import type { TextMarker } from "./codeSync.js";
import { createEchoFilter } from "./echoFilter.js";
import { APP_MODEL_PATH, configureAppSchema, monaco, toMarkers } from "./monacoSetup.js";

export interface JsonEditorProps {
  readonly value: string;
  readonly onChange: (text: string) => void;
  readonly metaSchema: Record<string, unknown>;
  readonly markers: readonly TextMarker[];
  /** An offset to scroll to and put the cursor on (the selection); changes when it should move. */
  readonly reveal: number | undefined;
  readonly ariaLabel: string;
}

/** Monaco over the whole app JSON: a thin wrapper, the panel owns the text and its meaning. */
export default function JsonEditor(props: JsonEditorProps) {
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor>();
  const [echo] = useState(createEchoFilter);
  const onMount: OnMount = (mounted) => setEditor(mounted);
  configureAppSchema(props.metaSchema);

  const { value, markers, reveal } = props;
  useEffect(() => {
    const model = editor?.getModel();
    if (!editor || !model || echo.isEcho(value) || model.getValue() === value) return;
    // An edit, not setValue: Monaco's own undo can take back a change that came from elsewhere.
    editor.executeEdits("plinth-store", [{ range: model.getFullModelRange(), text: value }]);
    editor.pushUndoStop();
  }, [editor, echo, value]);

  useEffect(() => {
    const model = editor?.getModel();
    if (model) monaco.editor.setModelMarkers(model, "plinth", toMarkers(model, markers));
  }, [editor, markers]);

  useEffect(() => {
    const model = editor?.getModel();
    if (!editor || !model || reveal === undefined) return;
    const position = model.getPositionAt(reveal);
    editor.revealLineInCenter(position.lineNumber);
    editor.setPosition(position);
  }, [editor, reveal]);

  return (
    <Editor
      height="70vh"
      path={APP_MODEL_PATH}
      defaultLanguage="json"
      defaultValue={props.value}
      onMount={onMount}
      onChange={(text) => {
        echo.typed(text ?? "");
        props.onChange(text ?? "");
      }}
      options={{
        ariaLabel: props.ariaLabel,
        minimap: { enabled: false },
        tabSize: 2,
        wordWrap: "on",
        scrollBeyondLastLine: false,
        automaticLayout: true,
      }}
    />
  );
}
