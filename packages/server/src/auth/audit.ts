import type { FastifyRequest } from "fastify";
import type { ServerContext } from "../http/context.js";
import type { WriteTx } from "../storage/types.js";

/** Who did something and when, as recorded in the audit log. */
export interface Actor {
  readonly userId: string | null;
  readonly requestId: string | null;
}

/** The actor of a request: its signed-in user (if any) and its request id. */
export function actorOf(request: FastifyRequest): Actor {
  return { userId: request.principal?.user.id ?? null, requestId: request.id };
}

/**
 * Append one platform-level audit row (no app, entity or record) inside the caller's write
 * transaction, so the change and its record commit or roll back together. Never pass secrets in `diff`.
 */
export async function auditPlatform(
  ctx: ServerContext,
  tx: WriteTx,
  actor: Actor,
  action: string,
  diff: unknown,
  appId: string | null = null,
): Promise<void> {
  await tx.platform.appendAudit({
    at: ctx.clock.now().toISOString(),
    userId: actor.userId,
    requestId: actor.requestId,
    action,
    appId,
    entity: null,
    recordId: null,
    diff,
  });
}
