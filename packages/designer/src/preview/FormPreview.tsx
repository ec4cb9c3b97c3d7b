import {
  type App,
  type Entity,
  type FormPage,
  type Issue,
  type Locale,
  labelText,
  type RecordContext,
  type SourceRecord,
  type ValidateAppResult,
} from "@plinth/runtime";
import { createFormStore, FormRenderer, PlinthProvider } from "@plinth/runtime/react";
import { Alert, Space, Spin, Typography } from "antd";
import { type JSX, useEffect, useMemo, useState } from "react";
import { useDesigner, useDesignerContext, useValidation } from "../editor/context.js";
import { appAs, PREVIEW_USER_ID, type PreviewRoles, previewAccess, previewPage } from "./previewAccess.js";
import { previewOptions, previewSource } from "./previewSource.js";
import { type PreviewKey, previewText } from "./strings.js";

export interface FormPreviewProps {
  readonly app: App;
  readonly entity: string;
  /** A form page of the entity; absent: every field of the entity. */
  readonly page?: string;
  /** The roles to preview as, or a platform administrator. */
  readonly roles: PreviewRoles;
  readonly locale: Locale;
}

function IssueList({ issues, locale }: { issues: readonly Issue[]; locale: Locale }) {
  return (
    <Alert
      type="error"
      showIcon
      title={previewText(locale, "preview_invalid")}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {issues
            .filter((i) => i.severity === "error")
            .map((i) => (
              <li key={`${i.code}${i.path}`}>
                {i.message[locale]} <Typography.Text type="secondary">{i.path}</Typography.Text>
              </li>
            ))}
        </ul>
      }
    />
  );
}

function rolesText(app: App, roles: PreviewRoles, locale: Locale): string {
  if (roles === "admin") return "";
  return roles
    .map((id) => labelText((app.roles ?? []).find((r) => r.id === id)?.label, locale, id))
    .join(locale === "zh-CN" ? "、" : ", ");
}

function fieldNames(entity: Entity, ids: ReadonlySet<string>, locale: Locale): string {
  return entity.fields
    .filter((f) => ids.has(f.id))
    .map((f) => labelText(f.label, locale, f.id))
    .join(locale === "zh-CN" ? "、" : ", ");
}

