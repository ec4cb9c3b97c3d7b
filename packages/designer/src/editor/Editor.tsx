import { RedoOutlined, UndoOutlined } from "@ant-design/icons";
import { type Locale, labelText, type Runtime } from "@plinth/runtime";
import { Alert, Badge, Button, Layout, Menu, Modal, Result, Spin, Tag, Tooltip, Typography } from "antd";
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import type { DesignerApi } from "../api/designerApi.js";
import { errorText } from "../api/http.js";
import { LanguageSwitch } from "../LanguageSwitch.js";
import type { Autosave } from "../store/autosave.js";
import { nextRedo, nextUndo } from "../store/designerStore.js";
import { DesignerContext, type DesignerContextValue, useDesigner, useDesignerContext } from "./context.js";
import { IssuesList } from "./IssuesList.js";
import { type PanelId, panelFor, panelOrder } from "./panels.js";
import { useEditorSession } from "./useEditorSession.js";

const panels: Record<PanelId, React.LazyExoticComponent<() => React.ReactNode>> = {
  model: lazy(() => import("../panels/model/ModelPanel.js").then((m) => ({ default: m.ModelPanel }))),
  pages: lazy(() => import("../panels/pages/PagesPanel.js").then((m) => ({ default: m.PagesPanel }))),
  workflows: lazy(() => import("../panels/workflows/WorkflowsPanel.js").then((m) => ({ default: m.WorkflowsPanel }))),
  dashboards: lazy(() =>
    import("../panels/dashboards/DashboardsPanel.js").then((m) => ({ default: m.DashboardsPanel })),
  ),
  permissions: lazy(() =>
    import("../panels/permissions/PermissionsPanel.js").then((m) => ({ default: m.PermissionsPanel })),
  ),
  code: lazy(() => import("../panels/code/CodePanel.js").then((m) => ({ default: m.CodePanel }))),
  publish: lazy(() => import("../panels/publish/PublishPanel.js").then((m) => ({ default: m.PublishPanel }))),
};

interface Props {
  readonly api: DesignerApi;
  readonly runtime: Runtime;
  readonly appId: string;
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
  readonly onBack: () => void;
}

/** One app open in the designer: the panels around the one store, autosave, undo and redo. */
export function Editor(props: Props) {
  const { t } = useTranslation();
  const { session, error } = useEditorSession(props.api, props.appId);
  const [panel, setPanel] = useState<PanelId>("model");
  const locate = useCallback(
    (path: string) => {
      if (!session) return;
      setPanel(panelFor(path, session.store.getState().doc as never));
      session.store.getState().select(path);
    },
    [session],
  );
  const context = useMemo<DesignerContextValue | undefined>(
    () =>
      session && {
        store: session.store,
        runtime: props.runtime,
        api: props.api,
        appId: props.appId,
        locale: props.locale,
        locate,
        overlay: session.overlay,
        flushDraft: async () => {
          await session.autosave.flush();
          const state = session.autosave.status.getState().state;
          if (state.kind === "error") throw state.error;
          if (state.kind === "conflict") throw new Error("The draft was changed elsewhere: merge or reload first.");
        },
      },
    [session, props.runtime, props.api, props.appId, props.locale, locate],
  );
  if (error !== undefined)
    return (
      <Result
        status="error"
        title={errorText(error, props.locale)}
        extra={<Button onClick={props.onBack}>{t("backToApps")}</Button>}
      />
    );
  if (!session || !context) return <Spin fullscreen tip={t("loading")} />;
  const Panel = panels[panel];
  return (
    <DesignerContext.Provider value={context}>
      <Layout className="designer">
        <Layout.Header className="designer-head">
          <Button type="link" onClick={props.onBack}>
            {t("backToApps")}
          </Button>
          <AppTitle />
          {session.overlay && (
            <Tag color="purple">
              {t("overlay_variantOf", {
                template: labelText(session.overlay.template.label, props.locale, session.overlay.template.id),
              })}
            </Tag>
          )}
          <SaveStatus autosave={session.autosave} locale={props.locale} />
          <UndoRedo />
          <LanguageSwitch locale={props.locale} onChange={props.setLocale} />
        </Layout.Header>
        <Layout>
          <Layout.Sider width={190} theme="light" className="designer-side">
            <Menu
              mode="inline"
              selectedKeys={[panel]}
              onClick={({ key }) => setPanel(key as PanelId)}
              items={panelOrder.map((id) => ({ key: id, label: t(`panel_${id}`) }))}
            />
          </Layout.Sider>
          <Layout.Content className="designer-main">
            {session.restored && (
              <Alert type="info" showIcon closable title={t("restored")} style={{ marginBottom: 12 }} />
            )}
            <Refusal />
            <Suspense fallback={<Spin />}>
              <Panel />
            </Suspense>
          </Layout.Content>
          <Layout.Sider width={320} theme="light" className="designer-issues">
            <IssuesList />
          </Layout.Sider>
        </Layout>
      </Layout>
      <ConflictDialog autosave={session.autosave} />
    </DesignerContext.Provider>
  );
}

