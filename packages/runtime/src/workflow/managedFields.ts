import type { App } from "../schema/types.js";

/** A field a workflow owns: a stage machine's stage field, or an approval's status mirror. */
export interface ManagedField {
  readonly field: string;
  readonly workflow: string;
  readonly kind: "stage" | "approvalStatus";
}

/** The fields of `entity` that only its workflows may change. */
export function workflowManagedFields(app: App, entity: string): ManagedField[] {
  const out: ManagedField[] = [];
  for (const w of app.workflows ?? []) {
    if (w.entity !== entity) continue;
    if (w.kind === "stateMachine") out.push({ field: w.field, workflow: w.id, kind: "stage" });
    else if (w.statusField !== undefined) out.push({ field: w.statusField, workflow: w.id, kind: "approvalStatus" });
  }
  return out;
}

/**
 * The first workflow-owned field a user's patch would change (a value different from the stored
 * one), or undefined. Stages move through transitions and approval statuses through approval
 * actions; a plain update that sends the unchanged value is fine.
 */
export function managedFieldChange(
  app: App,
  entity: string,
  stored: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
): ManagedField | undefined {
  return workflowManagedFields(app, entity).find(
    (m) => Object.hasOwn(patch, m.field) && (patch[m.field] ?? null) !== (stored[m.field] ?? null),
  );
}
