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

/** What an approval writes into its status field (ApprovalStatus). */
const APPROVAL_WRITES: ReadonlySet<string> = new Set(["pending", "approved", "rejected", "returned", "recalled"]);

/**
 * A new record's workflow-owned field that does not hold its starting value, or undefined: a
 * stage machine starts at its `initial` state; an approval status may not start as one of the
 * values the approval writes (pending, approved, …) unless that is the field's default. Creating a deal straight into Closed won would skip every guard on the way.
 */
export function managedFieldOnCreate(
  app: App,
  entity: string,
  values: Readonly<Record<string, unknown>>,
): (ManagedField & { readonly start: string }) | undefined {
  const managed = workflowManagedFields(app, entity);
  for (const m of managed) {
    const value = values[m.field] ?? null;
    if (value === null) continue;
    // A status field a stage machine also owns starts where the machine starts.
    if (m.kind === "approvalStatus" && managed.some((o) => o.kind === "stage" && o.field === m.field)) continue;
    const workflow = app.workflows?.find((w) => w.id === m.workflow);
    const field = app.entities?.find((e) => e.id === entity)?.fields.find((f) => f.id === m.field);
    const fallback = field && "default" in field && typeof field.default === "string" ? field.default : null;
    if (workflow?.kind === "stateMachine") {
      if (value !== workflow.initial) return { ...m, start: workflow.initial };
    } else if (value !== fallback && APPROVAL_WRITES.has(String(value))) {
      // Only the values an approval writes are its own; "draft" or "none" before submitting are the app's.
      return { ...m, start: fallback ?? "" };
    }
  }
  return undefined;
}
