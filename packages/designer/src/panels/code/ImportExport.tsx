import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { type App, canonicalAppJson } from "@plinth/runtime";
import { App as AntApp, Button, Space } from "antd";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { useDesignerContext } from "../../editor/context.js";
import { replaceDocument } from "../../store/commands.js";
import { parseAppText } from "./codeSync.js";

/** Save `text` as a file through the browser's download. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** "Export JSON" (the canonical text) and "Import JSON" (a file, checked, then one undo step). */
export function ImportExport() {
  const { t, i18n } = useTranslation();
  const { store, runtime, appId } = useDesignerContext();
  const { modal, message } = AntApp.useApp();
  const input = useRef<HTMLInputElement>(null);
  const lang = i18n.language === "zh-CN" ? "zh-CN" : "en";

  const importFile = async (file: File) => {
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      void message.error(t("code_importUnreadable", { reason: (error as Error).message }));
      return;
    }
    const parsed = parseAppText(text);
    if (!parsed.ok) {
      void message.error(t("code_importUnreadable", { reason: parsed.message[lang] }));
      return;
    }
    const other = (parsed.doc as { id?: unknown }).id;
    if (other !== appId) {
      void message.error(t("code_importOther", { other: String(other ?? "?"), app: appId }));
      return;
    }
    const { issues } = runtime.validateApp(parsed.doc);
    modal.confirm({
      title: t("code_importTitle", { file: file.name }),
      content: (
        <>
          <p>{issues.length > 0 ? t("code_importProblems", { count: issues.length }) : t("code_importClean")}</p>
          <p>{t("code_importReplace")}</p>
        </>
      ),
      okText: t("code_importOk"),
      cancelText: t("code_cancel"),
      onOk: () => {
        // Through the canonical form, so the document is stored as it will be exported.
        const doc = JSON.parse(canonicalAppJson(parsed.doc)) as App;
        if (store.getState().apply(replaceDocument(doc, { en: "Import JSON", "zh-CN": "导入 JSON" })))
          void message.success(t("code_imported", { file: file.name }));
      },
    });
  };

  return (
    <Space>
      <Button
        icon={<DownloadOutlined />}
        onClick={() => download(`${appId}.json`, canonicalAppJson(store.getState().doc))}
      >
        {t("code_export")}
      </Button>
      <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
        {t("code_import")}
      </Button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="code-import-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) void importFile(file);
        }}
      />
    </Space>
  );
}
