import { type App, type Issue, rebaseOverlay, resolveVariant } from "@plinth/runtime";
import type { ServerContext } from "../http/context.js";
import { httpError, invalid } from "../http/errors.js";
import { isDestructive, type MigrationPlan, planMigration, type Renames } from "../storage/plan.js";
import type { WriteOptions, WriteTx } from "../storage/types.js";

export interface PublishInput {
  readonly appId: string;
  readonly schema: unknown;
  readonly actor: string;
  readonly requestId: string | null;
  readonly renames?: Renames;
  readonly confirm?: boolean;
  readonly dryRun?: boolean;
  /** "app.publish" or "app.rollback" in the audit log. */
  readonly action: "app.publish" | "app.rollback";
}

export interface PublishResult {
  readonly version: number | null;
  readonly plan: MigrationPlan;
  readonly applied: boolean;
  /** For a variant rebased on an upgraded template: the nodes both changed (`overlay.conflict`). */
  readonly conflicts: readonly Issue[];
}

function describeSteps(plan: MigrationPlan): string {
  return plan.steps
    .filter(isDestructive)
    .map((s) => {
      switch (s.kind) {
        case "dropTable":
          return `drop ${s.entity} (${s.rows} rows)`;
        case "dropColumn":
          return `drop ${s.entity}.${s.field} (${s.rows} values)`;
        case "changeType":
          return `convert ${s.entity}.${s.field} from ${s.from} to ${s.to} (${s.rows} values)`;
        default:
          return s.kind;
      }
    })
    .join("; ");
}

/** The meta key recording which version of its template a variant's published version was resolved against. */
function variantBaseKey(appId: string, version: number): string {
  return `variantBase:${appId}:${version}`;
}

/** A draft resolved for publishing: the schema, and for a variant its template version and the upgrade's conflicts. */
export interface ResolvedDraft {
  readonly schema: unknown;
  readonly base?: { readonly app: string; readonly version: number };
  /** `overlay.conflict` warnings: nodes both the template upgrade and the overlay change (the overlay's value is kept). */
  readonly conflicts: readonly Issue[];
}

/**
 * What a draft stands for: the draft itself, or for a regional variant (`extends`), its template's
 * published version with the variant's overlay applied. An overlay operation the template's locks
 * refuse (or whose target is gone) stops the publish with the operation's path. When the variant
 * was last published against an older template version, the overlay is rebased: every node that
 * both the upgrade and the overlay change is reported as a conflict, so neither side is lost silently.
 */
export async function resolveDraft(tx: WriteTx, appId: string, draft: unknown): Promise<ResolvedDraft> {
  const variant = draft as App | null;
  const base = variant?.extends?.app;
  if (!variant || typeof base !== "string") return { schema: draft, conflicts: [] };
  const row = await tx.platform.app(base);
  if (!row || row.publishedVersion === null)
    throw httpError(404, "http.notPublished", { id: base }, { path: "/extends/app" });
  const template = await tx.platform.appVersion(base, row.publishedVersion);
  if (!template) throw httpError(404, "http.notPublished", { id: base }, { path: "/extends/app" });
  const resolved = resolveVariant(template.schema, variant);
  const refused = resolved.issues.filter((i) => i.severity === "error");
  if (refused.length > 0) throw invalid(refused);
  const own = await tx.platform.app(appId);
  const earlier = own?.publishedVersion
    ? await tx.platform.meta(variantBaseKey(appId, own.publishedVersion))
    : undefined;
  let conflicts: readonly Issue[] = [];
  if (earlier !== undefined && Number(earlier) !== template.version) {
    const old = await tx.platform.appVersion(base, Number(earlier));
    if (old) conflicts = rebaseOverlay(old.schema, template.schema, variant.overlay ?? []).conflicts;
  }
  return { schema: resolved.app, base: { app: base, version: template.version }, conflicts };
}

/** The schema a draft stands for (see {@link resolveDraft}). */
export async function effectiveSchema(tx: WriteTx, draft: unknown, appId = ""): Promise<unknown> {
  return (await resolveDraft(tx, appId, draft)).schema;
}

/**
 * The write option every publish of an app runs under: publishes of one app take turns across all
 * processes, so each plans its migration from the version the previous one committed.
 */
export function publishing(appId: string): WriteOptions {
  return { exclusive: `publish:${appId}` };
}

/**
 * Publish a schema as the app's next version inside one write transaction (run it with
 * {@link publishing}): validate it,
 * plan the migration from the current version (counting the rows destructive steps touch),
 * refuse destructive plans without `confirm`, apply the plan, record the version and audit it.
 * With `dryRun` the plan is computed and nothing changes.
 */
export async function publishApp(ctx: ServerContext, tx: WriteTx, input: PublishInput): Promise<PublishResult> {
  const draft = await resolveDraft(tx, input.appId, input.schema);
  const validated = ctx.runtime.validateApp(draft.schema);
  if (!validated.app) throw invalid(validated.issues);
  const next: App = validated.app;
  if (next.id !== input.appId) {
    throw httpError(
      400,
      "http.badRequest",
      { reason: `the schema's id '${next.id}' is not the app '${input.appId}'` },
      { path: "/id" },
    );
  }
  const row = await tx.platform.app(input.appId);
  if (!row) throw httpError(404, "http.notFound", { what: "app", whatZh: "应用", id: input.appId });
  const current =
    row.publishedVersion === null ? undefined : await tx.platform.appVersion(input.appId, row.publishedVersion);
  const tables = await tx.platform.entityTables(input.appId);
  const records = current
    ? tx.records({ id: input.appId, version: current.version, schema: current.schema, tables })
    : undefined;
  const plan = await planMigration(current?.schema, next, input.renames ?? {}, {
    rows: async (entity) => (records ? records.count(entity, { kind: "all" }, {}) : 0),
    nonBlank: async (entity, field) => (records ? records.countNonBlank(entity, field) : 0),
  });
  const conflicts = draft.conflicts;
  if (input.dryRun) return { version: null, plan, applied: false, conflicts };
  if (plan.destructive && !input.confirm) {
    throw httpError(409, "http.confirmRequired", { steps: describeSteps(plan) }, { details: { plan } });
  }
  if (conflicts.length > 0 && !input.confirm) {
    const targets = conflicts.map((c) => String(c.params?.target)).join(", ");
    throw httpError(409, "http.overlayConflict", { targets }, { details: { conflicts } });
  }
  await tx.platform.applyPlan(input.appId, plan, next);
  const version = (row.publishedVersion ?? 0) + 1;
  const at = ctx.clock.now().toISOString();
  await tx.platform.insertAppVersion({
    appId: input.appId,
    version,
    schema: next,
    publishedAt: at,
    publishedBy: input.actor,
    plan,
  });
  await tx.platform.setPublished(input.appId, version, at);
  if (draft.base) await tx.platform.setMeta(variantBaseKey(input.appId, version), String(draft.base.version));
  await tx.platform.appendAudit({
    at,
    userId: input.actor,
    requestId: input.requestId,
    action: input.action,
    appId: input.appId,
    entity: null,
    recordId: null,
    diff: {
      version,
      appVersion: next.version,
      steps: plan.steps.length,
      destructive: plan.destructive,
      ...(draft.base ? { template: draft.base } : {}),
      ...(conflicts.length > 0 ? { conflicts: conflicts.map((c) => c.params?.target) } : {}),
    },
  });
  return { version, plan, applied: true, conflicts };
}
