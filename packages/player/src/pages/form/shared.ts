import {
  type App,
  createAccessPolicy,
  createRuntime,
  type DataSource,
  type DetailPage,
  type Entity,
  type Field,
  type FormPage,
  fieldKindOf,
  type LayoutNode,
  labelText,
  quoteText,
  type SourceUser,
  titleFieldOf,
} from "@plinth/runtime";
import type { OptionsLookup } from "@plinth/runtime/react";
import { createContext, useContext, useEffect, useMemo, useState } from "react";
import { usePlayer } from "../../context.js";
import { createRecordSource } from "../../data/records.js";

/** One runtime for the player's forms (validation, computed fields); compiled programs are cached per app. */
export const runtime = createRuntime();

export function entityOf(app: App, id: string): Entity | undefined {
  return (app.entities ?? []).find((e) => e.id === id);
}

/** Typed in by people (not computed, not read-only in the schema). */
export function isInputField(field: Field): boolean {
  return !fieldKindOf(field).computed && !field.readOnly;
}

function sectionOf(entity: Entity, fields: readonly Field[]): LayoutNode {
  return {
    kind: "section",
    label: entity.label ?? entity.id,
    columns: 2,
    children: fields.map((f) => ({ kind: "field", field: f.id })),
  } as LayoutNode;
}

/** The schema's form page for `entity`, else a default one: a section with every input field in schema order. */
export function formPageFor(app: App, entity: Entity): FormPage {
  const found = (app.pages ?? []).find((p): p is FormPage => p.kind === "form" && p.entity === entity.id);
  if (found) return found;
  return {
    kind: "form",
    id: `${entity.id}__form`,
    entity: entity.id,
    label: entity.label ?? entity.id,
    layout: sectionOf(entity, entity.fields.filter(isInputField)),
  } as FormPage;
}

/**
 * The schema's detail page for `entity`, else a default one: a section with every field in schema
 * order (input fields and the computed ones, e.g. the number, so the record reads in full).
 */
export function detailPageFor(app: App, entity: Entity): DetailPage {
  const found = (app.pages ?? []).find((p): p is DetailPage => p.kind === "detail" && p.entity === entity.id);
  if (found) return found;
  return {
    kind: "detail",
    id: `${entity.id}__detail`,
    entity: entity.id,
    label: entity.label ?? entity.id,
    layout: sectionOf(entity, entity.fields),
  } as DetailPage;
}

/**
 * The app as this user may write it: fields the user's permissions make read-only (or hide) for
 * `action` are marked `readOnly`, so the form shows them disabled and never sends them.
 */
export function appForUser(app: App, user: SourceUser | undefined, entity: string, action: "create" | "update"): App {
  if (!user || user.isAdmin) return app;
  const policy = createAccessPolicy(app, { functions: runtime.functions });
  const access = policy.entityAccess({ ...user.attributes, id: user.id, roles: user.roles }, entity, action);
  if (!access.allowed || access.readOnlyFields.size === 0) return app;
  return {
    ...app,
    entities: (app.entities ?? []).map((e) =>
      e.id !== entity
        ? e
        : { ...e, fields: e.fields.map((f) => (access.readOnlyFields.has(f.id) ? { ...f, readOnly: true } : f)) },
    ),
  } as App;
}

/**
 * A data source that screens use instead of the server's (component tests hand them a memory
 * source). The player never provides it: in the app, screens always talk to the REST source.
 */
export const DataSourceOverride = createContext<DataSource | undefined>(undefined);

/** The app's full data source (the shell hands pages a list-only view of it). */
export function useDataSource(appId: string): DataSource {
  const { http } = usePlayer();
  const override = useContext(DataSourceOverride);
  return useMemo(() => override ?? createRecordSource(http, appId), [override, http, appId]);
}

/** The signed-in user with their roles in the app (undefined while loading). */
export function useSourceUser(source: DataSource): { user?: SourceUser; error?: unknown } {
  const [state, setState] = useState<{ user?: SourceUser; error?: unknown }>({});
  useEffect(() => {
    let live = true;
    source.me().then(
      (user) => live && setState({ user }),
      (error) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [source]);
  return state;
}

/**
 * What the form's widgets use: the data source's people (user picker), uploads and downloads
 * (attachments), lists and queries (related lists, widget nodes), and `options` for relation
 * fields (the target's titles).
 */
export function formSource(app: App, source: DataSource, me: SourceUser | undefined): OptionsLookup & DataSource {
  return { ...source, ...optionsLookup(app, source, me) };
}

/** Choices for relation fields (the target's titles) and user fields (the signed-in user) in the form. */
export function optionsLookup(app: App, source: DataSource, me: SourceUser | undefined): OptionsLookup {
  return {
    async options(search, field) {
      if (field.kind === "user") {
        if (!me) return [];
        const label = me.displayName || me.username;
        return label.toLowerCase().includes(search.toLowerCase()) ? [{ value: me.id, label }] : [];
      }
      if (field.kind !== "relation") return [];
      const target = entityOf(app, field.target);
      const titleField = (target && titleFieldOf(target)) ?? "id";
      const page = await source.list(field.target, {
        limit: 50,
        fields: [titleField],
        ...(search ? { filter: `CONTAINS(${titleField}, ${quoteText(search)})` } : {}),
      });
      return page.records.map((r) => ({ value: String(r.id), label: String(r[titleField] ?? r.id) }));
    },
  };
}

export function entityLabel(entity: Entity, locale: "en" | "zh-CN"): string {
  return labelText(entity.label, locale, entity.id);
}
