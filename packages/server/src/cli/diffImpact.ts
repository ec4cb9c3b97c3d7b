/**
 * `plinth diff --server`: what publishing the new app would do to the data a running server holds.
 * Read-only: when the server's draft is the new app, its own publish dry run answers; otherwise
 * the same planner runs here against the published version, with counts from the query API.
 */
import { type App, canonicalAppJson, type Issue, type LocalizedMessage, type Runtime } from "@plinth/runtime";
import { isDestructive, type MigrationPlan, type PlanStep, planMigration } from "../storage/plan.js";
import { cliIssue } from "./messages.js";

/** The part of `fetch` the command uses (tests pass one that goes through `app.inject`). */
export type HttpFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ status: number; text(): Promise<string> }>;

/** Where to ask. */
export interface ServerTarget {
  readonly url: string;
  readonly token: string;
  readonly app: string;
}

/** What publishing the new app would do to the server's data. */
export interface DataImpact {
  readonly server: string;
  readonly app: string;
  /**
   * `dryRun`: the server's publish dry run (its draft is the new app);
   * `published`: planned here from the server's published version, counted with its query API;
   * `firstPublish`: the app has no published version, so no stored data is touched.
   */
  readonly source: "dryRun" | "published" | "firstPublish";
  /** The published version the plan starts from (null before the first publish). */
  readonly publishedVersion: number | null;
  readonly plan: MigrationPlan;
}

export type ImpactResult =
  | { readonly ok: true; readonly impact: DataImpact }
  | { readonly ok: false; readonly issue: Issue };

class Refused extends Error {
  constructor(readonly issue: Issue) {
    super(issue.message.en);
  }
}

function reasonFrom(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: { message?: unknown } };
    const message = body.error?.message ?? body.message;
    if (typeof message === "string") return message;
  } catch {
    // not JSON: show the start of the text
  }
  return text.slice(0, 200) || "(no body)";
}

function client(target: ServerTarget, fetch: HttpFetch) {
  const base = target.url.replace(/\/+$/, "");
  const app = encodeURIComponent(target.app);
  return async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown; text: string }> => {
    const url = `${base}/api/apps/${app}${path}`;
    let res: Awaited<ReturnType<HttpFetch>>;
    try {
      res = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${target.token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
      const reason = `${error instanceof Error ? error.message : String(error)}${cause}`;
      throw new Refused(cliIssue("cli.serverUnreachable", { url: base, reason }));
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text };
  };
}

function refused(request: string, res: { status: number; text: string }): Refused {
  return new Refused(cliIssue("cli.serverRefused", { request, status: res.status, reason: reasonFrom(res.text) }));
}

const codeOf = (json: unknown): string | undefined =>
  (json as { error?: { code?: unknown } } | undefined)?.error?.code as string | undefined;

/**
 * Ask a running server what publishing `next` would do to its data, changing nothing there.
 * Needs an administrator's token (drafts and publish dry runs are for administrators).
 */
