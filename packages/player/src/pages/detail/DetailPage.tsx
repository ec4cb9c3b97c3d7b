import { EditOutlined } from "@ant-design/icons";
import type {
  App,
  ApprovalRequest,
  AvailableActions,
  DetailPage as DetailPageDef,
  Field,
  LayoutNode,
  Locale,
  SourceRecord,
  StageHistoryEntry,
} from "@plinth/runtime";
import { isDataSourceError, labelText, recordTitle } from "@plinth/runtime";
import { Alert, Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Typography } from "antd";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../../context.js";
import { errorStatus, errorText } from "../../data/errors.js";
import { type FieldView, formatValue } from "../../format.js";
import { detailPageFor, entityLabel, entityOf, useDataSource, useSourceUser } from "../form/shared.js";
import type { PageProps } from "../PageView.js";
import { tableAccess } from "../table/access.js";
import { useRelationTitles } from "../useRelationTitles.js";
import { ApprovalPanel } from "./ApprovalPanel.js";
import { AttachmentLinks } from "./AttachmentLinks.js";
import { AuditHistory } from "./AuditHistory.js";
import { RelatedLists } from "./RelatedList.js";

interface Section {
  readonly key: string;
  readonly label?: ReactNode;
  readonly fields: string[];
}

/** The layout's field nodes grouped by their nearest section (tabs and columns are flattened). */
function sectionsOf(node: LayoutNode, locale: Locale): Section[] {
  const sections: Section[] = [];
  const walk = (n: LayoutNode, current: Section) => {
    const anyNode = n as { kind: string; field?: string; label?: unknown; children?: LayoutNode[]; tabs?: unknown };
    if (anyNode.kind === "field" && anyNode.field) current.fields.push(anyNode.field);
    else if (anyNode.kind === "section") {
      const section: Section = {
        key: `s${sections.length}`,
        label: labelText(anyNode.label as Parameters<typeof labelText>[0], locale, ""),
        fields: [],
      };
      sections.push(section);
      for (const child of anyNode.children ?? []) walk(child, section);
    } else if (Array.isArray(anyNode.tabs)) {
      for (const tab of anyNode.tabs as { children?: LayoutNode[] }[])
        for (const c of tab.children ?? []) walk(c, current);
    } else for (const child of anyNode.children ?? []) walk(child, current);
  };
  const root: Section = { key: "root", fields: [] };
  walk(node, root);
  return [root, ...sections].filter((s) => s.fields.length > 0);
}

