import type { App, InboxApproval, Locale, SourceNotification } from "@plinth/runtime";
import { labelText } from "@plinth/runtime";
import type { RecordRoute } from "../detail/recordRoute.js";

type Label = Parameters<typeof labelText>[0];

/** The record's detail page (where the approve/reject buttons are). */
export function recordRoute(appId: string, entity: string, id: string): RecordRoute {
  return { kind: "record", appId, entity, id, mode: "view" };
}

/** The workflow's label: the app's current definition, else the one the request was submitted with. */
export function workflowLabel(app: App, approval: InboxApproval, locale: Locale): string {
  const current = (app.workflows ?? []).find((w) => w.id === approval.workflow) as { label?: Label } | undefined;
  const submitted = approval.state.definition as { label?: Label } | undefined;
  return labelText(current?.label ?? submitted?.label, locale, approval.workflow);
}

/** The labels of the request's active steps (parallel steps are joined), from its own definition. */
export function activeStepLabels(approval: InboxApproval, locale: Locale): string[] {
  const defined = ((approval.state.definition as { steps?: { id: string; label?: Label }[] } | undefined)?.steps ??
    []) as { id: string; label?: Label }[];
  return approval.state.steps
    .filter((s) => s.status === "active")
    .map((s) => labelText(defined.find((d) => d.id === s.id)?.label, locale, s.id));
}

/** The notification's message in the locale, English when that locale is missing. */
export function notificationText(notification: SourceNotification, locale: Locale): string {
  const message = notification.message as Partial<Record<Locale, string>>;
  return message[locale] ?? message.en ?? "";
}

/** Newest first. */
export function byNewest<T>(items: readonly T[], at: (item: T) => string): T[] {
  return [...items].sort((a, b) => at(b).localeCompare(at(a)));
}
