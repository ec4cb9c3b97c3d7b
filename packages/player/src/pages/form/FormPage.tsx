import type { App, FormPage as FormPageDef, RecordContext, RecordValues, SourceRecord } from "@plinth/runtime";
import { isDataSourceError, labelText } from "@plinth/runtime";
import { createFormStore, FormRenderer, PlinthProvider } from "@plinth/runtime/react";
import { Alert, Button, Result, Spin, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../../context.js";
import { errorText } from "../../data/errors.js";
import { playerNodes } from "../detail/RelatedList.js";
import type { PageProps } from "../PageView.js";
import {
  appForUser,
  entityLabel,
  entityOf,
  formPageFor,
  formSource,
  runtime,
  useDataSource,
  useSourceUser,
} from "./shared.js";

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Only the values that differ from the stored record: an update sends what the user changed. */
function changesOf(values: RecordValues, old: SourceRecord): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (JSON.stringify(value ?? null) !== JSON.stringify(old[key] ?? null)) changes[key] = value;
  }
  return changes;
}

export interface RecordFormProps {
  readonly app: App;
  readonly entity: string;
  /** Absent: create a record. */
  readonly id?: string;
  /** The schema's form page to use; default: the entity's form page, else a generated one. */
  readonly page?: FormPageDef;
  /** Values a new record starts with (a related list's "New" fills in the relation). */
  readonly prefill?: Readonly<Record<string, string>>;
}

/**
 * Create (no `id`) or edit a record with the runtime's FormRenderer. Server issues go under their
 * fields; a 409 (stale version) offers a reload; a save lands on the record's detail page.
 */
export function RecordForm({ app, entity: entityId, id, page, prefill }: RecordFormProps) {
  const { locale, navigate } = usePlayer();
  const { t } = useTranslation();
  const source = useDataSource(app.id);
  const { user, error: userError } = useSourceUser(source);
  const entity = entityOf(app, entityId);
  const [record, setRecord] = useState<SourceRecord>();
  const [loadError, setLoadError] = useState<unknown>();
  const [saveError, setSaveError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);

  const load = useCallback(() => {
    if (id === undefined) return;
    setRecord(undefined);
    setLoadError(undefined);
    setSaveError(undefined);
    source.get(entityId, id).then(
      (r) => {
        setRecord(r);
        setGeneration((g) => g + 1);
      },
      (e) => setLoadError(e),
    );
  }, [source, entityId, id]);
  useEffect(load, [load]);

  const mode = id === undefined ? "create" : "update";
  const userApp = useMemo(() => appForUser(app, user, entityId, mode), [app, user, entityId, mode]);
  const widgetSource = useMemo(() => formSource(app, source, user), [app, source, user]);
  const formPage = page ?? (entity ? formPageFor(app, entity) : undefined);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` renews the form after a reload
  const store = useMemo(() => {
    if (!user || !entity || (mode === "update" && !record)) return undefined;
    const now = new Date();
    const context: RecordContext = {
      mode,
      today: today(),
      now: now.toISOString(),
      user: { ...user.attributes, id: user.id, roles: user.roles },
      ...(record ? { old: record } : {}),
    };
    return createFormStore({
      app: userApp,
      entity: entity.id,
      ...(record ? { initial: record } : prefill ? { initial: prefill } : {}),
      context,
      runtime,
    });
  }, [userApp, user, entity, mode, record, prefill, generation]);

  const toDetail = (recordId: string) =>
    navigate({ kind: "record", appId: app.id, entity: entityId, id: recordId, mode: "view" });

  // Cancel on a new record: back to the entity's table page (else the previous screen).
  const backToList = () => {
    const table = (app.pages ?? []).find((p) => p.kind === "table" && p.entity === entityId);
    if (table) navigate({ kind: "page", appId: app.id, pageId: table.id });
    else window.history.back();
  };

  const save = async (values: RecordValues) => {
    setSaveError(undefined);
    try {
      const saved =
        id === undefined || !record
          ? await source.create(entityId, values)
          : await source.update(entityId, id, Number(record.version), changesOf(values, record));
      toDetail(String(saved.id));
    } catch (error) {
      const issues = isDataSourceError(error) ? error.issues : undefined;
      if (issues && issues.length > 0) throw { issues };
      setSaveError(error);
      throw error;
    }
  };

  if (!entity) return <Result status="404" title={t("pageNotFound", { page: entityId })} />;
  const title = t(id === undefined ? "newRecordOf" : "editRecordOf", { entity: entityLabel(entity, locale) });
  const error = userError ?? loadError;
  const conflict = isDataSourceError(saveError) && saveError.status === 409;

  return (
    <div className="plinth-form-page" data-testid="record-form">
      <Typography.Title level={3} className="plinth-page-title">
        {title}
      </Typography.Title>
      {error !== undefined && <Alert role="alert" type="error" showIcon title={errorText(error, locale)} />}
      {conflict && (
        <Alert
          role="alert"
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("recordChanged")}
          description={t("recordChangedHint")}
          action={<Button onClick={load}>{t("reload")}</Button>}
        />
      )}
      {saveError !== undefined && !conflict && (
        <Alert role="alert" type="error" showIcon style={{ marginBottom: 16 }} title={errorText(saveError, locale)} />
      )}
      {error === undefined && (!store || !formPage) && <Spin description={t("loading")} />}
      {store && formPage && (
        <PlinthProvider locale={locale} dataSource={widgetSource} nodes={playerNodes}>
          <FormRenderer
            key={generation}
            store={store}
            page={{ ...formPage, label: formPage.label ?? labelText(entity.label, locale, entity.id) }}
            onSubmit={save}
            onCancel={() => (id === undefined ? backToList() : toDetail(id))}
            warnOnUnsavedChanges={false}
          />
        </PlinthProvider>
      )}
    </div>
  );
}

/** A form page of the schema opened from the menu: creates a record of its entity. */
export function FormPageView({ app, page }: PageProps<FormPageDef>) {
  return <RecordForm app={app} entity={page.entity} page={page} />;
}