const dateTime = (value: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale === "zh-CN" ? "zh-CN" : "en-US", { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(value),
  );

/** A refusal as text in the locale: the error's message, then the issues behind it (e.g. missing fields). */
function refusal(error: unknown, locale: Locale): ReactNode {
  const issues = isDataSourceError(error) ? (error.issues ?? []) : [];
  const head = errorText(error, locale);
  const lines = issues.map((i) => i.message[locale] ?? i.message.en).filter((m) => m && m !== head);
  return (
    <>
      <div>{head}</div>
      {lines.length > 0 && (
        <ul className="plinth-refusal">
          {lines.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </>
  );
}

interface Loaded {
  readonly record: SourceRecord;
  readonly actions: AvailableActions;
  readonly history: StageHistoryEntry[];
  readonly approvals: ApprovalRequest[];
}

/** /apps/:app/record/:entity/:id — the record's fields, its actions, stage history and approvals. */
export function RecordDetail({
  app,
  entity: entityId,
  id,
  page,
}: {
  app: App;
  entity: string;
  id: string;
  page?: DetailPageDef;
}) {
  const { locale, navigate, session } = usePlayer();
  const { t } = useTranslation();
  const source = useDataSource(app.id);
  const { user } = useSourceUser(source);
  const entity = entityOf(app, entityId);
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<unknown>();
  const [actionError, setActionError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      const [record, actions, history, approvals] = await Promise.all([
        source.get(entityId, id),
        source.actions(entityId, id).catch(() => ({ transitions: [], submit: [], approval: null }) as AvailableActions),
        source.history(entityId, id).catch(() => [] as StageHistoryEntry[]),
        source.approvals(entityId, id).catch(() => [] as ApprovalRequest[]),
      ]);
      setLoaded({ record, actions, history, approvals });
    } catch (e) {
      setError(e);
    }
  }, [source, entityId, id]);
  useEffect(() => {
    void load();
  }, [load]);

  const layout = page ?? (entity ? detailPageFor(app, entity) : undefined);
  const sections = layout ? sectionsOf(layout.layout, locale) : [];
  const shownFields = sections.flatMap((s) => s.fields);
  const titles = useRelationTitles(app, entity, shownFields, source, loaded ? [loaded.record] : undefined);

  /** Run a transition or approval action; true when it went through (the record is reloaded). */
  const act = async (action: string, body: { workflow?: string; comment?: string }): Promise<boolean> => {
    setBusy(action);
    setActionError(undefined);
    try {
      await source.action(entityId, id, action, body);
      await load();
      return true;
    } catch (e) {
      setActionError(e);
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  if (!entity) return <Result status="404" title={t("pageNotFound", { page: entityId })} />;
  if (error !== undefined)
    return (
      <Alert
        role="alert"
        type="error"
        showIcon
        title={errorStatus(error) === 404 ? t("recordNotFound") : errorText(error, locale)}
        action={<Button onClick={() => void load()}>{t("retry")}</Button>}
      />
    );
  if (!loaded) return <Spin description={t("loading")} />;

  const { record, actions, history, approvals } = loaded;
  const fieldOf = (fid: string) => entity.fields.find((f) => f.id === fid) as (Field & FieldView) | undefined;
  // People's names come with the titles (useRelationTitles) when a user field is shown.
  const userName = (uid: unknown) =>
    (typeof uid === "string" ? titles.get(uid) : undefined) ??
    (uid === session.user.id || uid === user?.id
      ? session.user.displayName || session.user.username
      : String(uid ?? ""));
  const show = (fid: string): ReactNode => {
    const field = fieldOf(fid);
    const value = record[fid];
    if (field?.kind === "user") return userName(value);
    if (field?.kind === "attachment")
      return <AttachmentLinks source={source} entity={entityId} recordId={id} field={fid} value={value} />;
    return formatValue(field, value, locale, titles, app.settings?.currency);
  };
  const heading = recordTitle(entity, record) ?? entityLabel(entity, locale);
  const stageLabel = (entry: StageHistoryEntry, value: string | null) => {
    const wf = (app.workflows ?? []).find((w) => w.id === entry.workflow) as { field?: string } | undefined;
    return value === null ? "—" : formatValue(wf?.field ? fieldOf(wf.field) : undefined, value, locale);
  };
  const transitionLabel = (workflow: string, transition: string) => {
    const wf = (app.workflows ?? []).find((w) => w.id === workflow) as
      | { transitions?: { id: string; label?: Parameters<typeof labelText>[0] }[] }
      | undefined;
    return labelText(wf?.transitions?.find((tr) => tr.id === transition)?.label, locale, transition);
  };
  // Without a label of its own a transition says where it goes ("Move to Proposal").
  const transitionText = (tr: AvailableActions["transitions"][number]) => {
    const wf = (app.workflows ?? []).find((w) => w.id === tr.workflow) as { field?: string } | undefined;
    const own = labelText(tr.label, locale, tr.id);
    return own !== tr.id
      ? own
      : t("moveTo", { state: formatValue(wf?.field ? fieldOf(wf.field) : undefined, tr.to, locale) });
  };

  // Edit only where the user may update this record (the server decides again on save).
  const editable = user !== undefined && tableAccess(app, entity, user).canEditRecord(record);

  return (
    <div className="plinth-detail-page" data-testid="record-detail">
      <Space
        className="plinth-detail-head"
        wrap
        style={{ marginBottom: 16, justifyContent: "space-between", width: "100%" }}
      >
        <Typography.Title level={3} className="plinth-page-title" style={{ margin: 0 }}>
          {heading}
        </Typography.Title>
        {editable && (
          <Button
            icon={<EditOutlined />}
            onClick={() => navigate({ kind: "record", appId: app.id, entity: entityId, id, mode: "edit" })}
          >
            {t("edit")}
          </Button>
        )}
      </Space>

      {sections.map((section) => (
        <Descriptions
          key={section.key}
          title={section.label || undefined}
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          style={{ marginBottom: 16 }}
          items={section.fields
            .filter((fid) => fid in record)
            .map((fid) => ({
              key: fid,
              label: labelText(fieldOf(fid)?.label, locale, fid),
              children: <span data-field={fid}>{show(fid)}</span>,
            }))}
        />
      ))}

      <RelatedLists app={app} entity={entityId} recordId={id} layout={layout?.layout} source={source} user={user} />

      <Card size="small" title={t("actions")} style={{ marginBottom: 16 }}>
        {actionError !== undefined && (
          <Alert role="alert" type="error" showIcon style={{ marginBottom: 12 }} title={refusal(actionError, locale)} />
        )}
        {actions.transitions.length === 0 && <Typography.Text type="secondary">{t("noActions")}</Typography.Text>}
        <Space wrap>
          {actions.transitions.map((tr) => (
            <Button
              key={`${tr.workflow}/${tr.id}`}
              data-action={tr.id}
              loading={busy === tr.id}
              disabled={busy !== undefined}
              onClick={() => void act(tr.id, { workflow: tr.workflow })}
            >
              {transitionText(tr)}
            </Button>
          ))}
        </Space>
      </Card>

      <Card size="small" title={t("stageHistory")} style={{ marginBottom: 16 }}>
        <Table<StageHistoryEntry>
          data-testid="stage-history"
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={history}
          locale={{ emptyText: <Empty description={t("noHistory")} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          columns={[
            { key: "at", title: t("historyAt"), render: (_, e) => dateTime(e.at, locale) },
            {
              key: "transition",
              title: t("historyTransition"),
              render: (_, e) => transitionLabel(e.workflow, e.transition),
            },
            { key: "from", title: t("historyFrom"), render: (_, e) => stageLabel(e, e.from) },
            { key: "to", title: t("historyTo"), render: (_, e) => stageLabel(e, e.to) },
            { key: "user", title: t("historyUser"), render: (_, e) => userName(e.userId) },
          ]}
        />
      </Card>

      <Card size="small" title={t("approvals")}>
        <ApprovalPanel
          app={app}
          actions={actions}
          requests={approvals}
          locale={locale}
          busy={busy}
          act={act}
          userName={(uid) => userName(uid)}
          dateTime={(iso) => dateTime(iso, locale)}
        />
      </Card>

      <AuditHistory
        app={app}
        entity={entity}
        recordId={id}
        titles={titles}
        version={record.version}
        userName={(uid) => userName(uid)}
        dateTime={(iso) => dateTime(iso, locale)}
      />
    </div>
  );
}

/** A detail page of the schema opened from the menu: it needs a record, which tables open. */
export function DetailPageView({ page }: PageProps<DetailPageDef>) {
  const { locale } = usePlayer();
  const { t } = useTranslation();
  return <Result status="info" title={labelText(page.label, locale, page.id)} subTitle={t("openRecordHint")} />;
}
