import {
  type AccessUser,
  type App,
  createAccessPolicy,
  type Entity,
  type FormPage,
  type LayoutNode,
  type Runtime,
  systemFieldIds,
} from "@plinth/runtime";

/** Who the preview acts as: a platform administrator, or someone holding exactly these roles. */
export type PreviewRoles = readonly string[] | "admin";

export const PREVIEW_USER_ID = "preview-user";

export function previewUser(roles: PreviewRoles): AccessUser {
  return { id: PREVIEW_USER_ID, roles: roles === "admin" ? [] : roles };
}

/** What the preview's user may do with the entity's records, as the core's access policy decides. */
export interface PreviewAccess {
  readonly canRead: boolean;
  readonly canUpdate: boolean;
  readonly canCreate: boolean;
  readonly hidden: ReadonlySet<string>;
  /** Fields that may not be written on update (hidden ones included). */
  readonly readOnlyOnUpdate: ReadonlySet<string>;
  readonly readOnlyOnCreate: ReadonlySet<string>;
}

const none: ReadonlySet<string> = new Set();

export function previewAccess(app: App, runtime: Runtime, entity: string, roles: PreviewRoles): PreviewAccess {
  if (roles === "admin") {
    return {
      canRead: true,
      canUpdate: true,
      canCreate: true,
      hidden: none,
      readOnlyOnUpdate: none,
      readOnlyOnCreate: none,
    };
  }
  const policy = createAccessPolicy(app, { functions: runtime.functions });
  const user = previewUser(roles);
  const read = policy.entityAccess(user, entity, "read");
  const update = policy.entityAccess(user, entity, "update");
  const create = policy.entityAccess(user, entity, "create");
  return {
    canRead: read.allowed,
    canUpdate: update.allowed,
    canCreate: create.allowed,
    hidden: read.hiddenFields,
    readOnlyOnUpdate: update.readOnlyFields,
    readOnlyOnCreate: create.readOnlyFields,
  };
}

/**
 * The app as the form shows it to the user: hidden fields `hidden`, fields the user may not write
 * (all of them when the action is not allowed) `readOnly`. The server enforces the same policy.
 */
export function appAs(
  app: App,
  entity: string,
  hidden: ReadonlySet<string>,
  readOnly: ReadonlySet<string> | "all",
): App {
  return {
    ...app,
    entities: (app.entities ?? []).map((e) =>
      e.id !== entity
        ? e
        : {
            ...e,
            fields: e.fields.map((f) => {
              if (hidden.has(f.id)) return { ...f, hidden: true };
              if (readOnly === "all" || readOnly.has(f.id)) return { ...f, readOnly: true };
              return f;
            }),
          },
    ),
  } as App;
}

/** The given form page of the entity, or a section with every field of the entity in schema order. */
export function previewPage(app: App, entity: Entity, pageId: string | undefined): FormPage | undefined {
  if (pageId !== undefined) {
    return (app.pages ?? []).find((p): p is FormPage => p.kind === "form" && p.id === pageId && p.entity === entity.id);
  }
  return {
    kind: "form",
    id: `${entity.id}__preview`,
    entity: entity.id,
    label: entity.label ?? entity.id,
    layout: {
      kind: "section",
      columns: 2,
      children: entity.fields.filter((f) => !systemFieldIds.has(f.id)).map((f) => ({ kind: "field", field: f.id })),
    } as LayoutNode,
  } as FormPage;
}
