import { type AccessPolicy, type App, createAccessPolicy } from "@plinth/runtime";
import type { ServerContext } from "../http/context.js";
import { httpError } from "../http/errors.js";
import type { ReadTx, StoredApp } from "../storage/types.js";

/** A published app ready to serve: schema, tables and compiled permissions. */
export interface PublishedApp {
  readonly stored: StoredApp;
  readonly policy: AccessPolicy;
}

/**
 * Published apps compiled once per version and reused. Each request checks the published
 * version (a one-row read), so a publish by another process is picked up without a restart.
 */
export class PublishedApps {
  private readonly cache = new Map<string, PublishedApp>();

  constructor(private readonly ctx: ServerContext) {}

  async get(tx: ReadTx, appId: string): Promise<PublishedApp> {
    const version = await tx.platform.publishedVersion(appId);
    if (version === undefined) throw httpError(404, "http.notFound", { what: "app", whatZh: "应用", id: appId });
    if (version === null) throw httpError(404, "http.notPublished", { id: appId });
    const cached = this.cache.get(appId);
    if (cached && cached.stored.version === version) return cached;
    const row = await tx.platform.appVersion(appId, version);
    if (!row) throw httpError(404, "http.notPublished", { id: appId });
    const tables = await tx.platform.entityTables(appId);
    const published = this.compile(appId, version, row.schema, tables);
    this.cache.set(appId, published);
    return published;
  }

  compile(appId: string, version: number, schema: App, tables: ReadonlyMap<string, string>): PublishedApp {
    return {
      stored: { id: appId, version, schema, tables },
      policy: createAccessPolicy(schema, { functions: this.ctx.runtime.functions }),
    };
  }
}
