import type { ServerContext } from "../http/context.js";
import type { OutboxRow } from "../storage/types.js";
import { hostAllowed } from "./allowList.js";
import { hostRefusal } from "./outbox.js";
import { allowedHosts, webhookSecret } from "./settings.js";
import { signWebhook } from "./sign.js";

/** Attempts before a call becomes a dead letter. */
export const MAX_ATTEMPTS = 6;
const BASE_MS = 30_000;
const CAP_MS = 6 * 3_600_000;

/** Wait before the next try after `attempts` failed ones: 30 s × 4^(attempts−1), at most 6 h. */
export function backoffMs(attempts: number): number {
  return Math.min(CAP_MS, BASE_MS * 4 ** Math.max(0, attempts - 1));
}

export interface WebhookDispatcherOptions {
  /** A call that has not answered 2xx within this many ms failed (default 10 000). */
  readonly timeoutMs?: number;
  /** Calls claimed per round (default 20). */
  readonly batch?: number;
}

/** Delivers queued webhook calls after their transactions committed. */
export interface WebhookDispatcher {
  /** Claim and make every call due at `now`; returns how many were attempted. */
  deliverDue(now: Date): Promise<number>;
}

type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

/**
 * Webhook delivery from the outbox. A round claims due rows in a write transaction (pushing
 * their `nextAt` a lease ahead, so another process polling the same database skips them),
 * POSTs them in parallel outside any transaction, then records each outcome: delivered on a
 * 2xx within the timeout; otherwise retried after {@link backoffMs}, and dead (with
 * `lastError`) after {@link MAX_ATTEMPTS} failures. Redirects count as failures: a receiver
 * cannot bounce a call to a host that is not allowed. Delivery is at least once: a crash
 * between the POST and the outcome repeats the call after the lease; receivers deduplicate
 * by `X-Plinth-Delivery`.
 */
export function createWebhookDispatcher(ctx: ServerContext, options: WebhookDispatcherOptions = {}): WebhookDispatcher {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const batch = options.batch ?? 20;
  const leaseMs = timeoutMs * 3;

  async function claim(now: Date) {
    const at = now.toISOString();
    const lease = new Date(now.getTime() + leaseMs).toISOString();
    return ctx.storage.write(async (tx) => {
      const rows = await tx.platform.dueOutbox(at, batch);
      for (const row of rows) await tx.platform.updateOutbox(row.id, { ...pick(row), nextAt: lease });
      return {
        rows,
        hosts: await allowedHosts(tx.platform),
        secret: await webhookSecret(tx.platform),
      };
    });
  }

  async function post(row: OutboxRow, secret: string, now: Date): Promise<Outcome> {
    const timestamp = String(Math.floor(now.getTime() / 1000));
    try {
      const response = await fetch(row.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Plinth-Webhooks/1",
          "x-plinth-signature": signWebhook(secret, timestamp, row.body),
          "x-plinth-timestamp": timestamp,
          "x-plinth-delivery": row.id,
        },
        body: row.body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { ok: true };
      return { ok: false, error: `webhook.httpStatus: the receiver answered ${response.status}.` };
    } catch (error) {
      const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : "";
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      return {
        ok: false,
        error: timedOut
          ? `webhook.timeout: no answer within ${timeoutMs / 1000} s.`
          : `webhook.unreachable: ${reason || "the request failed"}.`,
      };
    }
  }

  async function record(row: OutboxRow, outcome: Outcome, now: Date): Promise<void> {
    const attempts = row.attempts + 1;
    await ctx.storage.write(async (tx) => {
      if (outcome.ok) {
        await tx.platform.updateOutbox(row.id, { attempts, nextAt: row.nextAt, status: "delivered", lastError: null });
        return;
      }
      const dead = attempts >= MAX_ATTEMPTS || outcome.error.startsWith("webhook.hostNotAllowed");
      const nextAt = new Date(now.getTime() + backoffMs(attempts)).toISOString();
      await tx.platform.updateOutbox(row.id, {
        attempts,
        nextAt,
        status: dead ? "dead" : "pending",
        lastError: outcome.error,
      });
      if (dead) {
        await tx.platform.appendAudit({
          at: now.toISOString(),
          userId: null,
          requestId: null,
          action: "webhook.dead",
          appId: row.appId,
          entity: null,
          recordId: null,
          diff: { delivery: row.id, url: row.url, attempts, lastError: outcome.error },
        });
      }
    });
  }

  return {
    async deliverDue(now) {
      const { rows, hosts, secret } = await claim(now);
      await Promise.all(
        rows.map(async (row) => {
          const outcome: Outcome = !hostAllowed(row.url, hosts)
            ? { ok: false, error: hostRefusal(row.url) }
            : secret === undefined
              ? {
                  ok: false,
                  error: "webhook.noSecret: no signing secret is set. Set one with PUT /api/admin/webhooks.",
                }
              : await post(row, secret, now);
          await record(row, outcome, now);
        }),
      );
      return rows.length;
    },
  };
}

function pick(row: OutboxRow): Pick<OutboxRow, "attempts" | "nextAt" | "status" | "lastError"> {
  return { attempts: row.attempts, nextAt: row.nextAt, status: row.status, lastError: row.lastError };
}
