import type { FastifyInstance } from "fastify";
import type { Principal, ServerContext } from "../http/context.js";
import { httpError } from "../http/errors.js";
import type { AuditFilter } from "../storage/types.js";
import {
  type AuditQuery,
  appParamsSchema,
  auditPageSchema,
  auditQuerySchema,
  auditVerificationSchema,
} from "./schemas.js";
import { verifyAuditChain } from "./verify.js";

/** The app role whose holders may read that app's audit log (besides platform admins). */
export const AUDITOR_ROLE = "auditor";

/** 401 for anonymous callers, 403 unless `allowed`; `action` completes "You may not … here". */
async function assertAllowed(
  principal: Principal | undefined,
  allowed: (p: Principal) => Promise<boolean> | boolean,
  action: string,
  actionZh: string,
): Promise<Principal> {
  if (principal === undefined) throw httpError(401, "http.unauthenticated");
  if (!(await allowed(principal))) throw httpError(403, "http.forbidden", { action, actionZh });
  return principal;
}

/** An ISO instant in the stored form (UTC, milliseconds), so text comparison orders correctly. */
function instant(value: string | undefined): string | undefined {
  return value === undefined ? undefined : new Date(value).toISOString();
}

/** The storage filter for a validated query; one row more than asked, to know if a next page exists. */
export function auditFilterOf(appId: string, query: AuditQuery): AuditFilter {
  const from = instant(query.from);
  const to = instant(query.to);
  if (from !== undefined && to !== undefined && from >= to) {
    throw httpError(400, "http.badRequest", { reason: "'from' must be earlier than 'to'." }, { path: "/from" });
  }
  return {
    appId,
    entity: query.entity,
    recordId: query.record,
    userId: query.user,
    from,
    to,
    afterSeq: query.before,
    limit: query.limit + 1,
  };
}

/**
 * The audit feature: `GET /api/apps/:app/audit` (newest first, filtered and paged; platform
 * admins and holders of the app's `auditor` role) and `GET /api/audit/verify` (admins: walk
 * the hash chain and report the first tampered row). Relies on an auth plugin setting
 * `request.principal`.
 *
 * @example
 * const app = createHttp(ctx);
 * registerAudit(app, ctx);
 */
export function registerAudit(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { app: string }; Querystring: AuditQuery }>(
    "/api/apps/:app/audit",
    { schema: { params: appParamsSchema, querystring: auditQuerySchema, response: { 200: auditPageSchema } } },
    async (request) => {
      const appId = request.params.app;
      await assertAllowed(
        request.principal,
        async ({ user }) =>
          user.isAdmin || (await ctx.storage.read((tx) => tx.platform.rolesOf(user.id, appId))).includes(AUDITOR_ROLE),
        "read the audit log",
        "查看审计日志",
      );
      const filter = auditFilterOf(appId, request.query);
      const rows = await ctx.storage.read((tx) => tx.platform.audit(filter));
      const entries = rows.slice(0, request.query.limit);
      const last = entries.at(-1);
      return rows.length > entries.length && last !== undefined ? { entries, next: last.seq } : { entries };
    },
  );

  app.get("/api/audit/verify", { schema: { response: { 200: auditVerificationSchema } } }, async (request) => {
    await assertAllowed(request.principal, ({ user }) => user.isAdmin, "verify the audit log", "校验审计日志");
    return verifyAuditChain(ctx.storage);
  });
}
