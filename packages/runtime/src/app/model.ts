import type { Field } from "../fields/index.js";
import { pointer } from "../issues/issue.js";
import type { App, Entity, Page, Role, Workflow } from "../schema/types.js";

/** An element of the app with where it lives, for messages. */
export interface Located<T> {
  readonly value: T;
  readonly path: string;
}

export interface EntityModel extends Located<Entity> {
  readonly fields: ReadonlyMap<string, Located<Field>>;
}

/**
 * An app indexed by id for the checks and the engine. Maps (not objects) so that ids like
 * `constructor` can never reach a prototype. On duplicate ids the first one wins; the
 * duplicate is reported by the id checks.
 */
export interface AppModel {
  readonly app: App;
  readonly entities: ReadonlyMap<string, EntityModel>;
  readonly roles: ReadonlyMap<string, Located<Role>>;
  readonly workflows: ReadonlyMap<string, Located<Workflow>>;
  readonly pages: ReadonlyMap<string, Located<Page>>;
}

/** Fields every record has, maintained by the system. Usable in formulas and queries. */
export const systemFields: readonly Field[] = [
  { id: "id", kind: "text", label: { en: "ID", "zh-CN": "编号" }, readOnly: true },
  { id: "createdAt", kind: "datetime", label: { en: "Created at", "zh-CN": "创建时间" }, readOnly: true },
  { id: "updatedAt", kind: "datetime", label: { en: "Updated at", "zh-CN": "更新时间" }, readOnly: true },
  { id: "createdBy", kind: "user", label: { en: "Created by", "zh-CN": "创建人" }, readOnly: true },
  { id: "updatedBy", kind: "user", label: { en: "Updated by", "zh-CN": "更新人" }, readOnly: true },
];
export const systemFieldIds: ReadonlySet<string> = new Set([...systemFields.map((f) => f.id), "version"]);

/** Index items by id; `base` is the JSON Pointer of the array. */
function byId<T extends { readonly id: string }>(
  items: readonly T[] | undefined,
  base: string,
): Map<string, Located<T>> {
  const map = new Map<string, Located<T>>();
  items?.forEach((value, i) => {
    if (!map.has(value.id)) map.set(value.id, { value, path: `${base}/${i}` });
  });
  return map;
}

/** Index a structurally valid app. */
export function indexApp(app: App): AppModel {
  const entities = new Map<string, EntityModel>();
  app.entities?.forEach((entity, i) => {
    if (entities.has(entity.id)) return;
    const path = pointer("entities", i);
    const fields = new Map<string, Located<Field>>();
    for (const f of systemFields) fields.set(f.id, { value: f, path });
    for (const [id, f] of byId(entity.fields, `${path}/fields`)) if (!systemFieldIds.has(id)) fields.set(id, f);
    entities.set(entity.id, { value: entity, path, fields });
  });
  return {
    app,
    entities,
    roles: byId(app.roles, "/roles"),
    workflows: byId(app.workflows, "/workflows"),
    pages: byId(app.pages, "/pages"),
  };
}
