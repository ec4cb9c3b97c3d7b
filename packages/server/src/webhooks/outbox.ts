import type { ServerContext } from "../http/context.js";
import type { OutboxRow, WriteTx } from "../storage/types.js";
import { hostAllowed, hostOf } from "./allowList.js";
import { allowedHosts } from "./settings.js";

/** What a webhook sends, as JSON: which automation (or workflow) of which app, about which record. */
export interface WebhookPayload {
  readonly event: "automation" | "workflow";
  readonly app: string;
  /** The automation id, or the workflow id for a workflow's webhook effect. */
  readonly source: string;
  readonly entity: string;
  readonly record: string | null;
  readonly at: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** `lastError` of a call refused because its host is not allowed. */
export function hostRefusal(url: string): string {
  return `webhook.hostNotAllowed: host '${hostOf(url)}' is not in the webhook allow-list. Add it with PUT /api/admin/webhooks, then retry the dead letter.`;
}

/**
 * Queue a webhook call in the caller's transaction; the dispatcher makes it after commit.
 * A URL whose host is not allowed is stored straight away as a dead letter with the reason,
 * so an administrator sees it (and can retry it after allowing the host).
 */
export async function enqueueWebhook(
  ctx: ServerContext,
  tx: WriteTx,
  url: string,
  payload: WebhookPayload,
): Promise<OutboxRow> {
  const allowed = hostAllowed(url, await allowedHosts(tx.platform));
  const row: OutboxRow = {
    id: ctx.newId(),
    appId: payload.app,
    url,
    body: JSON.stringify(payload),
    attempts: 0,
    nextAt: payload.at,
    status: allowed ? "pending" : "dead",
    lastError: allowed ? null : hostRefusal(url),
    createdAt: payload.at,
  };
  await tx.platform.insertOutbox(row);
  return row;
}
