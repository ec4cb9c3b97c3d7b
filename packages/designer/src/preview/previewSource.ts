import { type App, createMemorySource, type MemorySource, titleFieldOf } from "@plinth/runtime";
import type { OptionsLookup } from "@plinth/runtime/react";
import { PREVIEW_USER_ID, type PreviewRoles } from "./previewAccess.js";
import { sampleRecords } from "./sampleData.js";

/** An in-memory data source over generated sample records, acting as the preview's user. */
export function previewSource(app: App, roles: PreviewRoles, displayName: string): MemorySource {
  let next = 0;
  return createMemorySource({
    app,
    user: {
      id: PREVIEW_USER_ID,
      displayName,
      roles: roles === "admin" ? [] : roles,
      isAdmin: roles === "admin",
    },
    records: sampleRecords(app, PREVIEW_USER_ID, new Date()),
    clock: () => new Date().toISOString(),
    newId: () => `preview-${++next}`,
  });
}

/** Choices for the form's relation fields (the target's sample titles) and user fields (the preview's user). */
export function previewOptions(app: App, source: MemorySource, displayName: string): OptionsLookup {
  return {
    async options(search, field) {
      const match = (label: string) => label.toLowerCase().includes(search.toLowerCase());
      if (field.kind === "user") return match(displayName) ? [{ value: PREVIEW_USER_ID, label: displayName }] : [];
      if (field.kind !== "relation") return [];
      const target = (app.entities ?? []).find((e) => e.id === field.target);
      const title = (target && titleFieldOf(target)) ?? "id";
      const page = await source.list(field.target, { limit: 50, fields: [title] }).catch(() => ({ records: [] }));
      return page.records
        .map((r) => ({ value: String(r.id), label: String(r[title] ?? r.id) }))
        .filter((o) => match(o.label));
    },
  };
}
