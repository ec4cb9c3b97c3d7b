import { Alert, Button, Input, Typography } from "antd";
import { Component, lazy, type ReactNode, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useDesigner, useDesignerContext, useValidation } from "../../editor/context.js";
import { issueMarkers, revealOffset } from "./codeSync.js";
import { ImportExport } from "./ImportExport.js";
import { useCodeText } from "./useCodeText.js";

const JsonEditor = lazy(() => import("./JsonEditor.js"));

/** Keeps the plain editor when Monaco cannot load (an old browser, a failed chunk). */
class KeepFallback extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** The code view: the whole app JSON in Monaco, two-way synced with the other panels. */
export function CodePanel() {
  const { t, i18n } = useTranslation();
  const { store, runtime } = useDesignerContext();
  const doc = useDesigner((s) => s.doc);
  const selection = useDesigner((s) => s.selection);
  const { issues } = useValidation();
  const lang = i18n.language === "zh-CN" ? "zh-CN" : "en";
  const code = useCodeText(store, doc);
  const { text, problem } = code;
  const markers = useMemo(() => (problem ? [] : issueMarkers(text, issues, lang)), [text, issues, lang, problem]);
  // Only a new selection moves the cursor, not typing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: text is read when the selection changes
  const reveal = useMemo(() => (selection === undefined ? undefined : revealOffset(text, selection)), [selection]);

  const plain = (
    <Input.TextArea
      aria-label={t("code_editorLabel")}
      className="designer-code-plain"
      value={text}
      onChange={(event) => code.edit(event.target.value)}
      autoSize={{ minRows: 20, maxRows: 40 }}
      spellCheck={false}
      style={{ fontFamily: "monospace" }}
    />
  );

  return (
    <section aria-label={t("code_title")}>
      <Typography.Title level={3}>{t("code_title")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("code_intro")}</Typography.Paragraph>
      <ImportExport />
      {problem && (
        <Alert
          type="warning"
          showIcon
          title={t("code_unparsed")}
          description={problem[lang]}
          style={{ marginTop: 12 }}
        />
      )}
      {code.changedElsewhere && (
        <Alert
          type="info"
          showIcon
          role="alert"
          title={t("code_changedElsewhere")}
          action={<Button onClick={code.takeCurrent}>{t("code_takeCurrent")}</Button>}
          style={{ marginTop: 12 }}
        />
      )}
      <div style={{ marginTop: 12 }}>
        <KeepFallback fallback={plain}>
          <Suspense
            fallback={
              <>
                <Typography.Paragraph type="secondary">{t("code_loadingEditor")}</Typography.Paragraph>
                {plain}
              </>
            }
          >
            <JsonEditor
              value={text}
              onChange={code.edit}
              metaSchema={runtime.metaSchema}
              markers={markers}
              reveal={reveal}
              ariaLabel={t("code_editorLabel")}
            />
          </Suspense>
        </KeepFallback>
      </div>
    </section>
  );
}
