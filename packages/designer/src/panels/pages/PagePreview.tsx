import {
  type App,
  createMemorySource,
  type DataSource,
  type FormPage,
  type MemorySource,
  type RecordContext,
  type SourceRecord,
  titleFieldOf,
} from "@plinth/runtime";
import { createFormStore, FormRenderer, LayoutView, type OptionsLookup, PlinthProvider } from "@plinth/runtime/react";
import { Alert, Spin } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useDesignerContext, useValidation } from "../../editor/context.js";
import { entityOf, isLayoutPage } from "./layoutTree.js";
import { createSampleRecords } from "./sampleRecords.js";

const PREVIEW_USER = "designer-preview";

interface Sample {
  readonly app: App;
  readonly source: MemorySource;
  readonly record: SourceRecord | undefined;
}

/** Relation choices from the sample records (as the player offers them from the server). */
function withOptions(app: App, source: DataSource): DataSource & OptionsLookup {
  return {
    ...source,
    async options(search, field) {
      if (field.kind === "user") return [{ value: PREVIEW_USER, label: "Preview" }];
      if (field.kind !== "relation") return [];
      const target = entityOf(app, field.target);
      const title = (target && titleFieldOf(target)) ?? "id";
      const page = await source.list(field.target, { limit: 50 });
      return page.records
        .map((r) => ({ value: String(r.id), label: String(r[title] ?? r.id) }))
        .filter((o) => o.label.toLowerCase().includes(search.toLowerCase()));
    },
  };
}

/**
 * The selected form or detail page as the player renders it (the runtime's renderers), over an
 * in-memory data source holding a few sample records of every entity; the form opens the
 * first sample of the page's entity. Rebuilt whenever the document is valid again after an edit.
 */
export function PagePreview({ pageIndex }: { readonly pageIndex: number }) {
  const { t } = useTranslation();
  const { runtime, locale } = useDesignerContext();
  const validation = useValidation();
  const app = validation.ok ? validation.app : undefined;
  const page = app?.pages?.[pageIndex];
  const entity = isLayoutPage(page) ? page.entity : undefined;
  const [sample, setSample] = useState<Sample>();
  // Samples depend on the data model only: a layout edit keeps them.
  const entities = app?.entities;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `entities` stands for the data model of `app`
  useEffect(() => {
    if (!app || !entity) return;
    let live = true;
    let n = 0;
    const roles = (app.roles ?? []).map((r) => r.id);
    const source = createMemorySource({
      app,
      user: { id: PREVIEW_USER, displayName: "Preview", roles, isAdmin: true },
      clock: () => new Date().toISOString(),
      newId: () => `sample-${++n}`,
    });
    createSampleRecords(app, source, PREVIEW_USER).then(
      async (ids) => {
        const first = ids.get(entity)?.[0];
        const record = first === undefined ? undefined : await source.get(entity, first);
        if (live) setSample({ app, source, record });
      },
      () => live && setSample({ app, source, record: undefined }),
    );
    return () => {
      live = false;
    };
  }, [entities, entity]);
  const store = useMemo(() => {
    if (!app || !entity || !sample) return undefined;
    const now = new Date();
    const context: RecordContext = {
      mode: sample.record ? "update" : "create",
      today: now.toISOString().slice(0, 10),
      now: now.toISOString(),
      user: { id: PREVIEW_USER, roles: (app.roles ?? []).map((r) => r.id) },
      ...(sample.record ? { old: sample.record } : {}),
    };
    return createFormStore({
      app,
      entity,
      ...(sample.record ? { initial: sample.record } : {}),
      context,
      runtime,
    });
  }, [app, entity, sample, runtime]);
  const dataSource = useMemo(() => sample && withOptions(sample.app, sample.source), [sample]);
  if (!validation.ok) return <Alert type="warning" showIcon title={t("pages_previewInvalid")} />;
  if (!isLayoutPage(page)) return null;
  if (!store || !dataSource) return <Spin description={t("pages_previewLoading")} />;
  return (
    <section className="pages-preview" aria-label={t("pages_preview")}>
      <PlinthProvider locale={locale} dataSource={dataSource}>
        {page.kind === "form" ? (
          <FormRenderer
            store={store}
            page={page as FormPage}
            onSubmit={async () => undefined}
            warnOnUnsavedChanges={false}
          />
        ) : (
          <LayoutView store={store} node={page.layout} />
        )}
      </PlinthProvider>
    </section>
  );
}