export async function serverImpact(
  target: ServerTarget,
  next: App,
  runtime: Runtime,
  fetch: HttpFetch,
): Promise<ImpactResult> {
  const call = client(target, fetch);
  try {
    const draft = await call("GET", "?draft=1");
    if (draft.status !== 200) throw refused(`GET /api/apps/${target.app}?draft=1`, draft);
    const draftApp = runtime.validateApp((draft.json as { app?: unknown } | undefined)?.app).app;
    const published = await call("GET", "");
    if (published.status !== 200 && codeOf(published.json) !== "http.notPublished")
      throw refused(`GET /api/apps/${target.app}`, published);
    const current = published.status === 200 ? (published.json as { app: App; version: number }) : undefined;
    const base = { server: target.url, app: target.app, publishedVersion: current?.version ?? null };

    if (draftApp && canonicalAppJson(draftApp) === canonicalAppJson(next)) {
      const dry = await call("POST", "/publish?dryRun=1", {});
      if (dry.status !== 200) throw refused(`POST /api/apps/${target.app}/publish?dryRun=1`, dry);
      return { ok: true, impact: { ...base, source: "dryRun", plan: (dry.json as { plan: MigrationPlan }).plan } };
    }
    if (!current) {
      const plan = await planMigration(undefined, next, {}, { rows: async () => 0, nonBlank: async () => 0 });
      return { ok: true, impact: { ...base, source: "firstPublish", plan } };
    }
    const count = async (entity: string, field?: string): Promise<number> => {
      const body = { entity, measures: [{ id: "n", aggregate: "count", ...(field ? { field } : {}) }] };
      const res = await call("POST", "/query", body);
      if (res.status !== 200) throw refused(`POST /api/apps/${target.app}/query`, res);
      const row = (res.json as { rows?: Array<{ n?: unknown }> }).rows?.[0];
      return Number(row?.n ?? 0);
    };
    const plan = await planMigration(
      current.app,
      next,
      {},
      {
        rows: (entity) => count(entity),
        nonBlank: (entity, field) => count(entity, field),
      },
    );
    return { ok: true, impact: { ...base, source: "published", plan } };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, issue: error.issue };
    throw error;
  }
}

/** One plan step in words, with the rows or values it touches when it loses data. */
export function describeStep(step: PlanStep): LocalizedMessage {
  switch (step.kind) {
    case "createTable":
      return { en: `create table ${step.entity}`, "zh-CN": `新建数据表 ${step.entity}` };
    case "renameEntity":
      return { en: `rename table ${step.from} to ${step.to}`, "zh-CN": `数据表 ${step.from} 改名为 ${step.to}` };
    case "dropTable":
      return {
        en: `drop table ${step.entity}: ${step.rows} records deleted`,
        "zh-CN": `删除数据表 ${step.entity}：删除 ${step.rows} 条记录`,
      };
    case "addColumn":
      return {
        en: `add column ${step.entity}.${step.column.field} (${step.column.type})`,
        "zh-CN": `新增列 ${step.entity}.${step.column.field}（${step.column.type}）`,
      };
    case "renameColumn":
      return {
        en: `rename column ${step.entity}.${step.from} to ${step.to}`,
        "zh-CN": `列 ${step.entity}.${step.from} 改名为 ${step.to}`,
      };
    case "dropColumn":
      return {
        en: `drop column ${step.entity}.${step.field}: ${step.rows} values deleted`,
        "zh-CN": `删除列 ${step.entity}.${step.field}：删除 ${step.rows} 个值`,
      };
    case "changeType":
      return step.lossy
        ? {
            en: `convert ${step.entity}.${step.field} from ${step.from} to ${step.to}: ${step.rows} values may be lost`,
            "zh-CN": `将 ${step.entity}.${step.field} 由 ${step.from} 转为 ${step.to}：${step.rows} 个值可能丢失`,
          }
        : {
            en: `convert ${step.entity}.${step.field} from ${step.from} to ${step.to} (lossless)`,
            "zh-CN": `将 ${step.entity}.${step.field} 由 ${step.from} 无损转为 ${step.to}`,
          };
    case "addIndex":
      return {
        en: `add index on ${step.entity}(${step.index.fields.join(", ")})`,
        "zh-CN": `新增索引 ${step.entity}(${step.index.fields.join(", ")})`,
      };
    case "dropIndex":
      return {
        en: `drop index on ${step.entity}(${step.index.fields.join(", ")})`,
        "zh-CN": `删除索引 ${step.entity}(${step.index.fields.join(", ")})`,
      };
    case "optionsRemoved":
      return {
        en: `options ${step.values.join(", ")} of ${step.entity}.${step.field} removed (records keep their values)`,
        "zh-CN": `删除 ${step.entity}.${step.field} 的选项 ${step.values.join("、")}（记录保留原值）`,
      };
  }
}

/** Rows or values a plan's destructive steps touch, in total. */
export function rowsAffected(plan: MigrationPlan): number {
  return plan.steps.reduce((sum, step) => sum + (isDestructive(step) && "rows" in step ? step.rows : 0), 0);
}
