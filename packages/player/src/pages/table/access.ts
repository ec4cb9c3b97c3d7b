import {
  type AccessPolicy,
  type App,
  createAccessPolicy,
  type Entity,
  type Field,
  fieldKindOf,
  type SourceUser,
  standardFunctions,
  systemFieldIds,
  workflowManagedFields,
} from "@plinth/runtime";

/**
 * What the signed-in user may see and change on a table page, from the app's own permissions
 * (the same policy the server enforces, compiled in the browser, as the form pages do). The
 * server stays the authority: this only decides what the page offers.
 */
export interface TableAccess {
  /** Fields the user may not read: never a column, a filter field or a sort key. */
  readonly hidden: ReadonlySet<string>;
  /** The field can be edited in place (the record must allow it too: {@link TableAccess.canEditRecord}). */
  canEditField(field: string): boolean;
  /** The user may update this record (the update row scope holds on it). */
  canEditRecord(record: Readonly<Record<string, unknown>>): boolean;
  /** The user may take this action on the entity at all (`export`, `import`...). */
  can(action: string): boolean;
  /** Fields `canEditRecord` reads (the update row scope's): the table fetches them with its columns. */
  readonly recordFields: ReadonlySet<string>;
}

/** Nothing hidden, nothing editable: while the user's roles load. */
export const NO_ACCESS: TableAccess = {
  hidden: new Set(),
  canEditField: () => false,
  canEditRecord: () => false,
  can: () => false,
  recordFields: new Set(),
};

const policies = new WeakMap<App, AccessPolicy>();

function policyOf(app: App): AccessPolicy {
  let policy = policies.get(app);
  if (!policy) {
    policy = createAccessPolicy(app, { functions: standardFunctions });
    policies.set(app, policy);
  }
  return policy;
}

/**
 * Fields a person types into: not computed (formulas, rollups, numbers), not read-only in the
 * schema, not system fields, not files (edited on the record's page), and not the state field of
 * a stage machine or an approval (those move through transitions, with their guards and effects).
 */
export function isInlineField(app: App, entity: Entity, field: Field): boolean {
  if (field.readOnly || fieldKindOf(field).computed || field.kind === "attachment") return false;
  if (systemFieldIds.has(field.id)) return false;
  return !workflowManagedFields(app, entity.id).some((m) => m.field === field.id);
}

function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The user's access to `entity`'s table; admins see and may change everything the schema allows. */
export function tableAccess(
  app: App,
  entity: Entity,
  user: SourceUser,
  now: () => Date = () => new Date(),
): TableAccess {
  const inline = new Set(entity.fields.filter((f) => isInlineField(app, entity, f)).map((f) => f.id));
  if (user.isAdmin) {
    return {
      hidden: new Set(),
      canEditField: (f) => inline.has(f),
      canEditRecord: () => true,
      can: () => true,
      recordFields: new Set(),
    };
  }
  const policy = policyOf(app);
  const who = { ...user.attributes, id: user.id, roles: user.roles };
  const read = policy.entityAccess(who, entity.id, "read");
  const update = policy.entityAccess(who, entity.id, "update");
  const verdicts = new WeakMap<object, boolean>();
  const scope = update.rowFilter;
  return {
    hidden: read.hiddenFields,
    recordFields: new Set(scope.kind === "any" ? scope.formulas.flatMap((f) => [...f.fields]) : []),
    can: (action) => policy.entityAccess(who, entity.id, action).allowed,
    canEditField: (f) => update.allowed && inline.has(f) && !update.readOnlyFields.has(f),
    canEditRecord(record) {
      if (!update.allowed) return false;
      if (update.rowFilter.kind === "all") return true;
      // One verdict per record object: rows re-render while scrolling, the row scope runs once.
      let verdict = verdicts.get(record);
      if (verdict === undefined) {
        const at = now();
        verdict = policy.canOnRecord(who, entity.id, "update", record, {
          today: localDate(at),
          now: at.toISOString(),
        });
        verdicts.set(record, verdict);
      }
      return verdict;
    },
  };
}