function AppTitle() {
  const label = useDesigner((s) => s.doc.label);
  const id = useDesigner((s) => s.doc.id);
  const { i18n } = useTranslation();
  return (
    <Typography.Title level={4} className="designer-title">
      {labelText(label, i18n.language as Locale, id)}
    </Typography.Title>
  );
}

function SaveStatus({ autosave, locale }: { autosave: Autosave; locale: Locale }) {
  const { t } = useTranslation();
  const state = useStore(autosave.status, (s) => s.state);
  const text =
    state.kind === "error" ? t("save_error", { reason: errorText(state.error, locale) }) : t(`save_${state.kind}`);
  return (
    <span role="status" className={`designer-save designer-save-${state.kind}`} data-save={state.kind}>
      {text}
      {state.kind === "error" && (
        <Button size="small" type="link" onClick={() => void autosave.flush()}>
          {t("retry")}
        </Button>
      )}
    </span>
  );
}

function isTextTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.isContentEditable);
}

function UndoRedo() {
  const { t, i18n } = useTranslation();
  const { store } = useDesignerContext();
  const undoOp = useDesigner(nextUndo);
  const redoOp = useDesigner(nextRedo);
  const lang = i18n.language === "zh-CN" ? "zh-CN" : "en";
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTextTarget(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        store.getState().undo();
      } else if ((key === "z" && event.shiftKey) || key === "y") {
        event.preventDefault();
        store.getState().redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store]);
  const undoText = undoOp ? t("undoWhat", { what: undoOp.label[lang] }) : t("nothingToUndo");
  const redoText = redoOp ? t("redoWhat", { what: redoOp.label[lang] }) : t("nothingToRedo");
  return (
    <span className="designer-undo">
      <Tooltip title={undoText}>
        <Button
          icon={<UndoOutlined />}
          aria-label={undoText}
          disabled={!undoOp}
          onClick={() => store.getState().undo()}
        >
          {t("undo")}
        </Button>
      </Tooltip>
      <Tooltip title={redoText}>
        <Button
          icon={<RedoOutlined />}
          aria-label={redoText}
          disabled={!redoOp}
          onClick={() => store.getState().redo()}
        >
          {t("redo")}
        </Button>
      </Tooltip>
    </span>
  );
}

/** Why the last edit was refused (a rename onto a taken id, removing something still used). */
function Refusal() {
  const { t, i18n } = useTranslation();
  const refusal = useDesigner((s) => s.refusal);
  const { store, locate } = useDesignerContext();
  if (!refusal || refusal.length === 0) return null;
  const lang = i18n.language === "zh-CN" ? "zh-CN" : "en";
  return (
    <Alert
      type="error"
      showIcon
      closable
      role="alert"
      onClose={() => store.getState().clearRefusal()}
      title={t("refused")}
      description={refusal.map((issue) => (
        <div key={`${issue.code}${issue.path}`}>
          {issue.message[lang]}{" "}
          {issue.path && (
            <Button size="small" type="link" onClick={() => locate(issue.path)}>
              {t("locate")}
            </Button>
          )}
        </div>
      ))}
      style={{ marginBottom: 12 }}
    />
  );
}

function ConflictDialog({ autosave }: { autosave: Autosave }) {
  const { t } = useTranslation();
  const state = useStore(autosave.status, (s) => s.state);
  return (
    <Modal
      open={state.kind === "conflict"}
      title={t("conflictTitle")}
      closable={false}
      maskClosable={false}
      footer={[
        <Button key="reload" onClick={() => void autosave.resolve("reload")}>
          {t("reload")}
        </Button>,
        <Button key="merge" type="primary" onClick={() => void autosave.resolve("merge")}>
          {t("merge")}
        </Button>,
      ]}
    >
      {state.kind === "conflict" && <p>{t("conflictBody", { revision: state.revision })}</p>}
      <Badge status="warning" text={t("save_conflict")} />
    </Modal>
  );
}