function today(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The sample record shown (none: no record in the user's row scope), for one entity and roles. */
type Loaded = { readonly key: string } & ({ readonly record?: SourceRecord } | { readonly error: string });

interface PreviewFormProps {
  readonly app: App;
  readonly entity: Entity;
  readonly page: FormPage;
  readonly roles: PreviewRoles;
  readonly locale: Locale;
}

/** The form of a valid app as the user sees it, over sample records they may read. */
function PreviewForm({ app, entity, page, roles, locale }: PreviewFormProps) {
  const { runtime } = useDesignerContext();
  const rolesKey = roles === "admin" ? "admin" : JSON.stringify(roles);
  const who = roles === "admin" ? previewText(locale, "preview_admin") : rolesText(app, roles, locale);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `rolesKey` stands for `roles` (a new array each render)
  const access = useMemo(() => previewAccess(app, runtime, entity.id, roles), [app, runtime, entity.id, rolesKey]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `rolesKey` stands for `roles`
  const source = useMemo(() => previewSource(app, roles, who), [app, rolesKey, who]);
  const dataSource = useMemo(() => ({ ...source, ...previewOptions(app, source, who) }), [app, source, who]);
  const [last, setLoaded] = useState<Loaded>();
  // While the document changes the last record stays on screen (no flicker); not another entity's or role's.
  const key = `${entity.id}:${rolesKey}`;
  const loaded = last?.key === key ? last : undefined;

  useEffect(() => {
    let live = true;
    if (!access.canRead) return;
    source.list(entity.id, { limit: 1 }).then(
      (result) => live && setLoaded(result.records[0] ? { key, record: result.records[0] } : { key }),
      (error: unknown) => live && setLoaded({ key, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [source, entity.id, access.canRead, key]);

  const record = loaded && "record" in loaded ? loaded.record : undefined;
  const mode = record ? "update" : "create";
  const allowed = mode === "update" ? access.canUpdate : access.canCreate;
  const readOnly = mode === "update" ? access.readOnlyOnUpdate : access.readOnlyOnCreate;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `rolesKey` stands for `roles`
  const store = useMemo(() => {
    if (!loaded || "error" in loaded) return undefined;
    const now = new Date();
    const context: RecordContext = {
      mode,
      today: today(now),
      now: now.toISOString(),
      user: { id: PREVIEW_USER_ID, roles: roles === "admin" ? [] : [...roles] },
      ...(record ? { old: record } : {}),
    };
    return createFormStore({
      app: appAs(app, entity.id, access.hidden, allowed ? readOnly : "all"),
      entity: entity.id,
      ...(record ? { initial: record } : {}),
      context,
      runtime,
    });
  }, [loaded, app, entity.id, access, allowed, readOnly, mode, record, runtime, rolesKey]);

  const entityName = labelText(entity.label, locale, entity.id);
  const say = (key: PreviewKey, params: Record<string, string> = {}) =>
    previewText(locale, key, { entity: entityName, ...params });
  const summary =
    roles === "admin"
      ? say("preview_asAdmin")
      : roles.length === 0
        ? say("preview_noRoles")
        : say("preview_asRoles", { roles: who });
  const notes: string[] = [];
  if (access.canRead && loaded && !("error" in loaded)) {
    if (!record) notes.push(say("preview_noRecordInScope"));
    if (!allowed) notes.push(say(mode === "update" ? "preview_cannotUpdate" : "preview_cannotCreate"));
  }
  const masks = [
    access.hidden.size > 0 ? say("preview_hidden", { fields: fieldNames(entity, access.hidden, locale) }) : "",
    readOnly.size > 0 && allowed ? say("preview_readOnly", { fields: fieldNames(entity, readOnly, locale) }) : "",
  ].filter((m) => m !== "");

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Typography.Text strong>{summary}</Typography.Text>
      {masks.map((m) => (
        <Typography.Text key={m} type="secondary">
          {m}
        </Typography.Text>
      ))}
      {!access.canRead && <Alert type="warning" showIcon title={say("preview_cannotRead")} />}
      {notes.map((n) => (
        <Alert key={n} type="info" showIcon title={n} />
      ))}
      {loaded && "error" in loaded && (
        <Alert type="error" showIcon title={say("preview_failed", { reason: loaded.error })} />
      )}
      {access.canRead && !loaded && <Spin description={say("preview_loading")} />}
      {store && access.canRead && (
        <PlinthProvider locale={locale} dataSource={dataSource}>
          <FormRenderer
            key={`${rolesKey}:${record?.id ?? "new"}`}
            store={store}
            page={{ ...page, label: page.label ?? entity.label ?? entity.id }}
            warnOnUnsavedChanges={false}
          />
        </PlinthProvider>
      )}
    </Space>
  );
}

/**
 * An entity's form as a user with `roles` sees it: the form page's layout (every field when no
 * page is given) rendered by the runtime's renderers over generated sample records in memory,
 * hidden fields left out and read-only ones disabled as the core's access policy says. An
 * invalid app shows the core's issues instead.
 */
export function FormPreview(props: FormPreviewProps): JSX.Element {
  return (
    <section aria-label={previewText(props.locale, "preview_region")} className="plinth-form-preview">
      <CheckedPreview {...props} />
    </section>
  );
}

const validations = new WeakMap<App, ValidateAppResult>();

function CheckedPreview({ app, entity, page, roles, locale }: FormPreviewProps) {
  const { runtime } = useDesignerContext();
  // The designer validates its document once per version already: share that verdict.
  const current = useDesigner((s) => s.doc);
  const shared = useValidation();
  let checked = app === current ? shared : validations.get(app);
  if (!checked) {
    checked = runtime.validateApp(app);
    validations.set(app, checked);
  }
  if (!checked.ok || !checked.app) return <IssueList issues={checked.issues} locale={locale} />;
  const valid = checked.app;
  const target = (valid.entities ?? []).find((e) => e.id === entity);
  if (!target) return <Alert type="warning" showIcon title={previewText(locale, "preview_noEntity", { entity })} />;
  const formPage = previewPage(valid, target, page);
  if (!formPage) {
    return (
      <Alert type="warning" showIcon title={previewText(locale, "preview_noPage", { entity, page: page ?? "" })} />
    );
  }
  return <PreviewForm app={valid} entity={target} page={formPage} roles={roles} locale={locale} />;
}

export default FormPreview;
